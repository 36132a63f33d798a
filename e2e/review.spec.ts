// The review queue at keyboard speed: a hundred flagged conversions arrive through the listener
// (real clicks from a bot's user agent, signed postbacks), a manager decides every one by keys
// alone (one undone on the way), and each decision is checked in the ledger through the contract.
// The time it took is printed, not asserted: the goal is under two minutes on a loaded machine too.
import { createHmac } from 'node:crypto'
import { artifact, expect, goTo, openApp, rpc, test } from './fixtures'

const BOT_UA = 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)'
const COUNT = 100

function signedQuery(secret: string, params: Record<string, string>): string {
  const text = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&')
  return new URLSearchParams({
    ...params,
    hash: createHmac('sha256', secret).update(text).digest('hex'),
  }).toString()
}

interface Line {
  kind: string
  status: string
  amountMinor: number
}
interface Detail {
  conversion: { id: number; status: string; commissionMinor: number }
  lines: Line[]
  history: { actor: string; action: string; after: { reason?: string } | null }[]
}

test('a hundred decisions by keys alone, each one in the ledger', async ({ app, page, request }) => {
  test.setTimeout(600_000)
  const adv = await rpc<{ id: number }>(request, app, 'advertisers.create', { name: 'Farm Shop' })
  const campaign = await rpc<{ id: number }>(request, app, 'campaigns.create', {
    advertiserId: adv.id,
    name: 'Winter',
    destinationUrl: 'https://shop.example.com/winter',
    holdDays: 30,
    plan: { type: 'percentage', rateBps: 1000 },
  })
  const aff = await rpc<{ id: number }>(request, app, 'affiliates.create', {
    name: 'Quinn',
    email: 'quinn@example.com',
    code: 'quinn',
  })
  await rpc(request, app, 'affiliates.setStatus', { id: aff.id, status: 'approved' })
  await rpc(request, app, 'links.create', {
    affiliateId: aff.id,
    campaignId: campaign.id,
    code: 'quinn-winter',
  })
  const { secret } = await rpc<{ secret: string }>(request, app, 'advertisers.postbackSetup', { id: adv.id })
  const { listenerUrl } = await rpc<{ listenerUrl: string }>(request, app, 'app.info', {})

  // A bot's click posted back within a second scores past the default reject threshold (bot +
  // click injection): this owner wants every one of them in front of a person instead.
  const { settings } = await rpc<{ settings: Record<string, unknown> }>(
    request,
    app,
    'fraud.settings.get',
    {},
  )
  await rpc(request, app, 'fraud.settings.update', { settings: { ...settings, rejectThreshold: 101 } })

  // A hundred flagged conversions, through the listener as the internet would send them.
  const seeded: number[] = []
  for (let i = 0; i < COUNT; i++) {
    const click = await request.get(`${listenerUrl}/c/quinn-winter`, {
      maxRedirects: 0,
      headers: { 'User-Agent': BOT_UA },
    })
    expect(click.status()).toBe(302)
    const clickId = new URL(click.headers()['location']!).searchParams.get('clickid')!
    const query = signedQuery(secret, {
      clickid: clickId,
      order_id: `RQ-${i}`,
      amount: `${10 + i}.00`,
      currency: 'USD',
      event: 'sale',
      timestamp: String(Math.floor(Date.now() / 1000)),
    })
    const res = await request.get(`${listenerUrl}/postback?${query}`)
    const body = (await res.json()) as { conversion_id: number; status: string }
    expect(res.status(), JSON.stringify(body)).toBe(200)
    seeded.push(body.conversion_id)
  }

  await openApp(page, app)
  await goTo(page, 'Review queue')
  await expect(page.getByTestId('review-waiting')).toHaveText(`${COUNT} waiting`)
  const focused = page.locator('tr.review-row[aria-current="true"]')
  const firstId = Number(await focused.getAttribute('data-id'))
  const panel = page.getByRole('complementary', { name: `Conversion #${firstId}` })
  await expect(panel).toContainText('AhrefsBot')
  await expect(panel.getByText('Siblings')).toBeVisible()
  await expect(page.locator(`tr[data-id="${firstId}"]`)).toContainText('Flagged click')
  await page.screenshot({ path: artifact('review-queue.png'), fullPage: true })
  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Review keys' })
  await expect(help).toContainText('How undo works')
  await page.screenshot({ path: artifact('review-keys.png') })
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)

  // Every third one rejected, the rest approved; at the 50th, a rejection undone and approved instead.
  const decisions = new Map<number, 'approved' | 'rejected'>()
  const started = Date.now()
  for (let n = 0; n < COUNT; n++) {
    const id = Number(await focused.getAttribute('data-id'))
    if (n === 50) {
      await page.keyboard.press('r')
      await expect(focused).not.toHaveAttribute('data-id', String(id))
      await page.keyboard.press('u')
      await expect(focused).toHaveAttribute('data-id', String(id))
    }
    const reject = n % 3 === 0
    await page.keyboard.press(reject ? 'r' : 'a')
    decisions.set(id, reject ? 'rejected' : 'approved')
    if (n < COUNT - 1) await expect(focused).not.toHaveAttribute('data-id', String(id))
  }
  const keysDone = Date.now()
  // The last decision waits out its undo window, then nothing is left.
  await expect(page.getByTestId('undo-bar')).toHaveCount(0, { timeout: 20_000 })
  await expect(page.getByTestId('review-empty')).toBeVisible()
  const sent = Date.now()

  expect([...decisions.keys()].sort((a, b) => a - b)).toEqual([...seeded].sort((a, b) => a - b))
  for (const [id, status] of decisions) {
    const d = await rpc<Detail>(request, app, 'conversions.get', { id })
    expect(d.conversion.status, `conversion ${id}`).toBe(status)
    const n = seeded.indexOf(id)
    const earning = (10 + n) * 10 // 10 % of the amount, in cents
    if (status === 'approved') {
      expect(d.lines.map((l) => [l.kind, l.status, l.amountMinor])).toEqual([
        ['earning', 'approved', earning],
      ])
    } else {
      expect(d.conversion.commissionMinor).toBe(0)
      expect(d.lines.map((l) => l.amountMinor).sort((a, b) => a - b)).toEqual([-earning, earning])
    }
    // One manager decision per conversion: the undone rejection was never sent.
    const decided = d.history
      .filter((h) => h.action === 'conversion.approved' || h.action === 'conversion.rejected')
      .map((h) => ({ actor: h.actor, action: h.action, reason: h.after?.reason }))
    expect(decided).toEqual([
      {
        actor: 'owner',
        action: `conversion.${status}`,
        reason: status === 'approved' ? 'Approved in review' : 'Rejected in review',
      },
    ])
  }
  const approved = [...decisions.values()].filter((s) => s === 'approved').length
  console.log(
    `review queue: ${COUNT} decisions by keys in ${((keysDone - started) / 1000).toFixed(1)} s ` +
      `(${approved} approved, ${COUNT - approved} rejected, one undo); all sent ${((sent - started) / 1000).toFixed(1)} s ` +
      'after the first key (the last waits out its 5 s undo window)',
  )
})

// The ledger symptoms a new user met, each over real HTTP against the listener: a signed tracker, a
// shop page's browser reports (sent the way curl would, with a forged Origin), and the auto-approval
// job on a fake clock. Each test failed before the rules moved into commissions/attribution.ts.
import { afterEach, describe, expect, it } from 'vitest'
import { click, postback, signedQuery, startProgram, type Program } from './support/listener'
import { sqlRows } from './support/sql'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 10, 20, 12)
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'

let p: Program
let clock = T0
afterEach(async () => {
  await p?.t.close()
})

async function start(signingMode: 'params' | 'simple' = 'params'): Promise<Program> {
  clock = T0
  p = await startProgram({ signingMode, now: () => clock, jobs: 'manual' })
  return p
}

let seq = 0
/** A signed postback; a fresh timestamp each time, so the replay guard sees a new signature. */
function send(params: Record<string, string>) {
  const timestamp = String(Math.floor(clock / 1000) + (seq++ % 200))
  return postback(p.base, signedQuery(p.secret, { currency: 'USD', ...params, timestamp }))
}

async function clickId(userAgent = BROWSER): Promise<string> {
  const res = await fetch(`${p.base}/c/${p.linkCode}`, {
    redirect: 'manual',
    headers: { 'user-agent': userAgent },
  })
  await res.arrayBuffer()
  return new URL(res.headers.get('location')!).searchParams.get('clickid')!
}

/** A conversion reported by the first-party script, as curl can send it: any Origin it likes. */
async function browserReport(body: Record<string, unknown>) {
  const res = await fetch(`${p.base}/v1/track/conversion`, {
    method: 'POST',
    headers: { origin: 'https://shop.example', 'content-type': 'text/plain' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const balances = async () =>
  (await p.t.call('commissions.balances', {})).rows.map((r) => ({
    affiliate: r.affiliateId,
    pending: r.pendingMinor,
    payable: r.approvedUnpaidMinor,
    paid: r.paidMinor,
  }))
const conversions = () =>
  sqlRows<{ id: number; affiliate_id: number; order_id: string; event_type: string; status: string }>(
    p.t.core.dbFile,
    'SELECT id, affiliate_id, order_id, event_type, status FROM conversions ORDER BY id',
  )
const approveDue = () => p.t.core.store.conversions.approveDue(clock, 500)

describe('refunds and rejections at any time', () => {
  it('refunds a sale still inside its hold, and auto-approval on day 30 pays nothing', async () => {
    await start()
    const [, child] = p.affiliateIds as [number, number]
    const c = await clickId()
    await send({ clickid: c, order_id: 'ORD-1', amount: '100.00', event: 'sale' })
    const refund = await send({ clickid: c, order_id: 'ORD-1', event: 'sale', status: 'refunded' })
    expect(refund).toMatchObject({ status: 200, body: { ok: true, status: 'refunded', duplicate: false } })
    clock += 31 * DAY
    expect(await approveDue()).toBe(0)
    expect(await balances()).toEqual([])
    expect((await conversions()).map((x) => [x.affiliate_id, x.status])).toEqual([[child, 'refunded']])
  })

  it('records a refund for an unknown order as refunded, and the same report again is a duplicate', async () => {
    await start()
    const c = await clickId()
    const first = await send({ clickid: c, order_id: 'ORD-R', amount: '10.00', status: 'refunded' })
    expect(first).toMatchObject({ status: 200, body: { status: 'refunded', duplicate: false } })
    const again = await send({ clickid: c, order_id: 'ORD-R', amount: '10.00', status: 'refunded' })
    expect(again).toMatchObject({ status: 200, body: { status: 'refunded', duplicate: true } })
    expect(await balances()).toEqual([])
  })

  it('answers a repeated refund as a 200 duplicate, not a 409', async () => {
    await start()
    const c = await clickId()
    await send({ clickid: c, order_id: 'ORD-2', amount: '100.00', status: 'approved' })
    expect((await send({ clickid: c, order_id: 'ORD-2', status: 'refunded' })).body).toMatchObject({
      status: 'refunded',
      duplicate: false,
    })
    const again = await send({ clickid: c, order_id: 'ORD-2', status: 'refunded' })
    expect(again).toMatchObject({ status: 200, body: { ok: true, status: 'refunded', duplicate: true } })
    // A different final word on a final conversion is still a conflict.
    expect((await send({ clickid: c, order_id: 'ORD-2', status: 'rejected' })).status).toBe(409)
  })
})

describe('dashboards', () => {
  it('net out refunds and rejections, and follow a corrected amount', async () => {
    await start()
    const overview = async () => {
      const o = await p.t.call('stats.overview', { days: 7 })
      const conversions = o.days.reduce((n, d) => n + d.conversions, 0)
      return { conversions, money: o.money.map((m) => [m.revenueMinor, m.commissionMinor]) }
    }
    const a = await clickId()
    const b = await clickId()
    await send({ clickid: a, order_id: 'D-1', amount: '100.00' })
    await send({ clickid: b, order_id: 'D-2', amount: '50.00' })
    expect(await overview()).toEqual({ conversions: 2, money: [[15_000, 2250]] })
    await send({ clickid: a, order_id: 'D-1', status: 'refunded' })
    await send({ clickid: b, order_id: 'D-2', amount: '40.00' })
    expect(await overview()).toEqual({ conversions: 1, money: [[4000, 600]] })
    // The link the refunded sale came through counts it no more either.
    const links = await p.t.call('links.list', {})
    expect(links.rows.find((l) => l.code === p.linkCode)?.conversions).toBe(1)
  })
})

describe('corrected amounts', () => {
  it('re-bases a pending 100.00 approved at 80.00: commission on 80.00, and the detail shows the history', async () => {
    await start()
    const [parent, child] = p.affiliateIds as [number, number]
    const c = await clickId()
    const id = (await send({ clickid: c, order_id: 'ORD-3', amount: '100.00' })).body.conversion_id as number
    const r = await send({ clickid: c, order_id: 'ORD-3', amount: '80.00', status: 'approved' })
    expect(r).toMatchObject({ status: 200, body: { status: 'approved' } })
    const payable = Object.fromEntries((await balances()).map((b) => [b.affiliate, b.payable]))
    expect(payable).toEqual({ [child]: 800, [parent]: 400 })
    const detail = await p.t.call('conversions.get', { id })
    expect(detail.conversion).toMatchObject({ amountMinor: 8000, status: 'approved', commissionMinor: 1200 })
    expect(detail.history.map((h) => h.action)).toEqual(['conversion.rebased', 'conversion.approved'])
    expect(detail.history[0]).toMatchObject({ before: { amountMinor: 10_000 }, after: { amountMinor: 8000 } })
  })
})

describe('trust order', () => {
  it('lets the signed click win an order a browser report claimed first, and flags the browser report', async () => {
    await start()
    const [parent, child] = p.affiliateIds as [number, number]
    // The forger: a PARENT link of their own, their own click, the real order id, a huge amount.
    const own = await p.t.call('links.create', {
      affiliateId: parent,
      campaignId: p.campaignId,
      code: 'FORGE1',
    })
    const forgedClick = (await click(p.base, own.code)).clickId!
    const forged = await browserReport({ clickId: forgedClick, orderId: 'ORD-REAL', amount: '5000.00' })
    expect(forged).toMatchObject({ status: 200, body: { ok: true } })
    const realClick = await clickId()
    const signed = await send({
      clickid: realClick,
      order_id: 'ORD-REAL',
      amount: '120.00',
      status: 'approved',
    })
    expect(signed).toMatchObject({ status: 200, body: { status: 'approved' } })

    const rows = await conversions()
    expect(rows.map((r) => [r.affiliate_id, r.status])).toEqual([
      [parent, 'rejected'],
      [child, 'approved'],
    ])
    const claimed = await p.t.call('conversions.get', { id: rows[0]!.id })
    expect(claimed.conversion.flags).toContain('order claimed by another click')
    expect(claimed.conversion.commissionMinor).toBe(0)
    // The child is paid on the signed 120.00; the forger nothing, their upline share included.
    const payable = Object.fromEntries((await balances()).map((b) => [b.affiliate, [b.pending, b.payable]]))
    expect(payable).toEqual({ [child]: [0, 1200], [parent]: [0, 600] })
  })

  it('refuses a browser report that contradicts a signed postback, and never approves one on its own', async () => {
    await start()
    const c = await clickId()
    await send({ clickid: c, order_id: 'ORD-5', amount: '100.00' })
    // Same order, another amount: the browser cannot change what the advertiser signed.
    expect((await browserReport({ clickId: c, orderId: 'ORD-5', amount: '900.00' })).status).toBe(409)
    // Repeating it exactly is harmless.
    expect(await browserReport({ clickId: c, orderId: 'ORD-5', amount: '100.00' })).toMatchObject({
      status: 200,
      body: { duplicate: true },
    })
    // A browser-only report waits: no hold, so auto-approval never takes it.
    const alone = await browserReport({ clickId: c, orderId: 'ORD-6', amount: '50.00' })
    clock += 40 * DAY
    await approveDue()
    const detail = await p.t.call('conversions.get', { id: alone.body.conversion_id as number })
    expect(detail.conversion).toMatchObject({ status: 'pending', trust: 'client', holdUntil: null })
  })

  it('keeps a browser report of the same trust from taking over or re-basing an order from another click', async () => {
    await start()
    const [parent] = p.affiliateIds as [number, number]
    const mine = await clickId()
    await browserReport({ clickId: mine, orderId: 'B-1', amount: '100.00' })
    const own = await p.t.call('links.create', {
      affiliateId: parent,
      campaignId: p.campaignId,
      code: 'FORGE2',
    })
    const theirs = (await click(p.base, own.code)).clickId!
    expect((await browserReport({ clickId: theirs, orderId: 'B-1', amount: '0.01' })).status).toBe(409)
    expect(
      sqlRows<{ amount_minor: number }>(p.t.core.dbFile, 'SELECT amount_minor FROM conversions'),
    ).toEqual([{ amount_minor: 10_000 }])
  })

  it("does not let a browser's sale beside a signed lead block the advertiser's event-less rejection", async () => {
    await start()
    const c = await clickId()
    await send({ clickid: c, order_id: 'L-9', event: 'lead' })
    expect((await browserReport({ clickId: c, orderId: 'L-9', amount: '20.00' })).status).toBe(200)
    const r = await send({ clickid: c, order_id: 'L-9', status: 'rejected' })
    expect(r).toMatchObject({ status: 200, body: { status: 'rejected' } })
    expect((await conversions()).map((x) => [x.event_type, x.status])).toEqual([
      ['lead', 'rejected'],
      ['sale', 'pending'],
    ])
  })

  it("refuses a browser report above the campaign's maximum", async () => {
    await start()
    await p.t.call('campaigns.update', { id: p.campaignId, maxClientAmountMinor: 50_000 })
    const c = await clickId()
    const r = await browserReport({ clickId: c, orderId: 'ORD-7', amount: '5000.00' })
    expect(r.status).toBe(400)
    expect(String(r.body.reason)).toContain('at most 500.00 USD')
  })
})

describe('the attribution window', () => {
  it('records a conversion on a click older than the cookie days as rejected, paying nothing', async () => {
    await start()
    const c = await clickId()
    clock += 31 * DAY
    const r = await send({ clickid: c, order_id: 'ORD-8', amount: '100.00', status: 'approved' })
    expect(r).toMatchObject({
      status: 200,
      body: { status: 'rejected', reason: 'outside the 30-day window' },
    })
    expect(await balances()).toEqual([])
  })

  it('tells the first-party script how long the click may still earn', async () => {
    await start()
    const c = await clickId()
    clock += 10 * DAY
    const res = await fetch(`${p.base}/v1/track/click`, {
      method: 'POST',
      headers: { origin: 'https://shop.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ clickId: c }),
    })
    expect(await res.json()).toMatchObject({ ok: true, clickId: c, cookieMaxAge: 20 * 86_400 })
  })
})

describe('lifetime bindings', () => {
  it('bind a customer only once a signed sale is approved, follow the binding, and release it on refund', async () => {
    await start()
    const [parent, child] = p.affiliateIds as [number, number]
    await p.t.call('campaigns.update', { id: p.campaignId, plan: { type: 'lifetime', rateBps: 1000 } })
    const bindings = () =>
      sqlRows<{ affiliate_id: number }>(p.t.core.dbFile, 'SELECT affiliate_id FROM customers')
    const first = await clickId()
    await send({ clickid: first, order_id: 'L-1', amount: '100.00', customer_id: 'CUST-1' })
    expect(await bindings()).toEqual([])
    await send({ clickid: first, order_id: 'L-1', status: 'approved' })
    expect(await bindings()).toEqual([{ affiliate_id: child }])
    // The customer comes back through the parent's own link: the bound child is credited.
    const own = await p.t.call('links.create', {
      affiliateId: parent,
      campaignId: p.campaignId,
      code: 'PARENT1',
    })
    const later = (await click(p.base, own.code)).clickId!
    const second = await send({ clickid: later, order_id: 'L-2', amount: '50.00', customer_id: 'CUST-1' })
    const rows = await conversions()
    expect(rows.find((r) => r.id === second.body.conversion_id)?.affiliate_id).toBe(child)
    // Refunding the conversion that bound the customer releases the binding.
    await send({ clickid: first, order_id: 'L-1', status: 'refunded' })
    expect(await bindings()).toEqual([])
  })
})

describe('flags hold', () => {
  it('keeps a HeadlessChrome click in review although the advertiser says approved; only a manager approves', async () => {
    await start()
    const c = await clickId('Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36')
    const r = await send({ clickid: c, order_id: 'ORD-9', amount: '100.00', status: 'approved' })
    expect(r).toMatchObject({ status: 200, body: { status: 'pending' } })
    const id = r.body.conversion_id as number
    const again = await send({ clickid: c, order_id: 'ORD-9', status: 'approved' })
    expect(again.body).toMatchObject({ status: 'pending', reason: 'held for review: suspicious_click' })
    clock += 40 * DAY
    await approveDue()
    expect((await p.t.call('conversions.get', { id })).conversion.status).toBe('pending')
    await p.t.call('conversions.setStatus', { id, status: 'approved' })
    expect((await p.t.call('conversions.get', { id })).conversion.status).toBe('approved')
  })
})

describe('events', () => {
  it("applies a status without event to the order's only conversion: rejecting a lead rejects the lead", async () => {
    await start()
    const c = await clickId()
    await send({ clickid: c, order_id: 'ORD-10', event: 'lead' })
    const r = await send({ clickid: c, order_id: 'ORD-10', status: 'rejected' })
    expect(r).toMatchObject({ status: 200, body: { status: 'rejected' } })
    expect((await conversions()).map((x) => [x.event_type, x.status])).toEqual([['lead', 'rejected']])
  })

  it('asks which conversion when the order has several, naming them', async () => {
    await start()
    const c = await clickId()
    await send({ clickid: c, order_id: 'ORD-11', event: 'lead' })
    await send({ clickid: c, order_id: 'ORD-11', event: 'sale', amount: '10.00' })
    const r = await send({ clickid: c, order_id: 'ORD-11', status: 'rejected' })
    expect(r.status).toBe(400)
    expect(String(r.body.reason)).toMatch(/lead #\d+, sale #\d+.*send event/)
  })
})

describe("the seed's sender (simple signing)", () => {
  it('keys the conversion by its click, so a repeat is a duplicate; order_id is kept for reference', async () => {
    await start('simple')
    const c = await clickId()
    const seed = (extra: Record<string, string> = {}) =>
      postback(
        p.base,
        signedQuery(
          p.secret,
          { clickid: c, payout: '50', timestamp: String(Math.floor(clock / 1000) + seq++), ...extra },
          'simple',
        ),
      )
    expect(await seed({ order_id: 'SHOP-77' })).toMatchObject({ status: 200, body: { duplicate: false } })
    expect(await seed()).toMatchObject({ status: 200, body: { duplicate: true } })
    const [row] = sqlRows<{ order_ref: string; amount_minor: number }>(
      p.t.core.dbFile,
      'SELECT order_ref, amount_minor FROM conversions',
    )
    expect(row).toEqual({ order_ref: 'SHOP-77', amount_minor: 5000 })
  })

  it("keys the shop page's browser report by the click too, so the signed payout corroborates it", async () => {
    await start('simple')
    const c = await clickId()
    expect((await browserReport({ clickId: c, orderId: 'SHOP-1', amount: '50.00' })).status).toBe(200)
    const r = await postback(
      p.base,
      signedQuery(
        p.secret,
        { clickid: c, payout: '50.00', timestamp: String(Math.floor(clock / 1000)) },
        'simple',
      ),
    )
    expect(r).toMatchObject({ status: 200, body: { duplicate: false } })
    expect(
      sqlRows<{ trust: string; order_ref: string }>(
        p.t.core.dbFile,
        'SELECT trust, order_ref FROM conversions',
      ),
    ).toEqual([{ trust: 'signed', order_ref: 'SHOP-1' }])
  })

  it('refuses unsigned amount or status with a 400 that points to params mode', async () => {
    await start('simple')
    const c = await clickId()
    const r = await postback(
      p.base,
      signedQuery(
        p.secret,
        { clickid: c, payout: '50', timestamp: String(Math.floor(clock / 1000)), status: 'approved' },
        'simple',
      ),
    )
    expect(r.status).toBe(400)
    expect(String(r.body.reason)).toContain('params mode')
  })
})

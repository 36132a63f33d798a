// The tracking loop end to end, driven through the UI of a fresh install: advertiser, campaign,
// approved affiliate and link made in the app; a real click on the listener; a postback signed with
// the secret the setup panel shows; the conversion, its ledger lines, approval, and the balance.
import { createHmac } from 'node:crypto'
import type { APIRequestContext, Page } from '@playwright/test'
import { artifact, expect, goTo, openApp, test } from './fixtures'

const BOT_UA = 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)'
// Playwright's own user agent says "Headless", which the listener rightly flags as a bot.
const VISITOR_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

// The second test uses the advertiser and link the first one made through the UI.
test.describe.configure({ mode: 'serial' })

/** What the advertiser's server does: params-mode signature over the sorted k=v pairs. */
function signedQuery(secret: string, params: Record<string, string>): string {
  const text = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&')
  const hash = createHmac('sha256', secret).update(text).digest('hex')
  return new URLSearchParams({ ...params, hash }).toString()
}

/** The listener's address, as app.info reports it, read where the owner sees it: Settings. */
async function listenerUrl(page: Page): Promise<string> {
  await goTo(page, 'Settings')
  const url = (await page.locator('dt:has-text("Listener") + dd').innerText()).trim()
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  return url
}

/** Reads the advertiser's secret from the postback setup panel (Campaigns & links → Advertisers). */
async function advertiserSecret(page: Page, advertiser: string): Promise<string> {
  await goTo(page, 'Campaigns & links')
  await page
    .getByRole('navigation', { name: 'Campaigns & links' })
    .getByRole('link', { name: 'Advertisers' })
    .click()
  await page.getByRole('link', { name: advertiser }).click()
  await expect(page.getByRole('heading', { level: 1, name: advertiser })).toBeVisible()
  return revealSecret(page)
}

/** Presses "Show" beside the secret on the open advertiser page and reads it. */
async function revealSecret(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Show Secret (HMAC key)' }).click()
  const secret = (await page.getByTestId('postback-secret').innerText()).trim()
  expect(secret).toMatch(/^[0-9a-f]{64}$/)
  return secret
}

async function click(request: APIRequestContext, listener: string, code: string, userAgent = VISITOR_UA) {
  const res = await request.get(`${listener}/c/${code}`, {
    maxRedirects: 0,
    // A visitor follows the link from the affiliate's page (a click without a referer reads as
    // cookie stuffing to the fraud checks).
    headers: { 'User-Agent': userAgent, Referer: 'https://ada.example/reviews' },
  })
  expect(res.status()).toBe(302)
  const location = new URL(res.headers()['location']!)
  expect(location.origin + location.pathname).toBe('https://shop.example.com/spring')
  const clickId = location.searchParams.get('clickid')
  expect(clickId).toMatch(/^[0-9A-Z]{26}$/)
  return clickId!
}

async function postback(
  request: APIRequestContext,
  listener: string,
  secret: string,
  clickId: string,
  orderId: string,
) {
  const query = signedQuery(secret, {
    clickid: clickId,
    order_id: orderId,
    amount: '49.90',
    currency: 'USD',
    event: 'sale',
    timestamp: String(Math.floor(Date.now() / 1000)),
  })
  const res = await request.get(`${listener}/postback?${query}`)
  const body = (await res.json()) as { ok: boolean; status: string; conversion_id: number }
  expect(res.status(), JSON.stringify(body)).toBe(200)
  expect(body).toMatchObject({ ok: true, status: 'pending', duplicate: false })
  return body.conversion_id
}

test('a tracked sale: link, click, signed postback, ledger lines, approval and the balance', async ({
  app,
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin })

  // Advertiser and a 10% campaign, made in the campaign editor (a fresh install opens the advertiser form).
  await openApp(page, app, 'Campaigns & links')
  await page.getByRole('link', { name: 'New campaign' }).click()
  const advertiserForm = page.getByRole('form', { name: 'New advertiser' })
  await advertiserForm.getByLabel('Advertiser name').fill('Acme Shop')
  await advertiserForm.getByRole('button', { name: 'Create advertiser' }).click()
  await expect(advertiserForm).toBeHidden()
  const campaignForm = page.getByRole('form', { name: 'Campaign' })
  await campaignForm.getByLabel('Campaign name').fill('Spring sale')
  await campaignForm.getByLabel('Destination URL').fill('https://shop.example.com/spring')
  await campaignForm.getByLabel('Rate of sale (%)').fill('10')
  await campaignForm.getByRole('button', { name: 'Create campaign' }).click()
  await expect(page.getByRole('row', { name: /Spring sale/ })).toBeVisible()

  // An approved affiliate.
  await goTo(page, 'Affiliates')
  await page.getByRole('button', { name: 'New affiliate' }).click()
  const affiliateForm = page.getByRole('dialog', { name: 'New affiliate' })
  await affiliateForm.getByLabel('Name').fill('Ada Lovelace')
  await affiliateForm.getByLabel('Email', { exact: true }).fill('ada@example.com')
  await affiliateForm.getByLabel(/^Code/).fill('ADA')
  await affiliateForm.getByRole('button', { name: 'Create affiliate' }).click()
  await page.getByRole('button', { name: 'Approve ADA' }).click()
  await expect(page.getByRole('row', { name: /ADA/ })).toContainText('Approved')

  // Her link, from the Links tab; a second link with the same code is refused on the code field.
  await goTo(page, 'Campaigns & links')
  await page
    .getByRole('navigation', { name: 'Campaigns & links' })
    .getByRole('link', { name: 'Links' })
    .click()
  await expect(page.getByText('No tracking links yet')).toBeVisible()
  for (const attempt of ['first', 'duplicate'] as const) {
    await page.getByRole('button', { name: 'New link' }).click()
    const dialog = page.getByRole('dialog', { name: 'New link' })
    await dialog.getByLabel('Affiliate').fill('Lovelace')
    await dialog.getByRole('button', { name: /^ADA — Ada Lovelace/ }).click()
    await dialog.getByLabel('Campaign').selectOption({ label: 'Spring sale' })
    await dialog.getByLabel(/^Link code/).fill('ada-spring')
    await dialog.getByRole('button', { name: 'Create link' }).click()
    if (attempt === 'first') {
      await expect(dialog).toBeHidden()
    } else {
      await expect(dialog.getByRole('alert')).toContainText('This clashes with an existing record')
      await expect(dialog.getByLabel(/^Link code/)).toHaveAttribute('aria-invalid', 'true')
      await expect(dialog.locator('.field-error')).toHaveText('A link with code "ada-spring" already exists')
      await page.screenshot({ path: artifact('links-duplicate-code.png') })
      await dialog.getByRole('button', { name: 'Cancel' }).click()
    }
  }
  const linkRow = page.getByRole('row', { name: /ada-spring/ })
  await expect(linkRow).toContainText('/c/ada-spring')
  await expect(linkRow).toContainText('Spring sale')
  await linkRow.getByRole('button', { name: 'Copy tracking URL of ada-spring' }).click()
  await expect(linkRow.getByRole('button', { name: /^Copied/ })).toBeVisible()
  // A string expression: it runs in the page, and the e2e tsconfig has no DOM types.
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toMatch(/\/c\/ada-spring$/)
  await page.screenshot({ path: artifact('links.png') })
  // Switched off and on again from its row, with each outcome announced.
  const active = linkRow.getByRole('switch', { name: 'Link ada-spring active' })
  for (const [check, state] of [
    [false, 'inactive'],
    [true, 'active'],
  ] as const) {
    // A click, not setChecked: the switch shows the saved state, so it flips once the list reloads.
    await active.click()
    await expect(
      page.getByRole('status').filter({ hasText: `Link ada-spring is now ${state}.` }),
    ).toBeVisible()
    await expect(active).toBeChecked({ checked: check })
  }

  // The advertiser's postback setup: the test postback goes through the listener, both steps OK.
  await page
    .getByRole('navigation', { name: 'Campaigns & links' })
    .getByRole('link', { name: 'Advertisers' })
    .click()
  await page.getByRole('link', { name: 'Acme Shop' }).click()
  await expect(page.getByText('Postback URL template')).toBeVisible()
  await expect(page.getByText(/\/postback\?clickid=\{clickid\}/)).toBeVisible()
  await page.getByRole('button', { name: 'Send test postback' }).click()
  const result = page.getByRole('status').filter({ hasText: 'Test postback' })
  await expect(result).toContainText('Test postback accepted')
  const steps = result.getByRole('list', { name: 'Test steps' }).getByRole('listitem')
  await expect(steps).toHaveCount(2)
  await expect(steps.nth(0)).toContainText('OK: GET /c/ada-spring')
  await expect(steps.nth(1)).toContainText('OK: GET /postback')
  const secret = await revealSecret(page)
  await page.screenshot({ path: artifact('postback-setup.png'), fullPage: true })

  // The advertiser's test order posts back a second after the click, which the fraud checks would
  // hold as click injection: the owner switches that rule off in Settings first.
  await goTo(page, 'Settings')
  await page.getByRole('checkbox', { name: 'Click injection on' }).uncheck()
  await page.getByRole('button', { name: 'Save fraud settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'New thresholds apply' })).toBeVisible()

  // A real visitor and the advertiser's signed postback.
  const listener = await listenerUrl(page)
  const clickId = await click(request, listener, 'ada-spring')
  const conversionId = await postback(request, listener, secret, clickId, 'ORDER-1001')

  // The conversion, with the line that explains its money.
  await goTo(page, 'Conversions')
  const row = page.getByRole('row', { name: /ORDER-1001/ })
  await expect(row).toContainText('Pending')
  await expect(row).toContainText('$49.90')
  await expect(row).toContainText('$4.99')
  await row.click()
  const detail = page.getByRole('dialog', { name: `Conversion #${conversionId}` })
  await expect(detail).toContainText('Signed postback (HMAC)')
  await expect(detail).toContainText('No fraud flags')
  const lines = detail.getByRole('table', { name: `Commission lines of conversion ${conversionId}` })
  const line = lines.getByRole('row', { name: /ADA/ })
  await expect(line).toContainText('1 · affiliate')
  await expect(line).toContainText('Earning')
  await expect(line).toContainText('$49.90')
  await expect(line).toContainText('10%')
  await expect(line).toContainText('$4.99')
  await expect(line).toContainText('Pending')
  // Refunds come at any time, also inside the hold; only a final conversion offers nothing.
  await expect(detail.getByRole('button', { name: 'Refund' })).toBeEnabled()
  await expect(detail.getByRole('button', { name: 'Approve' })).toBeEnabled()
  await page.screenshot({ path: artifact('conversion-detail.png') })
  await detail.getByRole('button', { name: 'Close' }).click()

  // The balance before approval: pending, nothing payable.
  const balance = async () => {
    await goTo(page, 'Commissions')
    await page
      .getByRole('navigation', { name: 'Commissions' })
      .getByRole('link', { name: 'Balances' })
      .click()
    const r = page.getByRole('row', { name: /ADA/ })
    await expect(r).toContainText('USD')
    return r.getByRole('cell')
  }
  let cells = await balance()
  await expect(cells.nth(3)).toHaveText('$4.99')
  await expect(cells.nth(4)).toHaveText('$0.00')

  // Approve it in the UI (the URL of a conversion opens its detail directly).
  await page.goto(`${app.origin}/#/conversions/${conversionId}`)
  const again = page.getByRole('dialog', { name: `Conversion #${conversionId}` })
  await again.getByLabel(/^Reason/).fill('Order shipped')
  await again.getByRole('button', { name: 'Approve' }).click()
  await expect(
    again.getByRole('status').filter({ hasText: `Approved conversion #${conversionId}.` }),
  ).toBeVisible()
  await expect(again.getByRole('button', { name: 'Approve' })).toBeDisabled()
  await expect(again.getByRole('button', { name: 'Refund' })).toBeEnabled()
  await expect(again.getByRole('row', { name: /ADA/ })).toContainText('Approved')
  await expect(again).toContainText('“Order shipped”')
  await again.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('row', { name: /ORDER-1001/ })).toContainText('Approved')

  // The money moved from pending to payable.
  cells = await balance()
  await expect(cells.nth(3)).toHaveText('$0.00')
  await expect(cells.nth(4)).toHaveText('$4.99')
  await page.screenshot({ path: artifact('balances.png') })
})

test('a conversion from a bot click waits in the review queue, and rejecting it takes it out', async ({
  app,
  page,
  request,
}) => {
  await openApp(page, app)
  const secret = await advertiserSecret(page, 'Acme Shop')
  const listener = await listenerUrl(page)
  const clickId = await click(request, listener, 'ada-spring', BOT_UA)
  const conversionId = await postback(request, listener, secret, clickId, 'ORDER-BOT')

  await goTo(page, 'Dashboard')
  await expect(page.getByTestId('tile-review')).toHaveText('1')
  await page
    .getByRole('main')
    .getByRole('link', { name: /^Review queue/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible()
  const row = page.locator(`tr.review-row[data-id="${conversionId}"]`)
  await expect(row).toContainText('Flagged click')
  await row.click()
  const panel = page.getByRole('complementary', { name: `Conversion #${conversionId}` })
  await expect(panel).toContainText('AhrefsBot')
  await expect(panel).toContainText('Signed postback (HMAC)')
  // A reason typed in the quick field, Enter back to the list, `r` to reject, then sent at once.
  // Typed key by key: its a's, r's and u's must not decide anything while the field has the focus.
  await page
    .getByLabel(/^Reason for the next decision/)
    .pressSequentially('Bot traffic, a farm: reject; undo')
  await expect(page.getByTestId('undo-bar')).toHaveCount(0)
  await page.getByLabel(/^Reason for the next decision/).fill('Bot traffic')
  await page.keyboard.press('Enter')
  await page.keyboard.press('r')
  await expect(page.getByTestId('undo-bar')).toContainText(`Rejected #${conversionId}`)
  await expect(page.getByTestId('review-announcer')).toContainText('press u to undo')
  await page.getByRole('button', { name: 'Send now' }).click()
  await expect(page.getByTestId('review-empty')).toBeVisible()

  // In the ledger: rejected, with the reason, and final.
  await goTo(page, 'Conversions')
  await page
    .getByRole('row', { name: /ORDER-BOT/ })
    .getByRole('button', { name: `#${conversionId} — open conversion ${conversionId}` })
    .click()
  const detail = page.getByRole('dialog', { name: `Conversion #${conversionId}` })
  await expect(detail).toContainText('Bot traffic')
  await expect(detail.getByRole('button', { name: 'Approve' })).toBeDisabled()
  await expect(detail).toContainText('A rejected conversion is final.')
})

test('rotating the secret: confirmed first, and postbacks signed with the old one are refused', async ({
  app,
  page,
  request,
}) => {
  await openApp(page, app)
  const old = await advertiserSecret(page, 'Acme Shop')

  // Settings first: a bad allow-list entry is refused by the server and shown on its field.
  const settings = page.getByRole('form', { name: 'Advertiser settings' })
  await settings.getByLabel(/^Allowed IPs/).fill('127.0.0.1\nnot-an-ip')
  await settings.getByRole('button', { name: 'Save advertiser' }).click()
  await expect(settings.getByRole('alert')).toContainText('Could not save the advertiser')
  await expect(settings.getByLabel(/^Allowed IPs/)).toHaveAttribute('aria-invalid', 'true')
  await settings.getByLabel(/^Allowed IPs/).fill('')
  await settings.getByRole('button', { name: 'Save advertiser' }).click()
  await expect(settings.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()

  await page.getByRole('button', { name: 'Rotate secret' }).click()
  const confirm = page.getByRole('dialog', { name: 'Rotate the postback secret?' })
  await expect(confirm).toContainText('are refused from then on')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(confirm).toBeHidden()
  await page.getByRole('button', { name: 'Rotate secret' }).click()
  await confirm.getByRole('button', { name: 'Rotate secret and token' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'New secret and token issued.' })).toBeVisible()
  const fresh = await revealSecret(page)
  expect(fresh).not.toBe(old)

  const listener = await listenerUrl(page)
  const clickId = await click(request, listener, 'ada-spring')
  // A rotation clears the listener's cached keys, so the old secret is refused at once.
  const query = signedQuery(old, {
    clickid: clickId,
    order_id: 'ORDER-OLD-SECRET',
    amount: '10.00',
    event: 'sale',
    timestamp: String(Math.floor(Date.now() / 1000)),
  })
  const refused = await request.get(`${listener}/postback?${query}`)
  expect(`${refused.status()} ${((await refused.json()) as { reason: string | null }).reason}`).toBe(
    '403 signature does not match',
  )
  await postback(request, listener, fresh, clickId, 'ORDER-NEW-SECRET')
})

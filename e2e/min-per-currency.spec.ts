// The minimum payout per currency, through the UI: on `serve --demo`, the owner gives EUR a
// minimum of its own in Settings → Payouts, one cent above what an affiliate is owed in EUR; the
// next preview leaves that EUR group out, saying the minimum in euros, and still pays USD. The
// contract (RPC) is only read, as ground truth.
import type { APIRequestContext, Page } from '@playwright/test'
import type { MethodOutput } from '../src/shared/contract'
import { displayMoney, formatMinor } from '../src/shared/money'
import { artifact, expect, goTo, openApp, test, type HeadlessApp } from './fixtures'

test.use({ demo: true })

type Preview = MethodOutput<'payouts.preview'>

async function rpc<T>(request: APIRequestContext, app: HeadlessApp, method: string, input: unknown) {
  const res = await request.post(`${app.origin}/api/rpc/${method}`, {
    headers: { 'X-Session-Token': app.token },
    data: input,
  })
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.value as T
}

/** The end of yesterday, local time: the cut-off the New run page proposes. */
function defaultCutoff(): number {
  const d = new Date()
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - 1
}

async function previewFor(page: Page, codes: string[]): Promise<void> {
  await goTo(page, 'Payouts')
  await page.getByRole('link', { name: 'New run' }).click()
  for (const code of codes) {
    await page.getByLabel('Only these affiliates').fill(code)
    await page.getByRole('button', { name: new RegExp(`^${code} — .* — add to this run$`) }).click()
    await expect(page.getByRole('list', { name: 'Affiliates in this run' })).toContainText(code)
  }
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('heading', { name: 'Preview: nothing has changed yet' })).toBeVisible()
}

test('a EUR minimum set in Settings leaves a EUR group out, in euros, while USD is paid', async ({
  app,
  page,
  request,
}) => {
  test.setTimeout(180_000)
  const before = await rpc<Preview>(request, app, 'payouts.preview', { cutoff: defaultCutoff() })
  const eur = before.items.find((i) => i.currency === 'EUR')
  const usd = before.items.find((i) => i.currency === 'USD' && i.affiliateId !== eur?.affiliateId)
  expect(eur, 'the demo owes someone EUR').toBeDefined()
  expect(usd, 'the demo owes someone else USD').toBeDefined()
  const minimum = eur!.amountMinor + 1

  await openApp(page, app)
  await goTo(page, 'Settings')
  await page.getByRole('button', { name: 'Add a currency' }).click()
  await page.getByLabel('Currency of minimum 1').fill('eur')
  await page.getByLabel('Minimum in EUR').fill(formatMinor(minimum, 'EUR'))
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible()
  await page
    .getByRole('region', { name: 'Payouts' })
    .screenshot({ path: artifact('min-per-currency-settings.png') })
  const settings = await rpc<MethodOutput<'settings.get'>>(request, app, 'settings.get', {})
  expect(settings.minPayoutByCurrency).toEqual({ EUR: minimum })

  await previewFor(page, [eur!.affiliateCode, usd!.affiliateCode])
  const left = page
    .getByRole('table', { name: 'Affiliates left out and why' })
    .getByRole('row')
    .filter({ hasText: eur!.affiliateCode })
  await expect(left.filter({ hasText: 'Below the minimum payout' })).toContainText(
    `Below the minimum payout of ${displayMoney(minimum, 'EUR')}`,
  )
  const paid = page
    .getByRole('table', { name: 'Items of the previewed run' })
    .getByRole('row')
    .filter({ hasText: usd!.affiliateCode })
    .filter({ hasText: 'USD' })
  await expect(paid).toHaveCount(1)
  await page
    .getByRole('table', { name: 'Affiliates left out and why' })
    .screenshot({ path: artifact('min-per-currency-preview.png') })
})

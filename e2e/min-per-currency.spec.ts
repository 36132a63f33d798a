// The minimum payout per currency, through the UI: on `serve --demo`, the owner gives EUR a
// minimum of its own in Settings → Payouts, one cent above what an affiliate is owed in EUR; the
// next preview leaves that EUR group out, saying the minimum in euros, and still pays USD. The
// contract (RPC) is only read, as ground truth.
import type { MethodOutput } from '../src/shared/contract'
import { displayMoney, formatMinor } from '../src/shared/money'
import { artifact, expect, goTo, openApp, rpc, test } from './fixtures'
import { defaultCutoff, previewFor } from './payout-run'

test.use({ demo: true })

type Preview = MethodOutput<'payouts.preview'>

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

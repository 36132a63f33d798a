// Fixing what a payout run leaves out, through the UI only: on `serve --demo`, two affiliates who
// are owed EUR and USD have no usable payment details, so a preview excludes them with a link to
// their form. The owner gives one a Wise EUR bank account (an invalid IBAN is refused first, with the
// server's own message) and the other a US bank account, sets the program minimum in Settings, and
// the next preview pays both. The contract (RPC) is only read, as ground truth, or used for setup.
import type { Page } from '@playwright/test'
import type { MethodOutput } from '../src/shared/contract'
import { formatMinor } from '../src/shared/money'
import { artifact, expect, goTo, openApp, rpc, rpcRaw, test } from './fixtures'
import { defaultCutoff, previewFor } from './payout-run'

test.use({ demo: true })

type Preview = MethodOutput<'payouts.preview'>
async function editAffiliate(page: Page, code: string) {
  await goTo(page, 'Affiliates')
  await page.getByRole('searchbox').first().fill(code)
  await page.getByRole('button', { name: `Edit ${code}`, exact: true }).click()
  return page.getByRole('dialog', { name: `Edit ${code}` })
}

const BAD_IBAN = 'DE00 3704 0044 0532 0130 00'
const GOOD_IBAN = 'DE89 3704 0044 0532 0130 00'

test('payment details and the payout minimum, fixed in the forms, put excluded affiliates in a run', async ({
  app,
  page,
  request,
}) => {
  test.setTimeout(240_000)
  const cutoff = defaultCutoff()
  const before = await rpc<Preview>(request, app, 'payouts.preview', { cutoff })
  const eur = before.items.find((i) => i.currency === 'EUR')
  const usd = before.items.find((i) => i.currency === 'USD' && i.affiliateId !== eur?.affiliateId)
  expect(eur, 'the demo owes someone EUR').toBeDefined()
  expect(usd, 'the demo owes someone else USD').toBeDefined()
  const [a, b] = [eur!, usd!]

  // Setup: both lose their usable details (as if imported half-filled).
  await rpc(request, app, 'affiliates.update', {
    id: a.affiliateId,
    paymentMethod: 'wise',
    paymentEmail: null,
    bankDetails: null,
    payoutCurrency: 'EUR',
  })
  await rpc(request, app, 'affiliates.update', {
    id: b.affiliateId,
    paymentMethod: 'bank',
    paymentEmail: null,
    bankDetails: null,
    payoutCurrency: 'USD',
  })

  // ---------- the preview leaves them out, and links to the fix ----------
  await openApp(page, app)
  await previewFor(page, [a.affiliateCode, b.affiliateCode])
  const exclusions = page.getByRole('table', { name: 'Affiliates left out and why' })
  await expect(exclusions.getByRole('row').filter({ hasText: a.affiliateCode })).toContainText(
    'Missing payment details',
  )
  await page.screenshot({ path: artifact('payment-details-excluded.png'), fullPage: true })
  await exclusions.getByRole('link', { name: `Fix payment details of ${a.affiliateCode}` }).click()
  await expect(page).toHaveURL(new RegExp(`#/affiliates/${a.affiliateId}$`))
  const drawerA = page.getByRole('dialog', { name: `Edit ${a.affiliateCode}` })

  // ---------- Wise to a EUR bank account: a bad IBAN is refused with the server's message ----------
  const refused = await rpcRaw(request, app, 'affiliates.update', {
    id: a.affiliateId,
    bankDetails: { accountHolder: 'X', iban: BAD_IBAN },
  })
  const serverMessage = refused.error?.issues?.find((i) => i.path === 'bankDetails.iban')?.message
  expect(serverMessage).toBeTruthy()
  await drawerA.getByLabel('Payment method').selectOption({ label: 'Wise: to a bank account' })
  await expect(drawerA.getByLabel(/^Payment email/)).toBeVisible()
  await drawerA.getByLabel('Account holder').fill('Ada Lovelace')
  await drawerA.getByLabel('IBAN', { exact: true }).fill(BAD_IBAN)
  await drawerA.getByRole('button', { name: 'Save changes' }).click()
  await expect(drawerA.locator('.field.has-error').filter({ hasText: 'IBAN' })).toContainText(serverMessage!)
  await page.screenshot({ path: artifact('payment-details-bad-iban.png') })
  expect(
    (await rpc<{ bankDetails: unknown }>(request, app, 'affiliates.get', { id: a.affiliateId })).bankDetails,
  ).toBeNull()
  await drawerA.getByLabel('IBAN', { exact: true }).fill(GOOD_IBAN)
  await drawerA.getByLabel(/^BIC/).fill('COBADEFFXXX')
  await drawerA.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Saved ${a.affiliateCode}.` })).toBeVisible()
  await expect(drawerA).toHaveCount(0)
  const savedA = await rpc<MethodOutput<'affiliates.get'>>(request, app, 'affiliates.get', {
    id: a.affiliateId,
  })
  expect(savedA.paymentMethod).toBe('wise')
  expect(savedA.bankDetails).toMatchObject({
    accountHolder: 'Ada Lovelace',
    iban: 'DE89370400440532013000',
    bic: 'COBADEFFXXX',
  })
  // The list never shows the number; the form shows it masked.
  await expect(page.getByRole('table', { name: 'Affiliates' })).not.toContainText('0532')
  const reopened = await editAffiliate(page, a.affiliateCode)
  await expect(reopened.getByLabel('IBAN', { exact: true })).toHaveValue('')
  await expect(reopened.getByLabel('IBAN', { exact: true })).toHaveAttribute('placeholder', '•••• 3000')
  await expect(reopened).not.toContainText('0532')
  await reopened.getByRole('button', { name: 'Cancel' }).click()

  // ---------- a US bank account: the USD fields ----------
  const drawerB = await editAffiliate(page, b.affiliateCode)
  await drawerB.getByLabel('Payment method').selectOption({ label: 'Bank transfer' })
  await expect(drawerB.getByLabel('IBAN', { exact: true })).toHaveCount(0)
  await drawerB.getByLabel('Account holder').fill('Bob Builder')
  await drawerB.getByLabel('Account number').fill('12345678')
  await drawerB.getByLabel('ABA routing number').fill('021000021')
  await drawerB.getByLabel('Account type').selectOption('CHECKING')
  await drawerB.getByLabel('Country').fill('US')
  await drawerB.getByLabel('City').fill('New York')
  await drawerB.getByLabel('Post code').fill('10001')
  await drawerB.getByLabel('Address line').fill('1 Main Street')
  await drawerB.getByRole('button', { name: 'Save changes' }).click()
  // A US address needs its state before a run can export it.
  await expect(drawerB.locator('.field.has-error').filter({ hasText: 'State' })).toContainText('state')
  await drawerB.getByLabel(/^State/).fill('NY')
  await page.screenshot({ path: artifact('payment-details-usd-bank.png') })
  await drawerB.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Saved ${b.affiliateCode}.` })).toBeVisible()
  const savedB = await rpc<MethodOutput<'affiliates.get'>>(request, app, 'affiliates.get', {
    id: b.affiliateId,
  })
  expect(savedB.bankDetails).toEqual({
    accountHolder: 'Bob Builder',
    receiverType: 'PERSON',
    accountNumber: '12345678',
    routingNumber: '021000021',
    accountType: 'CHECKING',
    country: 'US',
    state: 'NY',
    city: 'New York',
    postCode: '10001',
    addressLine: '1 Main Street',
  })

  // ---------- Settings → Payouts: the minimum is exactly the smaller of the two amounts ----------
  const minimum = Math.min(a.amountMinor, b.amountMinor)
  await goTo(page, 'Settings')
  const settings = await rpc<MethodOutput<'settings.get'>>(request, app, 'settings.get', {})
  await page.getByLabel(/^Minimum payout/).fill(formatMinor(minimum, settings.defaultCurrency))
  await page.getByLabel(/^Yearly tax-report threshold/).fill('1000')
  await page.getByRole('radio', { name: /^Comma: 5,45/ }).check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible()
  const after = await rpc<MethodOutput<'settings.get'>>(request, app, 'settings.get', {})
  expect([after.minPayoutMinor, after.taxThresholdMinor, after.paypalDecimalStyle]).toEqual([
    minimum,
    100_000,
    'comma',
  ])

  // ---------- the next preview pays both ----------
  await previewFor(page, [a.affiliateCode, b.affiliateCode])
  const items = page.getByRole('table', { name: 'Items of the previewed run' })
  const rowA = items.getByRole('row').filter({ hasText: a.affiliateCode }).filter({ hasText: 'EUR' })
  const rowB = items.getByRole('row').filter({ hasText: b.affiliateCode }).filter({ hasText: 'USD' })
  await expect(rowA).toHaveCount(1)
  await expect(rowB).toHaveCount(1)
  await expect(rowA).toContainText('Wise')
  await expect(rowB).toContainText('Bank')
  await page.screenshot({ path: artifact('payment-details-included.png'), fullPage: true })
  const preview = await rpc<Preview>(request, app, 'payouts.preview', {
    cutoff,
    affiliateIds: [a.affiliateId, b.affiliateId],
  })
  expect(preview.items.find((i) => i.affiliateId === a.affiliateId && i.currency === 'EUR')).toMatchObject({
    method: 'wise',
    amountMinor: a.amountMinor,
  })
  expect(preview.items.find((i) => i.affiliateId === b.affiliateId && i.currency === 'USD')).toMatchObject({
    method: 'bank',
    amountMinor: b.amountMinor,
  })
})

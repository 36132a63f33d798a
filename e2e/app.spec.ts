// The headless app end to end: the real CLI (`affiliate-desk serve`), a real SQLite file in a temp
// folder, Debian's Chromium. Each test opens the URL the CLI printed, as the owner would.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, test, type HeadlessApp } from './fixtures'

const artifact = (name: string) => fileURLToPath(new URL(`./artifacts/${name}`, import.meta.url))

async function open(page: Page, app: HeadlessApp, section?: string) {
  await page.goto(app.url)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  if (section) {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: section, exact: true })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible()
  }
}

test('the API refuses calls without the session token', async ({ app, request }) => {
  const missing = await request.post(`${app.origin}/api/rpc/app.info`, { data: {} })
  expect(missing.status()).toBe(401)
  expect(await missing.json()).toMatchObject({ ok: false })

  const wrong = await request.post(`${app.origin}/api/rpc/app.info`, {
    data: {},
    headers: { 'X-Session-Token': 'not-the-token' },
  })
  expect(wrong.status()).toBe(401)

  const right = await request.post(`${app.origin}/api/rpc/app.info`, {
    data: {},
    headers: { 'X-Session-Token': app.token },
  })
  expect(right.status()).toBe(200)
  expect(await right.json()).toMatchObject({ ok: true, value: { shell: 'headless' } })
})

test('without the token the page says how to get in; with it, the token leaves the address bar', async ({
  app,
  page,
}) => {
  await page.goto(`${app.origin}/`)
  await expect(page.getByText('Open the URL printed by')).toBeVisible()
  await expect(page.getByText('affiliate-desk serve')).toBeVisible()

  await page.goto(app.url)
  await expect(page).toHaveTitle('Affiliate Desk')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  expect(page.url()).not.toContain('token')
  // A reload keeps the session (the token is in this tab's sessionStorage).
  await page.reload()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
})

test('create an advertiser and a 10% campaign, and see it in the list', async ({ app, page }) => {
  await open(page, app, 'Campaigns & links')
  const tabs = page.getByRole('navigation', { name: 'Campaigns & links' })
  await expect(tabs.getByRole('link', { name: 'Campaigns' })).toHaveAttribute('aria-current', 'page')
  await expect(tabs.getByRole('link', { name: 'Links' })).toBeVisible()
  await page.getByRole('link', { name: 'New campaign' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New campaign' })).toBeVisible()

  // A fresh install has no advertiser, so the inline form is already open.
  const advertiserForm = page.getByRole('form', { name: 'New advertiser' })
  await advertiserForm.getByLabel('Advertiser name').fill('Acme Shop')
  await advertiserForm.getByLabel('Postback signing').selectOption('simple')
  await advertiserForm.getByRole('button', { name: 'Create advertiser' }).click()
  await expect(advertiserForm).toBeHidden()
  const advertiser = page.getByRole('combobox', { name: 'Advertiser', exact: true })
  await expect(advertiser.locator('option:checked')).toHaveText('Acme Shop')

  const form = page.getByRole('form', { name: 'Campaign' })
  await form.getByLabel('Campaign name').fill('Spring sale')
  await form.getByLabel('Destination URL').fill('https://shop.example.com/spring')
  await expect(form.getByLabel('Plan type')).toHaveValue('percentage')
  await form.getByLabel('Rate of sale (%)').fill('10')
  await form.getByRole('button', { name: 'Add upline level' }).click()
  await form.getByLabel('Level 2 (parent) rate (%)').fill('2.5')
  await form.getByRole('button', { name: 'Create campaign' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Campaigns & links' })).toBeVisible()
  const row = page.getByRole('row', { name: /Spring sale/ })
  await expect(row).toContainText('Acme Shop')
  await expect(row).toContainText('10% of sale + 2-tier')
  await expect(row).toContainText('Active')

  // It opens again in the editor with the plan as saved.
  await row.getByRole('link', { name: 'Spring sale' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Spring sale' })).toBeVisible()
  await expect(page.getByLabel('Rate of sale (%)')).toHaveValue('10')
  await expect(page.getByLabel('Level 2 (parent) rate (%)')).toHaveValue('2.5')
})

test('the campaign editor shows field errors and keeps the input', async ({ app, page }) => {
  await open(page, app)
  await page.goto(`${app.origin}/#/campaigns/new`)
  const form = page.getByRole('form', { name: 'Campaign' })
  await form.getByLabel('Campaign name').fill('Broken')
  await form.getByLabel('Destination URL').fill('not a url')
  await form.getByLabel('Rate of sale (%)').fill('12.345')
  await form.getByRole('button', { name: 'Create campaign' }).click()
  await expect(page.getByRole('alert').first()).toContainText('Some fields need attention')
  await expect(form.getByText('Enter a percentage such as 12.5 (at most two decimals)')).toBeVisible()
  await expect(form.getByLabel('Destination URL')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByLabel('Campaign name')).toHaveValue('Broken')
})

test('create an affiliate, approve it, and get a clear error for a duplicate code', async ({ app, page }) => {
  await open(page, app, 'Affiliates')
  await expect(page.getByText('No affiliates yet.', { exact: false })).toBeVisible()

  await page.getByRole('button', { name: 'New affiliate' }).click()
  let dialog = page.getByRole('dialog', { name: 'New affiliate' })
  await dialog.getByLabel('Name').fill('Ada Lovelace')
  await dialog.getByLabel('Email', { exact: true }).fill('ada@example.com')
  await dialog.getByLabel(/^Code/).fill('ADA')
  await dialog.getByLabel('Override rate (%)').fill('12.5')
  await dialog.getByRole('button', { name: 'Create affiliate' }).click()
  await expect(dialog).toBeHidden()

  const row = page.getByRole('row', { name: /ADA/ })
  await expect(row).toContainText('Ada Lovelace')
  await expect(row).toContainText('Pending')
  await expect(page.getByTestId('total-count')).toHaveText('1–1 of 1 affiliates')

  await row.getByRole('button', { name: 'Approve ADA' }).click()
  await expect(row).toContainText('Approved')
  await expect(row.getByRole('button', { name: 'Suspend ADA' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'ADA is now approved.' })).toBeVisible()

  // A second affiliate with the same code: the form stays open, says why, and keeps every value.
  await page.getByRole('button', { name: 'New affiliate' }).click()
  dialog = page.getByRole('dialog', { name: 'New affiliate' })
  await dialog.getByLabel('Name').fill('Ada Again')
  await dialog.getByLabel('Email', { exact: true }).fill('ada.again@example.com')
  await dialog.getByLabel(/^Code/).fill('ADA')
  await dialog.getByRole('button', { name: 'Create affiliate' }).click()
  const alert = dialog.getByRole('alert')
  await expect(alert).toContainText('Could not create the affiliate: This clashes with an existing record')
  await expect(dialog.getByLabel('Name')).toHaveValue('Ada Again')
  await expect(dialog.getByLabel('Email', { exact: true })).toHaveValue('ada.again@example.com')
  await expect(dialog.getByLabel(/^Code/)).toHaveValue('ADA')
  mkdirSync(dirname(artifact('x')), { recursive: true })
  await page.screenshot({ path: artifact('affiliates-duplicate-code.png') })

  // Fixing the code is all it takes; this one also joins ADA's downline.
  await dialog.getByLabel(/^Code/).fill('ADA2')
  await dialog.getByLabel('Parent affiliate').fill('Lovelace')
  await dialog.getByRole('button', { name: /^ADA — Ada Lovelace/ }).click()
  await expect(dialog.getByText('ADA — Ada Lovelace')).toBeVisible()
  await dialog.getByRole('button', { name: 'Create affiliate' }).click()
  await expect(dialog).toBeHidden()
  const child = page.getByRole('row', { name: /ADA2/ })
  await expect(child).toContainText('Pending')
  await expect(child.getByRole('cell').nth(5)).toHaveText('ADA')
  await expect(
    page
      .getByRole('row', { name: /Ada Lovelace/ })
      .getByRole('cell')
      .nth(6),
  ).toHaveText('1')

  // Edit: tier and override rate (% in the form, basis points on the wire).
  await child.getByRole('button', { name: 'Edit ADA2' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit ADA2' })
  await expect(edit.getByLabel('Name')).toHaveValue('Ada Again')
  await edit.getByLabel('Tier').selectOption('vip')
  await edit.getByLabel('Override rate (%)').fill('15.25')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()
  await expect(child).toContainText('VIP')
  await child.getByRole('button', { name: 'Edit ADA2' }).click()
  await expect(page.getByRole('dialog', { name: 'Edit ADA2' }).getByLabel('Override rate (%)')).toHaveValue(
    '15.25',
  )
  await page.getByRole('dialog', { name: 'Edit ADA2' }).getByRole('button', { name: 'Cancel' }).click()

  // Filter by status on the server.
  await page.getByLabel('Status', { exact: true }).selectOption('approved')
  await expect(page.getByTestId('total-count')).toHaveText('1–1 of 1 affiliates')
  await expect(child).toHaveCount(0)
  // A filter that leaves nothing says so, rather than "no affiliates yet".
  await page.getByLabel('Status', { exact: true }).selectOption('suspended')
  await expect(page.getByText('No affiliate matches these filters.')).toBeVisible()
  await expect(page.getByTestId('total-count')).toHaveText('No affiliates')
  await page.getByLabel('Status', { exact: true }).selectOption('')
  await expect(page.getByTestId('total-count')).toHaveText('1–2 of 2 affiliates')

  await page.screenshot({ path: artifact('affiliates.png'), fullPage: true })
})

test('Settings show the data folder and save changes', async ({ app, page }) => {
  await open(page, app, 'Settings')
  await expect(page.getByText(app.dataDir, { exact: true })).toBeVisible()
  await page.getByLabel('Default currency').fill('EUR')
  await page.getByRole('radio', { name: /Full/ }).check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Default currency')).toHaveValue('EUR')
  await expect(page.getByRole('radio', { name: /Full/ })).toBeChecked()
})

test('Settings → Backups backs up on demand and lists the verified backup', async ({ app, page }) => {
  await open(page, app, 'Settings')
  const backups = page.getByRole('region', { name: 'Backups' })
  await expect(backups.getByText(`${app.dataDir}/backups`, { exact: true })).toBeVisible()
  await backups.getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByTestId('backup-last')).toContainText('Backup verified and saved.')
  await expect(backups.getByRole('table', { name: 'Backups' }).getByRole('row')).not.toHaveCount(1)
  await expect(backups.getByRole('button', { name: 'Back up now' })).toBeEnabled()
  // A file that is not a backup is refused with the reason, and nothing is restored.
  await backups.getByLabel('Restore or import from a file').fill(`${app.dataDir}/missing.sqlite`)
  await backups.getByRole('button', { name: 'Restore now' }).click()
  await expect(backups.getByRole('alert')).toContainText('does not exist')
  await page.screenshot({ path: artifact('backups.png'), fullPage: true })
})

test('Settings list every fraud rule and keep a changed threshold', async ({ app, page }) => {
  await open(page, app, 'Settings')
  await expect(page.getByTestId('fraud-model-status')).toHaveText('Rules only until 50 decisions (have 0)')
  const rules = page.getByRole('table', { name: 'Fraud rules' })
  await expect(rules.getByRole('row')).toHaveCount(12)
  await expect(rules.getByRole('checkbox', { name: 'Click flooding on' })).toBeChecked()
  await expect(rules.getByLabel('Click flooding: Clicks / hour')).toHaveValue('10')
  await page.getByLabel('Review threshold').fill('55')
  await page.getByRole('button', { name: 'Save fraud settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'New thresholds apply' })).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Review threshold')).toHaveValue('55')
})

test('the audit log lists changes with a before/after view', async ({ app, page }) => {
  await open(page, app, 'Affiliates')
  await page.getByRole('button', { name: 'New affiliate' }).click()
  const dialog = page.getByRole('dialog', { name: 'New affiliate' })
  await dialog.getByLabel('Name').fill('Audited')
  await dialog.getByLabel('Email', { exact: true }).fill('audited@example.com')
  await dialog.getByLabel(/^Code/).fill('AUDITED')
  await dialog.getByRole('button', { name: 'Create affiliate' }).click()
  await expect(dialog).toBeHidden()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click()
  const first = page.getByRole('button', { name: /^Show changes/ }).first()
  await expect(first).toBeVisible()
  await first.click()
  await expect(page.getByRole('table', { name: /Changes in audit entry/ })).toBeVisible()
  await page.screenshot({ path: artifact('audit.png'), fullPage: true })
})

test('the Payouts page on a new program: no runs yet, and a run to start', async ({ app, page }) => {
  await open(page, app)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Payouts', exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Payouts' })).toBeVisible()
  await expect(page.getByText('No payout runs yet.', { exact: false })).toBeVisible()
  await page.getByRole('link', { name: 'New run' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New payout run' })).toBeVisible()
})

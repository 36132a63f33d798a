// A payout run end to end on `serve --demo` (approved commissions in several currencies, affiliates
// paid by PayPal or Wise): preview → commit → download the PayPal files (parsed back, totals equal
// the run) → import a PayPal report in which some items failed → the statuses show paid and failed,
// and a failed item's money is in the next preview again.
import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import { parse } from 'csv-parse/sync'
import type { MethodOutput } from '../src/shared/contract'
import { displayMoney, formatMinor, parseDecimalToMinor } from '../src/shared/money'
import { artifact, expect, goTo, openApp, rpc, test } from './fixtures'

test.use({ demo: true })

type RunDetail = MethodOutput<'payouts.get'>

/** Clicks a download button and collects every file it saves (one per currency for PayPal). */
async function downloadAll(page: Page, button: string, expected: number): Promise<Download[]> {
  const downloads: Download[] = []
  const onDownload = (d: Download) => downloads.push(d)
  page.on('download', onDownload)
  await page.getByRole('button', { name: new RegExp(`^${button}`) }).click()
  await expect.poll(() => downloads.length).toBe(expected)
  page.off('download', onDownload)
  return downloads
}

test('a payout run: preview, commit, PayPal files, a provider report with failures, payable again', async ({
  app,
  page,
  request,
}) => {
  test.setTimeout(180_000)
  await openApp(page, app, 'Payouts')
  await expect(page.getByText('No payout runs yet.', { exact: false })).toBeVisible()
  await page.getByRole('link', { name: 'New run' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New payout run' })).toBeVisible()

  // ---------- preview: nothing changes yet ----------
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('heading', { name: 'Preview: nothing has changed yet' })).toBeVisible()
  const previewTotals = page.getByRole('table', { name: 'Preview totals per currency and method' })
  await expect(previewTotals.getByRole('row')).not.toHaveCount(1)
  const itemCount = page.getByRole('navigation', { name: 'Pages of items' }).getByTestId('total-count')
  await expect(itemCount).toContainText(/of \d+ items|items/)
  await page.screenshot({ path: artifact('payouts-preview.png'), fullPage: true })
  expect((await rpc<{ total: number }>(request, app, 'payouts.list', {})).total).toBe(0)

  // ---------- commit, after a confirmation that shows the total ----------
  await page.getByRole('button', { name: 'Commit run…' }).click()
  const confirm = page.getByRole('dialog', { name: 'Commit this payout run?' })
  await expect(confirm.getByRole('table', { name: 'Totals to commit' })).toBeVisible()
  await page.screenshot({ path: artifact('payouts-commit-confirm.png') })
  await confirm.getByRole('button', { name: /^Commit and pay / }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Payout run #\d+$/ })).toBeVisible()
  const runId = Number(/#(\d+)$/.exec(await page.getByRole('heading', { level: 1 }).innerText())![1])
  const committed = await rpc<RunDetail>(request, app, 'payouts.get', { runId })
  expect(committed.run.status).toBe('committed')
  const paypalTotals = committed.run.totals.filter((t) => t.method === 'paypal')
  expect(paypalTotals.length).toBeGreaterThan(0)
  // What the confirmation promised is what the run holds.
  for (const t of committed.run.totals)
    await expect(
      page
        .getByRole('table', { name: 'Run totals per currency and method' })
        .getByTestId(`total-${t.currency}-${t.method}`),
    ).toContainText(displayMoney(t.amountMinor, t.currency))
  await page.screenshot({ path: artifact('payouts-run-committed.png'), fullPage: true })

  // ---------- PayPal CSV: one file per currency; parsed back, the totals equal the run ----------
  const files = await downloadAll(page, 'PayPal CSV', paypalTotals.length)
  const fromFiles = new Map<string, number>()
  const refs: string[] = []
  for (const d of files) {
    expect(d.suggestedFilename()).toMatch(/paypal-[A-Z]{3}-\d+\.csv$/)
    const rows = parse(readFileSync(await d.path(), 'utf8'), { relaxColumnCount: false }) as string[][]
    for (const r of rows) {
      expect(r).toHaveLength(10)
      const [, amount, currency, customerId, , wallet, , , , purpose] = r as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
      expect([wallet, purpose]).toEqual(['PAYPAL', 'SERVICES'])
      fromFiles.set(currency, (fromFiles.get(currency) ?? 0) + parseDecimalToMinor(amount, currency))
      refs.push(customerId)
    }
  }
  expect(Object.fromEntries(fromFiles)).toEqual(
    Object.fromEntries(paypalTotals.map((t) => [t.currency, t.amountMinor])),
  )
  const paypalItems = committed.items.filter((i) => i.method === 'paypal')
  expect(refs.sort()).toEqual(paypalItems.map((i) => `PI-${i.id}`).sort())
  await expect(page.getByRole('status').filter({ hasText: /^Downloaded / })).toBeVisible()
  await expect(page.getByRole('heading', { name: /^Exported \d+ items/ })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Cancel run…' })).toHaveCount(0)

  // ---------- the provider's report: two items failed, the rest succeeded ----------
  expect(paypalItems.length).toBeGreaterThan(2)
  const failed = paypalItems.slice(0, 2)
  const report = [
    'Transaction ID,Customer ID,Recipient,Amount,Currency,Status,Reason',
    ...paypalItems.map((i, n) =>
      [
        `TX${1000 + n}`,
        `PI-${i.id}`,
        'someone@example.com',
        `-${formatMinor(i.amountMinor, i.currency)}`,
        i.currency,
        n < 2 ? 'FAILED' : 'SUCCESS',
        n < 2 ? 'RECEIVER_UNREGISTERED' : '',
      ].join(','),
    ),
  ].join('\r\n')
  await page.getByLabel('Report file').setInputFiles({
    name: 'paypal-report.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(report, 'utf8'),
  })
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Imported paypal-report.csv: ${paypalItems.length} items updated` }),
  ).toBeVisible()

  // ---------- statuses: paid and failed, failed ones payable again ----------
  await page.getByLabel('Status', { exact: true }).selectOption('failed')
  const itemsTable = page.getByRole('table', { name: 'Items of this run' })
  await expect(itemsTable.getByRole('row')).toHaveCount(failed.length + 1)
  for (const f of failed) {
    await expect(page.getByTestId(`item-status-${f.id}`)).toContainText('Failed')
    await expect(page.getByTestId(`item-status-${f.id}`)).toContainText('payable again')
  }
  await page.screenshot({ path: artifact('payouts-run-failed-items.png'), fullPage: true })
  await page.getByLabel('Status', { exact: true }).selectOption('paid')
  await expect(itemsTable.getByRole('row')).toHaveCount(paypalItems.length - failed.length + 1)
  await page.getByLabel('Status', { exact: true }).selectOption('')
  const after = await rpc<RunDetail>(request, app, 'payouts.get', { runId })
  expect(after.run.statusCounts.failed).toBe(2)
  expect(after.run.statusCounts.paid).toBe(paypalItems.length - 2)
  await page.screenshot({ path: artifact('payouts-run-after-import.png'), fullPage: true })

  // Importing the same report again changes nothing.
  await page.getByLabel('Report file').setInputFiles({
    name: 'paypal-report.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(report, 'utf8'),
  })
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(
    page.getByRole('status').filter({ hasText: `0 items updated, ${paypalItems.length} unchanged` }),
  ).toBeVisible()

  // ---------- the first failed item's money is in a new preview for that affiliate ----------
  const first = failed[0]!
  await page.getByRole('link', { name: 'Payouts', exact: true }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Payouts' })).toBeVisible()
  await expect(
    page.getByRole('table', { name: 'Payout runs' }).getByRole('link', { name: `Run #${runId}` }),
  ).toBeVisible()
  await page.getByRole('link', { name: 'New run' }).click()
  await page.getByLabel('Only these affiliates').fill(first.affiliateCode)
  await page
    .getByRole('button', { name: new RegExp(`^${first.affiliateCode} — .* — add to this run$`) })
    .click()
  await expect(page.getByRole('list', { name: 'Affiliates in this run' })).toContainText(first.affiliateCode)
  await page.getByRole('button', { name: 'Preview' }).click()
  const row = page
    .getByRole('table', { name: 'Items of the previewed run' })
    .getByRole('row')
    .filter({ hasText: first.affiliateCode })
    .filter({ hasText: first.currency })
  await expect(row).toHaveCount(1)
  const again = await rpc<MethodOutput<'payouts.preview'>>(request, app, 'payouts.preview', {
    cutoff: committed.run.cutoff,
    affiliateIds: [first.affiliateId],
  })
  const payable = again.items.find((i) => i.currency === first.currency && i.method === first.method)
  expect(payable?.amountMinor).toBe(first.amountMinor)
  await expect(row).toContainText(displayMoney(first.amountMinor, first.currency))
  await page.screenshot({ path: artifact('payouts-payable-again.png'), fullPage: true })

  // The affiliate's own page lists the payout, failed.
  await goTo(page, 'Affiliates')
  await page.getByRole('searchbox').first().fill(first.affiliateCode)
  // By name: the list filters after a debounce, so "the first Edit button" may still be someone else's.
  await page.getByRole('button', { name: `Edit ${first.affiliateCode}`, exact: true }).click()
  const drawer = page.getByRole('dialog', { name: `Edit ${first.affiliateCode}` })
  await expect(drawer.getByRole('heading', { name: 'Payouts' })).toBeVisible()
  await expect(drawer.getByRole('table', { name: 'Payouts to this affiliate' })).toContainText(
    `Run #${runId}`,
  )
  await expect(drawer.getByRole('table', { name: 'Payouts to this affiliate' })).toContainText('Failed')
  await page.screenshot({ path: artifact('payouts-affiliate.png') })
})

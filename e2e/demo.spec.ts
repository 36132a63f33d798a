// The screens that need a running program behind them, on `serve --demo`: 90 days of traffic,
// conversions in four currencies, a review queue and a multi-level affiliate tree.
import type { Locator, Page } from '@playwright/test'
import { artifact, expect, goTo, openApp, test } from './fixtures'

test.use({ demo: true })

const number = async (locator: Locator) => Number((await locator.innerText()).replace(/[^\d]/g, ''))

/** "1–25 of 74 conversions" → 74 */
async function totalOf(page: Page): Promise<number> {
  const text = await page.getByTestId('total-count').innerText()
  const m = /of ([\d,]+)/.exec(text)
  return m ? Number(m[1]!.replace(/,/g, '')) : 0
}

test('the dashboard shows the demo program, one money line per currency', async ({ app, page }) => {
  await openApp(page, app, 'Dashboard')
  await expect(page.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('tile-clicks')).not.toHaveText('0')
  expect(await number(page.getByTestId('tile-clicks'))).toBeGreaterThan(0)
  expect(await number(page.getByTestId('tile-conversions'))).toBeGreaterThan(0)
  expect(await number(page.getByTestId('tile-review'))).toBeGreaterThan(0)

  const money = page.getByRole('table', { name: 'Revenue and commission' })
  for (const currency of ['EUR', 'JPY', 'USD']) {
    await expect(money.getByRole('row', { name: new RegExp(`^${currency}`) })).toBeVisible()
  }
  await expect(page.getByRole('img', { name: /Clicks and conversions per day/ })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Top affiliates' }).getByRole('row')).not.toHaveCount(1)
  await expect(page.getByRole('table', { name: 'Top campaigns' })).toContainText('Nimbus Hosting')
  await page.screenshot({ path: artifact('dashboard.png'), fullPage: true })

  // A shorter period: fewer clicks, and the chart's table has one row per day.
  const thirty = await number(page.getByTestId('tile-clicks'))
  await page.getByRole('button', { name: '7 days' }).click()
  await expect(page.getByRole('button', { name: '7 days' })).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => number(page.getByTestId('tile-clicks'))).toBeLessThan(thirty)
  await page.getByText('Show the figures as a table').click()
  await expect(page.locator('.chart-table tbody tr')).toHaveCount(7)

  // The review tile leads to the queue.
  await page
    .getByRole('main')
    .getByRole('link', { name: /^Review queue/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible()
})

test('the review queue: reject one from its detail, then two at once', async ({ app, page }) => {
  await openApp(page, app, 'Review queue')
  await expect(page.getByTestId('total-count')).toContainText('conversions')
  const before = await totalOf(page)
  expect(before).toBeGreaterThan(3)

  // One, from the detail panel: its flags are shown, and after the rejection it is gone.
  const first = page.getByRole('row').nth(1)
  const id = ((await first.getByRole('checkbox').getAttribute('aria-label')) ?? '').replace(/\D/g, '')
  await first.getByRole('cell').nth(3).click()
  const detail = page.getByRole('dialog', { name: `Conversion #${id}` })
  await expect(detail.getByRole('heading', { name: /Fraud flags/ })).toBeVisible()
  await page.screenshot({ path: artifact('review-detail.png') })
  await detail.getByRole('button', { name: 'Reject' }).click()
  await expect(detail.getByText('Rejected', { exact: true })).toBeVisible()
  // The decision is in the conversion's history, with who made it.
  await expect(detail.getByRole('heading', { name: 'History' })).toBeVisible()
  await expect(detail.getByRole('listitem').filter({ hasText: /^.*Rejected by owner/ })).toHaveCount(1)
  await page.screenshot({ path: artifact('review-detail-history.png') })
  await detail.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('button', { name: `#${id} — open conversion ${id}` })).toHaveCount(0)
  await expect.poll(() => totalOf(page)).toBe(before - 1)

  // Two, selected in the list.
  await expect(page.getByRole('button', { name: 'Reject selected' })).toBeDisabled()
  const rows = page.getByRole('row')
  const ids: string[] = []
  for (const n of [1, 2]) {
    const label = await rows.nth(n).getByRole('checkbox').getAttribute('aria-label')
    ids.push(label!.replace(/\D/g, ''))
    await rows.nth(n).getByRole('checkbox').check()
  }
  await expect(page.getByText('2 selected')).toBeVisible()
  await page.getByLabel('Reason for the bulk decision (optional)').fill('Same bot network')
  await page.screenshot({ path: artifact('review-queue.png') })
  await page.getByRole('button', { name: 'Reject selected' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Rejected 2 conversions.' })).toBeVisible()
  await expect.poll(() => totalOf(page)).toBe(before - 3)
  for (const gone of ids) {
    await expect(page.getByRole('button', { name: `#${gone} — open conversion ${gone}` })).toHaveCount(0)
  }

  // They are in the full list as rejected, with the bulk reason.
  await page.goto(`${app.origin}/#/conversions/${ids[0]}`)
  const rejected = page.getByRole('dialog', { name: `Conversion #${ids[0]}` })
  await expect(rejected).toContainText('“Same bot network”')
  await expect(rejected.getByRole('button', { name: 'Approve' })).toBeDisabled()
})

test('the what-if simulator compares a proposed plan with the current one, and saves nothing', async ({
  app,
  page,
}) => {
  await openApp(page, app, 'Commissions')
  await page
    .getByRole('navigation', { name: 'Commissions' })
    .getByRole('link', { name: 'What-if simulator' })
    .click()
  await expect(page.getByRole('note')).toContainText('Reads only.')
  await page.getByLabel('Campaign to simulate').selectOption({ label: 'Nimbus Hosting — recurring' })
  const form = page.getByRole('form', { name: 'What-if simulation' })
  await expect(form.getByLabel('Plan type')).toHaveValue('recurring')
  const current = await form.getByLabel('Rate of each payment (%)').inputValue()

  // A bad rate is shown on its field, as in the campaign editor.
  await form.getByLabel('Rate of each payment (%)').fill('12.345')
  await form.getByRole('button', { name: 'Run simulation' }).click()
  await expect(form.getByText('Enter a percentage such as 12.5 (at most two decimals)')).toBeVisible()

  await form.getByLabel('Rate of each payment (%)').fill(String(Number(current) + 5))
  await form.getByRole('button', { name: '365 days' }).click()
  await form.getByRole('button', { name: 'Run simulation' }).click()
  await expect(page.getByTestId('sim-delta')).toHaveText(/^\+\$/)
  await expect(page.getByTestId('sim-current')).toHaveText(/^\$/)
  const perAffiliate = page.getByRole('table', { name: /Per-affiliate totals/ })
  await expect(perAffiliate.getByRole('row').nth(1)).toContainText('+$')
  await page.screenshot({ path: artifact('what-if.png') })

  // Nothing was saved: the campaign still has its plan.
  await goTo(page, 'Campaigns & links')
  await page.getByRole('link', { name: 'Nimbus Hosting — recurring' }).click()
  await expect(page.getByLabel('Rate of each payment (%)')).toHaveValue(current)
})

test('the hierarchy panel: upline, downline, a refused loop and a move to the top', async ({ app, page }) => {
  await openApp(page, app, 'Affiliates')
  // An affiliate with a parent, from the first page of the list.
  const rows = page.getByRole('row')
  let child = ''
  let parent = ''
  for (let i = 1; i < (await rows.count()); i++) {
    const cells = rows.nth(i).getByRole('cell')
    const p = (await cells.nth(5).innerText()).trim()
    if (p !== '—') {
      child = (await cells.nth(0).innerText()).trim()
      parent = p
      break
    }
  }
  expect(child).not.toBe('')

  await page.getByRole('button', { name: `Hierarchy of ${child}` }).click()
  let panel = page.getByRole('dialog', { name: `Hierarchy of ${child}` })
  await expect(panel.getByRole('list', { name: `From the top down to ${child}` })).toContainText(parent)
  await expect(panel.getByRole('table', { name: 'Affiliates and net earnings per level' })).toContainText(
    'Own sales',
  )

  // Browse up to the parent: the child is one of its direct recruits.
  await panel.getByRole('button', { name: new RegExp(`^${parent} — show`) }).click()
  panel = page.getByRole('dialog', { name: `Hierarchy of ${parent}` })
  await panel.getByLabel('Show').selectOption({ label: 'Direct recruits' })
  await expect(panel.getByRole('table', { name: 'Downline' })).toContainText(child)

  // Moving the parent under its own recruit would make a loop: refused, and said so in codes.
  await panel.getByLabel('New parent').fill(child)
  await panel.getByRole('button', { name: new RegExp(`^${child} — .* move ${parent} under`) }).click()
  await panel.getByRole('button', { name: `Move ${parent}`, exact: true }).click()
  await page
    .getByRole('dialog', { name: `Move ${parent}?` })
    .getByRole('button', { name: 'Move' })
    .click()
  const alert = panel.getByRole('alert')
  await expect(alert).toContainText(`Could not move ${parent}`)
  await expect(alert).toContainText(`${child} is in ${parent}’s downline`)
  await page.screenshot({ path: artifact('hierarchy-loop.png') })

  // Moving the child to the top level works, and its upline is then empty.
  await panel.getByRole('button', { name: new RegExp(`^${child} — show`) }).click()
  panel = page.getByRole('dialog', { name: `Hierarchy of ${child}` })
  await panel.getByLabel('Top level (no parent)').check()
  await panel.getByRole('button', { name: `Move ${child} to the top level` }).click()
  await page
    .getByRole('dialog', { name: `Move ${child}?` })
    .getByRole('button', { name: 'Move' })
    .click()
  await expect(panel.getByRole('status').filter({ hasText: `${child} is now top level.` })).toBeVisible()
  await expect(panel.getByText(`Top level: nobody above ${child}.`)).toBeVisible()
  await panel.getByRole('button', { name: 'Close' }).click()
  await expect(
    page
      .getByRole('row', { name: new RegExp(child) })
      .getByRole('cell')
      .nth(5),
  ).toHaveText('—')
})

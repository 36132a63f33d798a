// The screens that need a running program behind them, on `serve --demo`: 90 days of traffic,
// conversions in four currencies, a review queue and a multi-level affiliate tree.
import type { Locator } from '@playwright/test'
import { artifact, expect, goTo, openApp, test } from './fixtures'

test.use({ demo: true })

const number = async (locator: Locator) => Number((await locator.innerText()).replace(/[^\d]/g, ''))

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

test('the review queue: reject one by key with a typed reason, then two at once, one undo between', async ({
  app,
  page,
}) => {
  await openApp(page, app, 'Review queue')
  const waiting = page.getByTestId('review-waiting')
  const count = async () => Number((await waiting.innerText()).replace(/ waiting.*$/, '').replace(/\D/g, ''))
  await expect(waiting).toContainText('waiting')
  const before = await count()
  expect(before).toBeGreaterThan(3)

  // One: the focused row's panel explains it; a typed reason, `r`, and "Send now" skips the wait.
  const focused = page.locator('tr.review-row[aria-current="true"]')
  const id = (await focused.getAttribute('data-id'))!
  const panel = page.getByRole('complementary', { name: `Conversion #${id}` })
  await expect(panel.getByRole('heading', { name: 'Click → conversion' })).toBeVisible()
  await expect(panel.getByRole('heading', { name: 'Siblings' })).toBeVisible()
  await page.screenshot({ path: artifact('review-detail.png') })
  await page.getByLabel(/^Reason for the next decision/).fill('Bot farm')
  await page.keyboard.press('Enter')
  await page.keyboard.press('r')
  await expect(page.getByTestId('undo-bar')).toContainText(`Rejected #${id}`)
  await page.getByRole('button', { name: 'Send now' }).click()
  await expect(page.getByTestId('undo-bar')).toHaveCount(0)
  await expect(page.locator(`tr.review-row[data-id="${id}"]`)).toHaveCount(0)
  await expect.poll(count).toBe(before - 1)

  // Two, selected in the list; the first attempt undone (they come back selected), then sent.
  await expect(page.getByRole('button', { name: 'Reject selected' })).toBeDisabled()
  const rows = page.locator('tr.review-row')
  const ids: string[] = []
  for (const n of [0, 1]) {
    ids.push((await rows.nth(n).getAttribute('data-id'))!)
    await rows.nth(n).getByRole('checkbox').check()
  }
  await expect(waiting).toContainText('2 selected')
  await page.getByLabel(/^Reason for the next decision/).fill('Same bot network')
  await page.screenshot({ path: artifact('review-bulk.png') })
  await page.getByRole('button', { name: 'Reject selected' }).click()
  await expect(page.getByTestId('undo-bar')).toContainText(`Rejected #${ids[0]}, #${ids[1]}`)
  await page.keyboard.press('u')
  await expect(page.getByTestId('review-announcer')).toContainText('Undone')
  await expect(waiting).toContainText('2 selected')
  await page.getByLabel(/^Reason for the next decision/).fill('Same bot network')
  await page.getByRole('button', { name: 'Reject selected' }).click()
  await page.getByRole('button', { name: 'Send now' }).click()
  await expect.poll(count).toBe(before - 3)
  for (const gone of ids) await expect(page.locator(`tr.review-row[data-id="${gone}"]`)).toHaveCount(0)

  // In the full list: rejected, with the reasons, each decided once by the owner.
  await page.goto(`${app.origin}/#/conversions/${ids[0]}`)
  const rejected = page.getByRole('dialog', { name: `Conversion #${ids[0]}` })
  await expect(rejected).toContainText('“Same bot network”')
  await expect(rejected.getByRole('listitem').filter({ hasText: /Rejected by owner/ })).toHaveCount(1)
  await expect(rejected.getByRole('button', { name: 'Approve' })).toBeDisabled()
  await page.goto(`${app.origin}/#/conversions/${id}`)
  await expect(page.getByRole('dialog', { name: `Conversion #${id}` })).toContainText('“Bot farm”')
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

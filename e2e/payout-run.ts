// Steps the payout specs share: the cut-off the New run page proposes, and a preview narrowed to
// chosen affiliates, made through the UI.
import type { Page } from '@playwright/test'
import { expect, goTo } from './fixtures'

/** The end of yesterday, local time: the cut-off the New run page proposes. */
export function defaultCutoff(): number {
  const d = new Date()
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - 1
}

/** Opens New run, adds each affiliate by code, and previews. */
export async function previewFor(page: Page, codes: string[]): Promise<void> {
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

// Pure helpers of the what-if simulator screen.
import type { ErrorIssue } from '../../../../shared/errors'

export interface SimRow {
  affiliateId: number
  affiliateCode: string
  currentMinor: number
  proposedMinor: number
  deltaMinor: number
}

export type SimOrder = 'change' | 'increase' | 'decrease'

export const SIM_ORDER_LABEL: Record<SimOrder, string> = {
  change: 'Biggest change first',
  increase: 'Biggest increase first',
  decrease: 'Biggest decrease first',
}

/** Rows in the chosen order; ties by code, so the table is stable. */
export function sortSimRows(rows: readonly SimRow[], order: SimOrder): SimRow[] {
  const key = (r: SimRow) =>
    order === 'change' ? Math.abs(r.deltaMinor) : order === 'increase' ? r.deltaMinor : -r.deltaMinor
  return [...rows].sort((a, b) => key(b) - key(a) || a.affiliateCode.localeCompare(b.affiliateCode))
}

/**
 * The simulator sends the plan as `proposedPlan`; the plan editor shows errors under `plan.…` (the
 * campaign's path). Renaming lets one editor serve both.
 */
export function toPlanPaths(issues: readonly ErrorIssue[]): ErrorIssue[] {
  return issues.map((i) =>
    i.path === 'proposedPlan' || i.path.startsWith('proposedPlan.')
      ? { ...i, path: `plan${i.path.slice('proposedPlan'.length)}` }
      : i,
  )
}

export const DAY_PRESETS = [30, 90, 180, 365] as const

// Which tier of a tiered plan applies to a conversion.
//
// basis 'count': the conversion is the Nth approved sale of the month, N = approvedCount + 1, and
//   pays the last tier whose `from` ≤ N. With tiers from 0 / 11 / 51 (the seed's "0–10, 11–50, 51+"):
//   sales 1–10 pay the first rate, the 11th through 50th the second, the 51st and later the third.
//   A tier's `from` therefore reads "from the Nth sale of the month"; `from: 0` means from the start.
// basis 'revenue': the last tier whose `from` ≤ revenue already approved this month, before this
//   conversion. A sale that crosses a threshold pays the lower rate; the next one pays the higher.
//   No sale is split across tiers, so every line has a single rate to show.
import type { Plan } from '../../shared/plan'
import type { MonthStats } from './types'

export type TieredPlan = Extract<Plan, { type: 'tiered' }>

/** The number compared with each tier's `from`. */
export function tierPosition(plan: TieredPlan, stats: MonthStats): number {
  return plan.basis === 'count' ? stats.approvedCount + 1 : stats.approvedRevenueMinor
}

/** Index into plan.tiers. */
export function pickTier(plan: TieredPlan, stats: MonthStats): number {
  const position = tierPosition(plan, stats)
  const tiers = plan.tiers
  let index = 0
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i]!.from > position) break
    index = i
  }
  return index
}

// One line describing a commission plan, for the campaigns list ("12.5% of sale", "$50.00 per lead").
import { EVENT_TYPES } from '../../../shared/domain'
import { bpsToPercent, displayMoney } from '../../../shared/money'
import type { Plan } from '../../../shared/plan'

const pct = (bps: number): string => `${bpsToPercent(bps)}%`

function base(plan: Plan, currency: string): string {
  switch (plan.type) {
    case 'fixed': {
      const parts = EVENT_TYPES.flatMap((e) => {
        const amount = plan.amounts[e]
        return amount === undefined ? [] : [`${displayMoney(amount, currency)} per ${e}`]
      })
      return parts.length ? parts.join(', ') : 'Pays nothing'
    }
    case 'percentage':
      return `${pct(plan.rateBps)} of sale`
    case 'lifetime':
      return `${pct(plan.rateBps)} of sale, lifetime`
    case 'recurring':
      return plan.maxMonths === null
        ? `${pct(plan.rateBps)} recurring`
        : `${pct(plan.rateBps)} recurring for ${plan.maxMonths} month${plan.maxMonths === 1 ? '' : 's'}`
    case 'tiered': {
      const rates = plan.tiers.map((t) => t.rateBps)
      const lo = Math.min(...rates)
      const hi = Math.max(...rates)
      const range = lo === hi ? pct(lo) : `${pct(lo)}–${pct(hi)}`
      return `${range} tiered by monthly ${plan.basis === 'count' ? 'sales' : 'revenue'}`
    }
  }
}

export function planSummary(plan: Plan, currency: string): string {
  const levels = plan.upline.length
  const upline = levels === 0 ? '' : levels === 1 ? ' + 2-tier' : ` + ${levels} upline levels`
  return base(plan, currency) + upline
}

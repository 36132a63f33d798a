// The level-1 line: the converting affiliate's own commission.
//
// Eligibility (no level-1 eligibility means no lines at all, upline included):
// - fixed: pays amounts[eventType]; an event type the plan does not list is not commissionable.
// - recurring: pays on 'sale' (period 1 unless told otherwise) and 'recurring' events, and stops
//   once recurringPeriod > maxMonths. Leads and trials are not commissionable.
// - percentage, tiered, lifetime: any event, as a rate of its amount (a lead of 0 pays nothing).
//
// Rate precedence for rate-based plans: the affiliate's override > the plan's vip/elite rate for
// the affiliate's tier > the plan's own rate (for tiered plans, the monthly tier's rate). Overrides
// and vip/elite rates replace rates, so they do not apply to fixed plans, which have no rate.
import { invalid } from '../../shared/errors'
import type { Plan } from '../../shared/plan'
import { bpsOf } from './bps'
import { type LineBuffer, NO_RATE, pushLine, Source, type SourceCode } from './line-buffer'
import { pickTier } from './tiers'
import type { AffiliateInput, ConversionInput, MonthStats } from './types'

type RecurringPlan = Extract<Plan, { type: 'recurring' }>

/** The period a recurring plan pays for, or 0 if this event is not a paid period. */
export function recurringPeriodOf(plan: RecurringPlan, conv: ConversionInput): number {
  if (conv.eventType !== 'sale' && conv.eventType !== 'recurring') return 0
  const period = conv.recurringPeriod ?? (conv.eventType === 'sale' ? 1 : undefined)
  if (period === undefined) {
    if (plan.maxMonths === null) return Number.POSITIVE_INFINITY
    // Guessing here could pay past maxMonths, so the caller has to say which period this is.
    throw invalid('A recurring event needs recurringPeriod when the plan limits the number of months')
  }
  if (!Number.isSafeInteger(period) || period < 1) {
    throw invalid(`recurringPeriod must be a whole number from 1, got ${period}`)
  }
  return plan.maxMonths !== null && period > plan.maxMonths ? 0 : period
}

/** Writes the level-1 line (if it pays anything) and says whether the event is commissionable. */
export function pushLevelOne(
  plan: Plan,
  conv: ConversionInput,
  affiliate: AffiliateInput,
  stats: MonthStats,
  buf: LineBuffer,
): boolean {
  if (plan.type === 'fixed') {
    const amount = plan.amounts[conv.eventType]
    if (amount === undefined) return false
    pushLine(buf, affiliate.id, 1, amount, NO_RATE, Source.fixed, 0)
    return true
  }
  if (plan.type === 'recurring' && recurringPeriodOf(plan, conv) === 0) return false

  let rate: number
  let source: SourceCode
  let detail = 0
  const tierRate = affiliate.tier === 'standard' ? undefined : plan.tierRatesBps?.[affiliate.tier]
  if (affiliate.overrideRateBps !== null) {
    rate = affiliate.overrideRateBps
    source = Source.override
  } else if (tierRate !== undefined) {
    rate = tierRate
    source = affiliate.tier === 'vip' ? Source.vip : Source.elite
  } else if (plan.type === 'tiered') {
    detail = pickTier(plan, stats)
    rate = plan.tiers[detail]!.rateBps
    source = Source.tier
  } else {
    rate = plan.rateBps
    source = Source.planRate
  }
  pushLine(buf, affiliate.id, 1, bpsOf(conv.amountMinor, rate), rate, source, detail)
  return true
}

// The what-if simulator: what past conversions would have paid under a proposed plan, next to what
// they pay under the current one. Read-only by construction: it only calls the lookups it is given.
//
// Assumptions, shown to the owner with the result:
// - today's hierarchy, statuses, tiers and overrides apply to every past conversion;
// - rejected and refunded conversions pay nothing under either plan (they net to zero) and are skipped;
// - tiered plans count, per affiliate and campaign and calendar month of the program's time zone
//   (ctx.monthKeyOf, UTC by default), the sales that were not rejected or refunded and come earlier
//   in the input, which therefore has to be ordered by createdAt — as ingest does;
// - recurring periods are calendar months since the subscription's first sale or renewal
//   (attribution.ts recurringPeriodOf), as ingest counts them.
//
// Speed: the engine writes into one reusable line buffer, the conversion and month-stats inputs
// are reused scratch objects, and month counters are updated in place, so a conversion allocates
// nothing; a million take well under a few seconds.
import { invalid } from '../../shared/errors'
import type { Plan } from '../../shared/plan'
import { computeInto } from './engine'
import { createLineBuffer, type LineBuffer } from './line-buffer'
import type { ConversionStatus } from './status'
import { recurringPeriodOf } from './attribution'
import { utcMonthKey } from './month'
import type { AffiliateInput, ConversionInput, EventType, MonthStats, UplineAncestor } from './types'

export interface SimConversion {
  campaignId: number
  affiliateId: number
  eventType: EventType
  amountMinor: number
  currency: string
  status: ConversionStatus
  /** Epoch milliseconds; the input must be ordered by it. */
  createdAt: number
  /** When this conversion's subscription began (its first sale or renewal); recurring plans only. */
  subscriptionStartAt?: number | undefined
}

export interface SimContext {
  currentPlanFor(campaignId: number): Plan
  proposedPlan: Plan
  affiliateOf(id: number): AffiliateInput | undefined
  /** Ancestors by depth, nearest first (as for computeCommissionLines). Cache these: called per conversion. */
  uplineOf(id: number): readonly UplineAncestor[]
  /** Month bucket for tier counters; defaults to the UTC calendar month. */
  monthKeyOf?: (ms: number) => number
}

export interface SimAmounts {
  current: number
  proposed: number
}

export interface SimResult {
  /** The one currency of all simulated amounts; null when nothing was simulated. */
  currency: string | null
  perAffiliate: Map<number, SimAmounts>
  totals: SimAmounts & {
    delta: number
    /** Conversions run through both plans. */
    conversions: number
    /** Rejected or refunded conversions, left out. */
    skipped: number
  }
}

interface MonthCounter {
  month: number
  count: number
  revenue: number
}

export function simulate(conversions: Iterable<SimConversion>, ctx: SimContext): SimResult {
  const monthKeyOf = ctx.monthKeyOf ?? utcMonthKey
  const perAffiliate = new Map<number, SimAmounts>()
  const counters = new Map<number, Map<number, MonthCounter>>()
  const buf = createLineBuffer()
  const conv: ConversionInput = {
    eventType: 'sale',
    amountMinor: 0,
    currency: '',
    recurringPeriod: undefined,
  }
  const stats: MonthStats = { approvedCount: 0, approvedRevenueMinor: 0 }
  const totals = { current: 0, proposed: 0, delta: 0, conversions: 0, skipped: 0 }
  let currency: string | null = null
  let lastAt = Number.NEGATIVE_INFINITY
  let planCampaign = Number.NaN
  let currentPlan: Plan = ctx.proposedPlan

  for (const c of conversions) {
    if (c.createdAt < lastAt) throw invalid('Simulate needs conversions ordered by createdAt')
    lastAt = c.createdAt
    if (c.status === 'rejected' || c.status === 'refunded') {
      totals.skipped++
      continue
    }
    if (currency === null) currency = c.currency
    else if (c.currency !== currency) {
      throw invalid(`Simulate one currency at a time (found ${currency} and ${c.currency})`)
    }
    const affiliate = ctx.affiliateOf(c.affiliateId)
    if (affiliate === undefined) throw invalid(`Affiliate ${c.affiliateId} does not exist`)
    const upline = ctx.uplineOf(c.affiliateId)
    if (c.campaignId !== planCampaign) {
      currentPlan = ctx.currentPlanFor(c.campaignId)
      planCampaign = c.campaignId
    }

    const counter = counterFor(counters, c.campaignId, c.affiliateId)
    const month = monthKeyOf(c.createdAt)
    if (counter.month !== month) {
      counter.month = month
      counter.count = 0
      counter.revenue = 0
    }
    stats.approvedCount = counter.count
    stats.approvedRevenueMinor = counter.revenue
    conv.eventType = c.eventType
    conv.amountMinor = c.amountMinor
    conv.currency = c.currency
    conv.recurringPeriod =
      c.subscriptionStartAt === undefined
        ? undefined
        : recurringPeriodOf(month, monthKeyOf(c.subscriptionStartAt))

    computeInto(currentPlan, conv, affiliate, upline, stats, buf)
    totals.current += addTo(perAffiliate, buf, true)
    computeInto(ctx.proposedPlan, conv, affiliate, upline, stats, buf)
    totals.proposed += addTo(perAffiliate, buf, false)
    totals.conversions++

    if (c.eventType === 'sale') {
      counter.count++
      counter.revenue += c.amountMinor
    }
  }
  totals.delta = totals.proposed - totals.current
  if (!Number.isSafeInteger(totals.current) || !Number.isSafeInteger(totals.proposed)) {
    throw invalid('The simulated totals are too large to add up exactly; simulate a shorter period')
  }
  return { currency, perAffiliate, totals }
}

function counterFor(
  counters: Map<number, Map<number, MonthCounter>>,
  campaignId: number,
  affiliateId: number,
): MonthCounter {
  let byAffiliate = counters.get(campaignId)
  if (byAffiliate === undefined) {
    byAffiliate = new Map()
    counters.set(campaignId, byAffiliate)
  }
  let counter = byAffiliate.get(affiliateId)
  if (counter === undefined) {
    counter = { month: Number.NaN, count: 0, revenue: 0 }
    byAffiliate.set(affiliateId, counter)
  }
  return counter
}

/** Adds the buffer's lines to each affiliate's current or proposed amount; returns their total. */
function addTo(perAffiliate: Map<number, SimAmounts>, buf: LineBuffer, current: boolean): number {
  let total = 0
  for (let i = 0; i < buf.count; i++) {
    const id = buf.affiliateId[i]!
    const amount = buf.amount[i]!
    let entry = perAffiliate.get(id)
    if (entry === undefined) {
      entry = { current: 0, proposed: 0 }
      perAffiliate.set(id, entry)
    }
    if (current) entry.current += amount
    else entry.proposed += amount
    total += amount
  }
  return total
}

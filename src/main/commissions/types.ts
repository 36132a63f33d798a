// Plain-data shapes the commission engine reads and returns. The data-access layer builds these from
// rows; nothing here knows about the database.
import type { AffiliateStatus, AffiliateTier, EventType } from '../../shared/domain'
import type { Plan, PlanType } from '../../shared/plan'

export type { AffiliateStatus, AffiliateTier, EventType }

export interface ConversionInput {
  eventType: EventType
  /** The sale amount in minor units; 0 for most leads. */
  amountMinor: number
  currency: string
  /** 1-based count of paid periods of this subscription; only recurring plans read it. */
  recurringPeriod?: number | undefined
}

export interface AffiliateInput {
  id: number
  status: AffiliateStatus
  tier: AffiliateTier
  overrideRateBps: number | null
}

/** One ancestor of the converting affiliate; depth 1 = parent (closure-table depth). */
export interface UplineAncestor {
  id: number
  status: AffiliateStatus
  depth: number
}

/**
 * The converting affiliate's earlier sales this calendar month (program time zone) that are not
 * rejected or refunded, excluding this conversion. Scope must match what the simulator uses: `sale` events of this affiliate in
 * this campaign, in the campaign's currency.
 */
export interface MonthStats {
  approvedCount: number
  approvedRevenueMinor: number
}

export interface CommissionInput {
  plan: Plan
  conversion: ConversionInput
  affiliate: AffiliateInput
  /** Ancestors ordered by depth, nearest first. Depth-0 (self) closure rows are ignored. */
  upline: readonly UplineAncestor[]
  monthStats: MonthStats
}

export interface CommissionLine {
  affiliateId: number
  /** 1 = the converting affiliate, 2 = the upline level paid from plan.upline[0], and so on. */
  level: number
  amountMinor: number
  currency: string
  planType: PlanType
  /** Why this amount, e.g. "percentage 12.5% of sale" or "upline level 3 (2%), capped from 1.50". */
  rule: string
  /** The conversion amount the line was computed from. */
  baseMinor: number
  /** null for fixed amounts. */
  rateBps: number | null
}

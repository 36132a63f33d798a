// Dashboard rollups (daily_stats) staged per batch of conversions and written once per key: a batch
// of sales for a handful of affiliates becomes a handful of upserts instead of one per commission
// line. An intent that fails rewinds to its mark, taking its staged increments with it.
import type Database from 'better-sqlite3'
import type { RollupDelta } from '../../commissions/attribution'

export interface DayRollup extends RollupDelta {
  day: string
}

/**
 * `expr` clamped to the safe integer range (±(2^53 - 1)). A rollup is a dashboard figure: one past
 * 2^53 would no longer be exact in JavaScript, and the stats contract (rightly) refuses it, taking
 * the whole dashboard down. Campaigns bound each report's amount far below this (maxPostbackAmountMinor),
 * so the clamp is a last line that only a long run of maximal reports could reach.
 */
export const safeSql = (expr: string): string =>
  `max(-${Number.MAX_SAFE_INTEGER}, min(${Number.MAX_SAFE_INTEGER}, ${expr}))`

export function createRollupStage(sqlite: Database.Database) {
  const bump = sqlite.prepare(
    `INSERT INTO daily_stats (day, campaign_id, affiliate_id, link_id, conversions, revenue_minor, commission_minor)
     VALUES (?, ?, ?, ?, ?, ${safeSql('?')}, ${safeSql('?')})
     ON CONFLICT (day, campaign_id, affiliate_id, link_id) DO UPDATE SET
       conversions = conversions + excluded.conversions,
       revenue_minor = ${safeSql('revenue_minor + excluded.revenue_minor')},
       commission_minor = ${safeSql('commission_minor + excluded.commission_minor')}`,
  )
  let staged: DayRollup[] = []
  return {
    stage(r: DayRollup): void {
      staged.push(r)
    },
    reset(): void {
      staged = []
    },
    mark: (): number => staged.length,
    rewind(mark: number): void {
      staged.length = mark
    },
    /** Sums the staged increments per key and writes them; inside the caller's transaction. */
    flush(): void {
      const sums = new Map<string, DayRollup>()
      for (const d of staged) {
        const key = `${d.day}|${d.campaignId}|${d.affiliateId}|${d.linkId}`
        const acc = sums.get(key)
        if (acc) {
          acc.conversions += d.conversions
          acc.revenueMinor += d.revenueMinor
          acc.commissionMinor += d.commissionMinor
        } else sums.set(key, { ...d })
      }
      staged = []
      for (const d of sums.values()) {
        if (d.conversions === 0 && d.revenueMinor === 0 && d.commissionMinor === 0) continue
        bump.run(
          d.day,
          d.campaignId,
          d.affiliateId,
          d.linkId,
          d.conversions,
          d.revenueMinor,
          d.commissionMinor,
        )
      }
    },
  }
}

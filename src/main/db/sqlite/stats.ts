// Dashboard queries. They read daily_stats (kept up to date as clicks and conversions arrive) and a
// few small tables, never the raw clicks table, so they stay fast however much traffic there is.
// Every sum is total() (a double, exact below 2^53, and never SQLite's integer-overflow error)
// clamped to the safe integer range (rollups.ts safeSql): a dashboard shows a capped figure rather
// than failing its output check.
import type Database from 'better-sqlite3'
import type { StatsOverview } from '../../../shared/contract'
import { utcDay } from './tracking'
import { all, get } from './rows'
import { safeSql } from './rollups'

export function createStatsSql(sqlite: Database.Database) {
  const perDay = sqlite.prepare(
    `SELECT day, ${safeSql('total(clicks)')} AS clicks, ${safeSql('total(flagged_clicks)')} AS flaggedClicks, ${safeSql('total(conversions)')} AS conversions
       FROM daily_stats WHERE day BETWEEN ? AND ? GROUP BY day ORDER BY day`,
  )
  const money = sqlite.prepare(
    `SELECT c.currency AS currency, ${safeSql('total(d.revenue_minor)')} AS revenueMinor, ${safeSql('total(d.commission_minor)')} AS commissionMinor
       FROM daily_stats d JOIN campaigns c ON c.id = d.campaign_id
      WHERE d.day BETWEEN ? AND ? GROUP BY c.currency ORDER BY c.currency`,
  )
  const topAffiliates = sqlite.prepare(
    `SELECT d.affiliate_id AS affiliateId, a.code AS code, a.name AS name, c.currency AS currency,
            ${safeSql('total(d.clicks)')} AS clicks, ${safeSql('total(d.conversions)')} AS conversions, ${safeSql('total(d.commission_minor)')} AS commissionMinor
       FROM daily_stats d JOIN affiliates a ON a.id = d.affiliate_id JOIN campaigns c ON c.id = d.campaign_id
      WHERE d.day BETWEEN ? AND ?
      GROUP BY d.affiliate_id, c.currency ORDER BY commissionMinor DESC, conversions DESC LIMIT 10`,
  )
  const topCampaigns = sqlite.prepare(
    `SELECT d.campaign_id AS campaignId, c.name AS name, c.currency AS currency, ${safeSql('total(d.clicks)')} AS clicks,
            ${safeSql('total(d.conversions)')} AS conversions, ${safeSql('total(d.revenue_minor)')} AS revenueMinor, ${safeSql('total(d.commission_minor)')} AS commissionMinor
       FROM daily_stats d JOIN campaigns c ON c.id = d.campaign_id
      WHERE d.day BETWEEN ? AND ?
      GROUP BY d.campaign_id ORDER BY revenueMinor DESC, conversions DESC LIMIT 10`,
  )
  const reviewQueue = sqlite.prepare(
    `SELECT count(*) AS n FROM conversions WHERE status = 'pending' AND flags != '[]'`,
  )

  return {
    overview(now: number, days: number): StatsOverview {
      const to = utcDay(now)
      const from = utcDay(now - (days - 1) * 86_400_000)
      const byDay = new Map(all<StatsOverview['days'][number]>(perDay, from, to).map((d) => [d.day, d]))
      // Every day in the range appears, zero or not, so a chart has no gaps.
      const series: StatsOverview['days'] = []
      for (let i = days - 1; i >= 0; i--) {
        const day = utcDay(now - i * 86_400_000)
        series.push(byDay.get(day) ?? { day, clicks: 0, flaggedClicks: 0, conversions: 0 })
      }
      return {
        from,
        to,
        days: series,
        money: all<StatsOverview['money'][number]>(money, from, to),
        topAffiliates: all<StatsOverview['topAffiliates'][number]>(topAffiliates, from, to),
        topCampaigns: all<StatsOverview['topCampaigns'][number]>(topCampaigns, from, to),
        reviewQueue: get<{ n: number }>(reviewQueue)!.n,
      }
    },
  }
}

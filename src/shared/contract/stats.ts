import { z } from 'zod'
import { id, method } from './common'

export const statsOverviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(
    z.object({
      day: z.string(),
      clicks: z.number().int(),
      flaggedClicks: z.number().int(),
      conversions: z.number().int(),
    }),
  ),
  /** Money never mixes currencies: one total per currency. */
  money: z.array(
    z.object({ currency: z.string(), revenueMinor: z.number().int(), commissionMinor: z.number().int() }),
  ),
  topAffiliates: z.array(
    z.object({
      affiliateId: id,
      code: z.string(),
      name: z.string(),
      currency: z.string(),
      clicks: z.number().int(),
      conversions: z.number().int(),
      commissionMinor: z.number().int(),
    }),
  ),
  topCampaigns: z.array(
    z.object({
      campaignId: id,
      name: z.string(),
      currency: z.string(),
      clicks: z.number().int(),
      conversions: z.number().int(),
      revenueMinor: z.number().int(),
      commissionMinor: z.number().int(),
    }),
  ),
  reviewQueue: z.number().int(),
})
export type StatsOverview = z.infer<typeof statsOverviewSchema>

export const statsMethods = {
  /** Dashboard figures, read from the daily rollups only (never from raw clicks). */
  'stats.overview': method(
    z.object({ days: z.number().int().min(1).max(366).default(30) }).strict(),
    statsOverviewSchema,
  ),
} as const

import { z } from 'zod'
import { CONVERSION_STATUSES, EVENT_TYPES, MANUAL_STATUSES, TRUST_LEVELS } from '../domain'
import { ledgerLineSchema } from './commissions'
import { id, listOf, method, pageInput, sortDir, timestamp } from './common'

export const conversionSchema = z.object({
  id,
  clickId: z.string().nullable(),
  affiliateId: id,
  affiliateCode: z.string(),
  campaignId: id,
  campaignName: z.string(),
  advertiserId: id,
  eventType: z.enum(EVENT_TYPES),
  orderId: z.string(),
  /** The order id the sender named when the conversion is keyed by its click (simple signing). */
  orderRef: z.string().nullable(),
  customerKey: z.string().nullable(),
  amountMinor: z.number().int(),
  currency: z.string(),
  advertiserPayoutMinor: z.number().int().nullable(),
  status: z.enum(CONVERSION_STATUSES),
  trust: z.enum(TRUST_LEVELS),
  riskScore: z.number().int(),
  /** Fraud reasons; non-empty = waits in the review queue, never auto-approved. */
  flags: z.array(z.string()),
  ip: z.string().nullable(),
  createdAt: timestamp,
  statusChangedAt: timestamp,
  holdUntil: timestamp.nullable(),
  reason: z.string().nullable(),
  /** Net of every ledger row of this conversion (0 once rejected or refunded). */
  commissionMinor: z.number().int(),
})
export type Conversion = z.infer<typeof conversionSchema>

/** One change of a conversion after it arrived: a status change, a re-base, a hold, a claim. */
export const conversionEventSchema = z.object({
  at: timestamp,
  actor: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
})

export const conversionDetailSchema = z.object({
  conversion: conversionSchema,
  lines: z.array(ledgerLineSchema),
  /** Oldest first; the conversion's arrival is the conversion itself. */
  history: z.array(conversionEventSchema),
})

export const conversionMethods = {
  'conversions.list': method(
    z
      .object({
        ...pageInput,
        sort: z
          .object({ field: z.enum(['id', 'createdAt', 'amountMinor', 'status', 'riskScore']), dir: sortDir })
          .default({ field: 'createdAt', dir: 'desc' }),
        status: z.enum(CONVERSION_STATUSES).optional(),
        campaignId: id.optional(),
        affiliateId: id.optional(),
        flaggedOnly: z.boolean().default(false),
        /** createdAt range, inclusive from, exclusive to. */
        from: timestamp.optional(),
        to: timestamp.optional(),
      })
      .strict(),
    listOf(conversionSchema),
  ),
  'conversions.get': method(z.object({ id }).strict(), conversionDetailSchema),
  'conversions.setStatus': method(
    z
      .object({
        id,
        status: z.enum(MANUAL_STATUSES),
        reason: z.string().trim().max(500).optional(),
      })
      .strict(),
    conversionDetailSchema,
  ),
} as const

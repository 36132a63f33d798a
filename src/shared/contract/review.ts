// The review queue: flagged conversions for a manager's triage, what explains each one (reasons,
// the model's top features, the click → conversion timeline, conversions sharing its traces), and
// the decision, one or many at a time. Decisions go through the same status path as
// conversions.setStatus, so each one is in the audit log and the ledger.
import { z } from 'zod'
import { CONVERSION_STATUSES, EVENT_TYPES, TRUST_LEVELS } from '../domain'
import { conversionEventSchema } from './conversions'
import { id, listOf, method, pageInput, timestamp } from './common'

/** Why a conversion is suspect: a stable code the UI maps to words, the numbers, and its points. */
export const reviewReasonSchema = z.object({
  code: z.string(),
  detail: z.string(),
  /** Points this reason adds to the score; null when only a flag is known (no score breakdown). */
  weight: z.number().nullable().optional(),
})
export type ReviewReason = z.infer<typeof reviewReasonSchema>

/** A feature's share of the learned score: weight × standardised value, for a logistic model. */
export const modelContributionSchema = z.object({ feature: z.string(), contribution: z.number() })

export const reviewRowSchema = z.object({
  id,
  affiliateId: id,
  affiliateCode: z.string(),
  campaignId: id,
  campaignName: z.string(),
  eventType: z.enum(EVENT_TYPES),
  orderId: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  status: z.enum(CONVERSION_STATUSES),
  trust: z.enum(TRUST_LEVELS),
  score: z.number().int(),
  reasons: z.array(reviewReasonSchema),
  /** The model's top contributing features; null while the rules alone decide. */
  modelTop: z.array(modelContributionSchema).nullable(),
  createdAt: timestamp,
})
export type ReviewRow = z.infer<typeof reviewRowSchema>

export const reviewClickSchema = z.object({
  clickId: z.string(),
  at: timestamp,
  ip: z.string(),
  country: z.string(),
  userAgent: z.string(),
  referer: z.string(),
  deviceType: z.string(),
  fingerprint: z.string().nullable(),
  subIds: z.array(z.string().nullable()).length(5),
  source: z.string(),
  flagged: z.boolean(),
  flagReason: z.string().nullable(),
})

/** Which trace a sibling shares with the conversion under review. */
export const SIBLING_MATCHES = ['ip', 'fingerprint', 'customer'] as const

export const reviewSiblingSchema = z.object({
  id,
  affiliateCode: z.string(),
  campaignName: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  status: z.enum(CONVERSION_STATUSES),
  score: z.number().int(),
  flagged: z.boolean(),
  createdAt: timestamp,
  matches: z.array(z.enum(SIBLING_MATCHES)).min(1),
})
export type ReviewSibling = z.infer<typeof reviewSiblingSchema>

export const reviewDetailSchema = z.object({
  row: reviewRowSchema,
  customerKey: z.string().nullable(),
  /** The conversion's own IP (the reporter's, for a postback). */
  ip: z.string().nullable(),
  /** Null when the conversion has no click, or the click is no longer stored. */
  click: reviewClickSchema.nullable(),
  /** Reports and changes after arrival, oldest first (the conversion's audit history). */
  history: z.array(conversionEventSchema),
  siblings: z.array(reviewSiblingSchema),
  /** How far sibling lookups looked (days either side of the conversion), so the UI can say so. */
  siblingWindowDays: z.number().int(),
  /** True when more siblings matched than are listed. */
  siblingsTruncated: z.boolean(),
})
export type ReviewDetail = z.infer<typeof reviewDetailSchema>

export const REVIEW_DECISIONS = ['approve', 'reject'] as const

export const reviewDecisionResultSchema = z.discriminatedUnion('ok', [
  z.object({ id, ok: z.literal(true), status: z.enum(CONVERSION_STATUSES), note: z.string().nullable() }),
  z.object({ id, ok: z.literal(false), code: z.string(), message: z.string() }),
])
export type ReviewDecisionResult = z.infer<typeof reviewDecisionResultSchema>

export const reviewMethods = {
  'review.list': method(
    z
      .object({
        ...pageInput,
        /** true (default): pending conversions with a flag; false: every pending conversion. */
        flaggedOnly: z.boolean().default(true),
        campaignId: id.optional(),
        affiliateId: id.optional(),
      })
      .strict(),
    listOf(reviewRowSchema),
  ),
  'review.detail': method(z.object({ id }).strict(), reviewDetailSchema),
  'review.decide': method(
    z
      .object({
        ids: z
          .array(id)
          .min(1)
          .max(500)
          .refine((a) => new Set(a).size === a.length, 'Each conversion may appear once'),
        decision: z.enum(REVIEW_DECISIONS),
        reason: z.string().trim().max(500).optional(),
      })
      .strict(),
    z.object({ results: z.array(reviewDecisionResultSchema) }),
  ),
} as const

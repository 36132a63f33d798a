// A campaign's commission plan. Stored as JSON on the campaign and validated by this schema on
// every write, so the engine can trust what it reads. All money is minor units, all rates bps.
import { z } from 'zod'
import {
  EVENT_TYPES,
  INACTIVE_UPLINE_MODES,
  MAX_UPLINE_LEVELS,
  TIER_BASES,
  type EventType,
  type PlanType,
} from './domain'

const minor = z.number().int().min(0).max(1_000_000_000_00)
const bps = z.number().int().min(0).max(100_000)

/** Fixed amounts per event type; an event type not listed pays nothing. */
const fixedAmounts = z
  .object(
    Object.fromEntries(EVENT_TYPES.map((e) => [e, minor.optional()])) as Record<
      EventType,
      z.ZodOptional<typeof minor>
    >,
  )
  .strict()

const tier = z.object({ from: z.number().int().min(0), rateBps: bps }).strict()

/** One upline level: a rate of the sale amount, or a fixed amount. */
const uplineLevel = z.union([z.object({ rateBps: bps }).strict(), z.object({ amountMinor: minor }).strict()])

const common = {
  /** Affiliate tier rates (vip, elite) replace the plan's base rate for those affiliates. */
  tierRatesBps: z.object({ vip: bps.optional(), elite: bps.optional() }).strict().optional(),
  /**
   * Upline levels above the direct affiliate: one entry = classic 2-tier, up to MAX_UPLINE_LEVELS
   * (19) = multi-level.
   * The first entry is the parent (level 2), the next the grandparent (level 3), and so on.
   */
  upline: z.array(uplineLevel).max(MAX_UPLINE_LEVELS).default([]),
  /**
   * What to do with an upline affiliate who is not approved: `skip` leaves that level unpaid,
   * `compress` pays the level to the next approved ancestor instead.
   */
  inactiveUpline: z.enum(INACTIVE_UPLINE_MODES).default('skip'),
  /** Cap on the total paid for one conversion, in bps of the sale amount and/or absolute. */
  capBps: bps.optional(),
  capMinor: minor.optional(),
}

export const planSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), amounts: fixedAmounts, ...common }).strict(),
  z.object({ type: z.literal('percentage'), rateBps: bps, ...common }).strict(),
  z
    .object({
      type: z.literal('tiered'),
      /** What counts toward a tier: approved sales this calendar month by count or by revenue. */
      basis: z.enum(TIER_BASES),
      tiers: z
        .array(tier)
        .min(1)
        .refine((t) => t[0]?.from === 0, 'The first tier must start at 0')
        .refine(
          (t) => t.every((x, i) => i === 0 || x.from > t[i - 1]!.from),
          'Tiers must start at increasing thresholds',
        ),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('recurring'),
      rateBps: bps,
      /** Pay at most this many recurring periods; null = for as long as the subscription lasts. */
      maxMonths: z.number().int().min(1).max(1200).nullable().default(null),
      ...common,
    })
    .strict(),
  z.object({ type: z.literal('lifetime'), rateBps: bps, ...common }).strict(),
])

export type Plan = z.infer<typeof planSchema>
export type PlanInput = z.input<typeof planSchema>
export type { PlanType }

// Each plan type above has its own shape, so the union spells the types out; this stops compiling
// if it and domain.ts's PLAN_TYPES ever disagree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
true satisfies Same<Plan['type'], PlanType>

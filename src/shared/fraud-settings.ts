// The owner's fraud settings: thresholds, and each rule's switch, weight (points it adds to the
// 0–100 score) and limits. Shared so the renderer's settings form validates with the same schema.
import { z } from 'zod'

const weight = z.number().int().min(0).max(100)
const count = (max: number) => z.number().int().min(1).max(max)
/** Lower-cased domain names, e.g. `example.com`. */
const domainList = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9.-]+$/, 'A domain name such as example.com'),
  )
  .max(10_000)

export const fraudRulesSchema = z.object({
  /** More than `maxClicksPerHour` clicks from the click's IP in the last hour. */
  clickFlood: z.object({ enabled: z.boolean(), weight, maxClicksPerHour: count(100_000) }),
  /** More than `maxConversionsPer24h` earlier conversions from the conversion's IP in 24 h. */
  ipVelocity: z.object({ enabled: z.boolean(), weight, maxConversionsPer24h: count(100_000) }),
  /** Customer email is the affiliate's own (normalised), or the affiliate used this IP/fingerprint. */
  selfReferral: z.object({ enabled: z.boolean(), weight }),
  /** Customer email on mailchecker's maintained list, or on `denyDomains`; `allowDomains` wins. */
  disposableEmail: z.object({
    enabled: z.boolean(),
    weight,
    allowDomains: domainList,
    denyDomains: domainList,
  }),
  /** Conversion less than `minSecondsAfterClick` after its click (click injection). */
  clickInjection: z.object({
    enabled: z.boolean(),
    weight,
    minSecondsAfterClick: z.number().int().min(1).max(86_400),
  }),
  /** Click from a hidden context (`weight`) or without a referer (`noRefererWeight`): cookie stuffing. */
  cookieStuffing: z.object({ enabled: z.boolean(), weight, noRefererWeight: weight }),
  /**
   * More than `maxConversionsPer24h` earlier conversions from one fingerprint in 24 h, or the
   * fingerprint converted for more than `maxAffiliates` affiliates in 24 h (this one included).
   */
  fingerprintReuse: z.object({
    enabled: z.boolean(),
    weight,
    maxConversionsPer24h: count(100_000),
    maxAffiliates: count(1000),
  }),
  /** Known bot (isbot), missing or headless user agent. */
  bot: z.object({ enabled: z.boolean(), weight }),
  /** Datacenter network: the ASN database says so, or the ASN is on the hosting list (+ `extraAsns`). */
  datacenter: z.object({
    enabled: z.boolean(),
    weight,
    extraAsns: z.array(z.number().int().min(1).max(4_294_967_295)).max(10_000),
  }),
  /** Click country differs from conversion country (both known). */
  geoMismatch: z.object({ enabled: z.boolean(), weight }),
  /** Browser-reported conversion (`weight`) or token-only postback (`tokenWeight`). */
  lowTrust: z.object({ enabled: z.boolean(), weight, tokenWeight: weight }),
})
export type FraudRulesSettings = z.infer<typeof fraudRulesSchema>
export type FraudRuleName = keyof FraudRulesSettings

export const fraudSettingsSchema = z
  .object({
    /** A score at or above it holds the conversion for review. */
    reviewThreshold: z.number().int().min(1).max(100),
    /** A score at or above it rejects the conversion automatically (101 = never). */
    rejectThreshold: z.number().int().min(1).max(101),
    /** Labelled manager decisions needed before the learned model takes part in the score. */
    minDecisionsForModel: z.number().int().min(10).max(1_000_000),
    rules: fraudRulesSchema,
  })
  .refine((s) => s.rejectThreshold > s.reviewThreshold, {
    message: 'The reject threshold must be above the review threshold',
    path: ['rejectThreshold'],
  })
export type FraudSettings = z.infer<typeof fraudSettingsSchema>

export const DEFAULT_FRAUD_SETTINGS: FraudSettings = {
  reviewThreshold: 40,
  rejectThreshold: 90,
  minDecisionsForModel: 50,
  rules: {
    clickFlood: { enabled: true, weight: 30, maxClicksPerHour: 10 },
    ipVelocity: { enabled: true, weight: 40, maxConversionsPer24h: 5 },
    selfReferral: { enabled: true, weight: 60 },
    disposableEmail: { enabled: true, weight: 30, allowDomains: [], denyDomains: [] },
    clickInjection: { enabled: true, weight: 40, minSecondsAfterClick: 10 },
    cookieStuffing: { enabled: true, weight: 50, noRefererWeight: 10 },
    fingerprintReuse: { enabled: true, weight: 40, maxConversionsPer24h: 3, maxAffiliates: 2 },
    bot: { enabled: true, weight: 60 },
    datacenter: { enabled: true, weight: 35, extraAsns: [] },
    geoMismatch: { enabled: true, weight: 15 },
    lowTrust: { enabled: true, weight: 20, tokenWeight: 5 },
  },
}

/** Reason codes the engine emits, for the UI's chips. */
export const FRAUD_REASON_CODES = [
  'click_flood',
  'ip_velocity',
  'self_referral',
  'disposable_email',
  'click_injection',
  'cookie_stuffing',
  'fingerprint_reuse',
  'bot',
  'datacenter',
  'geo_mismatch',
  'low_trust',
] as const
export type FraudReasonCode = (typeof FRAUD_REASON_CODES)[number]

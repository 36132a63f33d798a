// The seam between what the listener and store know about a conversion (the input) and the pure
// fraud engine (rules + learned score). The engine never touches the database or the network.
import type { EventType, TrustLevel } from '../../shared/domain'

export interface FraudClick {
  at: number
  ip: string
  country: string
  userAgent: string
  referer: string
  fingerprint: string | null
  /** The click came from a hidden context (zero-size frame, prerender, background tab) as reported by /t.js. */
  hidden: boolean
  /** The click itself was flagged by the listener (rate limit, flood). */
  flagged: boolean
}

/** Everything the rules and the model read about one conversion, computed before the ledger decides. */
export interface FraudInput {
  at: number
  affiliateId: number
  campaignId: number
  trust: TrustLevel
  eventType: EventType
  amountMinor: number
  currency: string
  ip: string | null
  country: string | null
  userAgent: string | null
  fingerprint: string | null
  customerEmail: string | null
  click: FraudClick | null
  affiliate: {
    email: string
    paymentEmail: string | null
    createdAt: number
    /** Whether this IP / fingerprint has been seen on the affiliate's own sessions (self-referral). */
    usedIp: boolean
    usedFingerprint: boolean
  }
  /** Sliding-window counters, including this conversion's own click but not the conversion itself. */
  counters: {
    ipClicksLastHour: number
    ipConversionsLast24h: number
    fingerprintConversionsLast24h: number
    fingerprintAffiliatesLast24h: number
    affiliateConversionsLast24h: number
  }
  /** From the owner's GeoLite2-ASN file when present, else null. */
  asn: number | null
  datacenter: boolean
}

export interface FraudReason {
  /** Stable code, e.g. `click_flood`, `self_referral`; the UI maps it to words. */
  code: string
  /** Points this reason adds to the score. */
  weight: number
  /** Plain words with the numbers that tripped it, e.g. "7 conversions from this IP in 24 h (limit 5)". */
  detail: string
}

export interface FeatureContribution {
  feature: string
  /** weight × standardised value, for a logistic model. */
  contribution: number
}

export interface FraudVerdict {
  /** 0–100. */
  score: number
  reasons: FraudReason[]
  /** Null when the rules alone decided (too few decisions to train on). */
  model: { probability: number; top: FeatureContribution[] } | null
}

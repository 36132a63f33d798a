// What the commissions domain offers storage. The store does not import the engine: the core passes
// these pure functions in, so the SQL layer only looks facts up and writes decisions, and a second
// store (PostgreSQL) reuses the same rules unchanged.
import type { Decision, KnownConversion, LedgerFacts, StatusActor } from './attribution'
import type { ZonedMonth } from './month'
import type { ConversionStatus } from './status'
import type { EventType, IntentStatus, TrustLevel } from '../../shared/domain'
import type { FraudInput, FraudVerdict } from '../fraud/types'

export interface LedgerRules {
  decideIngest(intent: ConversionIntent, facts: LedgerFacts): Decision
  decideStatusChange(
    conversion: KnownConversion,
    to: ConversionStatus,
    actor: StatusActor,
    at: number,
    reason: string | null,
    facts: LedgerFacts,
  ): Decision
  /** Month boundaries in the program's time zone (tiers and recurring periods). */
  months(timeZone: string): (ms: number) => ZonedMonth
}

export type { ConversionStatus }

export type Trust = TrustLevel

/** What arrives from a postback, the first-party script, the API or the demo. */
export interface ConversionIntent {
  trust: Trust
  advertiserId: number
  /** The attributed click; null when attribution comes from a lifetime customer binding only. */
  click: {
    clickId: string
    affiliateId: number
    campaignId: number
    linkId: number | null
    /** When the click happened: the campaign's cookie days run from here. */
    createdAt: number
  } | null
  orderId: string
  /** What the sender called the order when the key is not its order id (simple signing: the click). */
  orderRef?: string | null
  /** null when the sender named no event: a status change then applies to the order's only conversion. */
  eventType: EventType | null
  /** The status the sender asks for. A new conversion starts in it; a known one moves to it. */
  status: IntentStatus
  /** null when the sender named no amount: nothing to re-base. */
  amountMinor: number | null
  currency: string | null
  advertiserPayoutMinor: number | null
  customerKey: string | null
  /** The subscription a recurring sale or renewal belongs to, when the sender names one. */
  subscriptionId: string | null
  ip: string | null
  receivedAt: number
  /** Fraud reasons found before the store; non-empty holds the conversion for review. */
  flags: string[]
  riskScore: number
  /** What the fraud rules read about the converting visitor, stored with a new conversion. */
  visitor?: IntentVisitor
  /**
   * The fraud engine's verdict on arrival (riskScore is its score) and the owner's thresholds then;
   * absent when no checks ran. The rules apply it to a new conversion only ("Risk thresholds").
   */
  risk?: IntentRisk
  /**
   * The postback's signature, remembered with the conversion it applied to until it expires, so a
   * replay (same order, same signature) is refused even after a restart. expiresAt is the verifier's
   * replayUntil; pruning goes by it.
   */
  nonce?: { signature: string; expiresAt: number }
}

export type IngestResult =
  | {
      ok: true
      conversionId: number
      status: ConversionStatus
      duplicate: boolean
      /** Commission rows written by this call (earnings, reversals, clawbacks). */
      ledgerRows: number
      /** Why the status is not what was asked (held for review, outside the window), else null. */
      note: string | null
      /** This report created the conversion (not a change to a known one). */
      created?: boolean
    }
  | { ok: false; code: 'not_found' | 'conflict' | 'invalid_input' | 'forbidden'; reason: string }

export interface IntentVisitor {
  fingerprint: string | null
  userAgent: string | null
  /** Lower-cased. */
  customerEmail: string | null
  country: string | null
}

export interface IntentRisk {
  /** At or above it the conversion is held for review with the verdict's reasons as flags. */
  reviewThreshold: number
  /** At or above it the conversion is recorded as rejected. */
  rejectThreshold: number
  verdict: FraudVerdict
  /** Kept with the conversion (conversion_risk) for the review queue and for training. */
  input: FraudInput
}

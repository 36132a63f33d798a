// The commission rules the store applies inside its transactions. The store does not import the
// engine: the core passes these pure functions in, so the SQL layer stays free of business rules and
// a second store (PostgreSQL) reuses the same rules unchanged.
import type { EventType, IntentStatus, TrustLevel } from '../../shared/domain'
import type { CommissionInput, CommissionLine } from './types'
import type { LedgerPlan, LedgerRow } from './ledger'
import type { ConversionStatus, TransitionResult } from './status'

export interface LedgerPolicy {
  computeLines(input: CommissionInput): CommissionLine[]
  earningRows(
    lines: readonly CommissionLine[],
    conversionId: number,
    status: 'pending' | 'approved',
    at: number,
  ): LedgerPlan['inserts']
  planApproval(rows: readonly LedgerRow[], at: number): LedgerPlan
  planReversal(rows: readonly LedgerRow[], target: 'rejected' | 'refunded', at: number): LedgerPlan
  transition(from: ConversionStatus, to: ConversionStatus, opts?: { viaPayout?: boolean }): TransitionResult
}

export type { ConversionStatus }

/** What arrives from a postback, the first-party script, the API or the demo. */
export interface ConversionIntent {
  trust: TrustLevel
  advertiserId: number
  /** The attributed click; null when attribution comes from a lifetime customer binding only. */
  click: { clickId: string; affiliateId: number; campaignId: number; linkId: number | null } | null
  orderId: string
  eventType: EventType
  /** The status the sender asks for. A new conversion starts in it; a known one moves to it. */
  status: IntentStatus
  amountMinor: number
  currency: string | null
  advertiserPayoutMinor: number | null
  customerKey: string | null
  ip: string | null
  receivedAt: number
  /** Fraud reasons found before the store; non-empty holds the conversion for review. */
  flags: string[]
  riskScore: number
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
    }
  | { ok: false; code: 'not_found' | 'conflict' | 'invalid_input' | 'forbidden'; reason: string }

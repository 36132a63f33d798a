// Pure ledger planning for the commissions table: what to insert and update when a conversion's
// lines are recorded, approved, rejected or refunded. The caller applies the plan in one
// transaction. Rules (schema.ts, money.ts):
// - nothing is recomputed: a reversal or clawback negates the exact amount of the earning it points
//   at (reversesId), so a conversion's rows always net to zero once it is rejected or refunded;
// - unpaid earnings (pending/approved) are cancelled: the earning becomes 'reversed' and a
//   'reversal' row, also 'reversed', records the negative amount;
// - paid earnings are history and stay untouched: an 'approved' 'clawback' row nets the amount
//   against the affiliate's next payout;
// - idempotent: an earning that already has a reversing row is left alone, so planning again on
//   the result (or a retried postback) does nothing.
import type { LedgerKind, LedgerStatus } from '../../shared/domain'
import type { CommissionLine } from './types'

export type { LedgerKind, LedgerStatus }

/** A commissions row as the planner needs it; a full DB row is assignable to it. */
export interface LedgerRow {
  id: number
  conversionId: number
  affiliateId: number
  kind: LedgerKind
  status: LedgerStatus
  amountMinor: number
  currency: string
  level: number
  planType: string
  rule: string
  baseMinor: number
  rateBps: number | null
  reversesId: number | null
}

/** A row to insert: every commissions column except the id. */
export interface NewLedgerRow extends Omit<LedgerRow, 'id'> {
  createdAt: number
  approvedAt: number | null
}

export interface StatusUpdate {
  id: number
  status: LedgerStatus
  /** Set when the update approves a row. */
  approvedAt?: number
}

export interface LedgerPlan {
  updates: StatusUpdate[]
  inserts: NewLedgerRow[]
}

/** Earning rows for freshly computed lines; `approved` when the conversion is already approved. */
export function earningRows(
  lines: readonly CommissionLine[],
  conversionId: number,
  status: 'pending' | 'approved',
  at: number,
): NewLedgerRow[] {
  return lines.map((line) => ({
    conversionId,
    affiliateId: line.affiliateId,
    kind: 'earning',
    status,
    amountMinor: line.amountMinor,
    currency: line.currency,
    level: line.level,
    planType: line.planType,
    rule: line.rule,
    baseMinor: line.baseMinor,
    rateBps: line.rateBps,
    reversesId: null,
    createdAt: at,
    approvedAt: status === 'approved' ? at : null,
  }))
}

/** Conversion approved: its pending earnings become approved. */
export function planApproval(rows: readonly LedgerRow[], at: number): LedgerPlan {
  const updates: StatusUpdate[] = []
  for (const row of rows) {
    if (row.kind === 'earning' && row.status === 'pending') {
      updates.push({ id: row.id, status: 'approved', approvedAt: at })
    }
  }
  return { updates, inserts: [] }
}

/** Conversion rejected or refunded: cancel unpaid earnings, claw back paid ones. */
export function planReversal(
  rows: readonly LedgerRow[],
  target: 'rejected' | 'refunded',
  at: number,
): LedgerPlan {
  const reversed = new Set<number>()
  const earnings = new Set<number>()
  for (const row of rows) {
    if (row.kind === 'earning') earnings.add(row.id)
    else if (row.reversesId !== null) reversed.add(row.reversesId)
  }
  for (const id of reversed) {
    if (!earnings.has(id))
      throw new Error(`Ledger row reverses #${id}, which is not an earning of this conversion`)
  }

  const plan: LedgerPlan = { updates: [], inserts: [] }
  for (const row of rows) {
    if (row.kind !== 'earning' || reversed.has(row.id)) continue
    if (row.status === 'reversed') {
      // Marked reversed with no row carrying the negative amount: the books would not balance, and
      // guessing which half is wrong is not this function's call.
      throw new Error(`Earning #${row.id} is marked reversed but nothing reverses it`)
    }
    const paid = row.status === 'paid'
    plan.inserts.push({
      conversionId: row.conversionId,
      affiliateId: row.affiliateId,
      kind: paid ? 'clawback' : 'reversal',
      status: paid ? 'approved' : 'reversed',
      amountMinor: -row.amountMinor,
      currency: row.currency,
      level: row.level,
      planType: row.planType,
      rule: `${paid ? 'clawback' : 'reversal'} of #${row.id} (conversion ${target})`,
      baseMinor: row.baseMinor,
      rateBps: row.rateBps,
      reversesId: row.id,
      createdAt: at,
      approvedAt: paid ? at : null,
    })
    if (!paid) plan.updates.push({ id: row.id, status: 'reversed' })
  }
  return plan
}

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

/**
 * Brings every (affiliate, level) of a conversion to a target amount: zero when it is rejected or
 * refunded, the freshly computed line when its amount is re-based. Unpaid earnings are cancelled
 * (marked reversed beside a negative reversal row); what was already paid stays, and the difference
 * between it and the target becomes a new earning (a top-up) or a clawback that nets against the
 * next payout. An unpaid earning that already equals its target is left alone, so re-planning on the
 * result changes nothing.
 */
export function planSettlement(
  rows: readonly LedgerRow[],
  targets: readonly CommissionLine[],
  opts: { conversionId: number; status: 'pending' | 'approved'; at: number; why: string },
): LedgerPlan {
  const reversed = new Set<number>()
  const earnings = new Set<number>()
  for (const row of rows) {
    if (row.kind === 'earning') earnings.add(row.id)
    else if (row.kind === 'reversal' && row.reversesId !== null) reversed.add(row.reversesId)
  }
  for (const id of reversed) {
    if (!earnings.has(id))
      throw new Error(`Ledger row reverses #${id}, which is not an earning of this conversion`)
  }

  interface Slot {
    unpaid: LedgerRow[]
    settled: number
    lastPaid: LedgerRow | null
  }
  const slots = new Map<string, Slot>()
  const slot = (affiliateId: number, level: number): Slot => {
    const key = `${affiliateId}:${level}`
    let s = slots.get(key)
    if (!s) slots.set(key, (s = { unpaid: [], settled: 0, lastPaid: null }))
    return s
  }
  for (const row of rows) {
    if (row.kind === 'reversal') continue
    if (row.kind === 'earning' && row.status === 'reversed') {
      // Marked reversed with no row carrying the negative amount: the books would not balance, and
      // guessing which half is wrong is not this function's call.
      if (!reversed.has(row.id))
        throw new Error(`Earning #${row.id} is marked reversed but nothing reverses it`)
      continue
    }
    const s = slot(row.affiliateId, row.level)
    if (row.kind === 'earning' && row.status !== 'paid') s.unpaid.push(row)
    else {
      // Paid earnings and clawbacks (paid or still to net) are money that has moved or will.
      s.settled += row.amountMinor
      if (row.kind === 'earning') s.lastPaid = row
    }
  }
  const wanted = new Map<string, CommissionLine>()
  for (const line of targets) {
    slot(line.affiliateId, line.level)
    wanted.set(`${line.affiliateId}:${line.level}`, line)
  }

  const plan: LedgerPlan = { updates: [], inserts: [] }
  const { conversionId, status, at, why } = opts
  for (const [key, s] of slots) {
    const target = wanted.get(key)
    const rest = (target?.amountMinor ?? 0) - s.settled
    const only = s.unpaid.length === 1 ? s.unpaid[0]! : null
    if (only && only.amountMinor === rest && rest > 0) continue
    for (const row of s.unpaid) {
      plan.inserts.push({
        ...copyOf(row),
        conversionId,
        kind: 'reversal',
        status: 'reversed',
        amountMinor: -row.amountMinor,
        rule: `reversal of #${row.id} (${why})`,
        reversesId: row.id,
        createdAt: at,
        approvedAt: null,
      })
      plan.updates.push({ id: row.id, status: 'reversed' })
    }
    if (rest === 0) continue
    const model = target ?? s.lastPaid ?? s.unpaid[0]
    if (!model) continue
    const base = { ...copyOf(model), conversionId }
    if (rest > 0) {
      plan.inserts.push({
        ...base,
        kind: 'earning',
        status,
        amountMinor: rest,
        rule: s.settled === 0 ? base.rule : `top-up to ${target?.rule ?? base.rule} (${why})`,
        reversesId: null,
        createdAt: at,
        approvedAt: status === 'approved' ? at : null,
      })
    } else {
      const paid = s.lastPaid
      plan.inserts.push({
        ...base,
        kind: 'clawback',
        status: 'approved',
        amountMinor: rest,
        rule: paid ? `clawback of #${paid.id} (${why})` : `clawback (${why})`,
        reversesId: paid?.id ?? null,
        createdAt: at,
        approvedAt: at,
      })
    }
  }
  return plan
}

function copyOf(
  row: LedgerRow | CommissionLine,
): Pick<NewLedgerRow, 'affiliateId' | 'currency' | 'level' | 'planType' | 'rule' | 'baseMinor' | 'rateBps'> {
  return {
    affiliateId: row.affiliateId,
    currency: row.currency,
    level: row.level,
    planType: row.planType,
    rule: row.rule,
    baseMinor: row.baseMinor,
    rateBps: row.rateBps,
  }
}

/** Conversion rejected or refunded: cancel unpaid earnings, claw back paid ones. */
export function planReversal(
  rows: readonly LedgerRow[],
  target: 'rejected' | 'refunded',
  at: number,
): LedgerPlan {
  const conversionId = rows[0]?.conversionId ?? 0
  return planSettlement(rows, [], { conversionId, status: 'pending', at, why: `conversion ${target}` })
}

// The conversion status state machine. Rejected and refunded are final: a rejected conversion that
// turns out genuine is recorded again rather than resurrected, so its ledger history stays readable.
// Refunds and rejections arrive at any time, also inside the hold and after payment (then the paid
// lines are clawed back). `paid` is set by a payout run only, never by hand, because it must match
// money actually sent.

import { CONVERSION_MOVES, CONVERSION_STATUSES, type ConversionStatus } from '../../shared/domain'

export { CONVERSION_STATUSES, type ConversionStatus }

/**
 * What the ledger must do alongside the status change:
 * - approve: pending earnings become approved (ledger.planApproval);
 * - reverse: earnings are reversed or clawed back (ledger.planReversal);
 * - none: nothing (a no-op, or approved → paid, where the payout run marks the rows it settles).
 */
export type LedgerEffect = 'none' | 'approve' | 'reverse'

export type TransitionResult =
  { ok: true; noop: boolean; ledger: LedgerEffect } | { ok: false; reason: string }

const ALLOWED = CONVERSION_MOVES

export function transition(
  from: ConversionStatus,
  to: ConversionStatus,
  opts: { viaPayout?: boolean } = {},
): TransitionResult {
  if (from === to) return { ok: true, noop: true, ledger: 'none' }
  if (!ALLOWED[from].includes(to)) {
    const final = from === 'rejected' || from === 'refunded'
    return {
      ok: false,
      reason: final
        ? `A ${from} conversion is final and cannot become ${to}`
        : `A ${from} conversion cannot become ${to}`,
    }
  }
  if (to === 'paid' && !opts.viaPayout) {
    return { ok: false, reason: 'Only a payout run can mark a conversion paid' }
  }
  const ledger: LedgerEffect = to === 'approved' ? 'approve' : to === 'paid' ? 'none' : 'reverse'
  return { ok: true, noop: false, ledger }
}

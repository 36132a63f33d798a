// The cap on the total paid for one conversion, across all levels.
//
// cap = min(capMinor, capBps of the conversion amount), over whichever is set. capBps defaults to
// 10 000 (the whole amount) for rate-based plans, so they never pay out more than the sale unless
// the owner raises capBps on purpose; fixed plans have no default cap (a lead has no amount).
// A percentage cap is a share of the amount, so it says nothing about an event without one (a
// lead of 0): there only capMinor applies, and a fixed amount is never cut to zero by capBps.
// Over the cap, lines are cut from the deepest level upward, so the converting affiliate is the
// last one to lose money. A line cut to zero disappears.
import type { Plan } from '../../shared/plan'
import { bpsOf } from './bps'
import type { LineBuffer } from './line-buffer'
import { totalOf } from './line-buffer'

export const DEFAULT_RATE_PLAN_CAP_BPS = 10_000

/** The most all lines together may pay; Infinity when uncapped. */
export function capFor(plan: Plan, amountMinor: number): number {
  const capBps = plan.capBps ?? (plan.type === 'fixed' ? undefined : DEFAULT_RATE_PLAN_CAP_BPS)
  let cap = Number.POSITIVE_INFINITY
  if (capBps !== undefined && amountMinor > 0) cap = bpsOf(amountMinor, capBps)
  if (plan.capMinor !== undefined && plan.capMinor < cap) cap = plan.capMinor
  return cap
}

export function applyCap(buf: LineBuffer, cap: number): void {
  let excess = totalOf(buf) - cap
  // Lines are in level order, so walking backwards cuts the deepest first; a line is only left
  // behind once it is at zero, which keeps every zeroed line at the end where count can drop it.
  for (let i = buf.count - 1; excess > 0 && i >= 0; i--) {
    const cut = Math.min(excess, buf.amount[i]!)
    buf.amount[i] = buf.amount[i]! - cut
    excess -= cut
    if (buf.amount[i] === 0) buf.count = i
  }
}

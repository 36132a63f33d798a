// Upline lines. plan.upline[i] is level i + 2 and belongs to the ancestor at depth i + 1.
// - skip: an ancestor who is not approved (or missing) leaves that level unpaid.
// - compress: not-approved ancestors are passed over, so the k-th approved ancestor going up takes
//   level k + 1. Levels never go beyond the ancestors there are: a short chain pays fewer levels.
// Rates are of the conversion amount, like level 1.
import { invalid } from '../../shared/errors'
import type { Plan } from '../../shared/plan'
import { bpsOf } from './bps'
import { type LineBuffer, NO_RATE, pushLine, Source } from './line-buffer'
import type { UplineAncestor } from './types'

export function pushUpline(
  plan: Plan,
  amountMinor: number,
  upline: readonly UplineAncestor[],
  buf: LineBuffer,
): void {
  const levels = plan.upline
  if (levels.length === 0) return
  const compress = plan.inactiveUpline === 'compress'
  let previousDepth = 0
  let used = 0
  for (const ancestor of upline) {
    // A closure table's self row (depth 0) is not an ancestor; callers may pass it through.
    if (ancestor.depth < 1) continue
    if (!(ancestor.depth > previousDepth)) {
      throw invalid('The upline must be ordered by depth with one ancestor per depth')
    }
    previousDepth = ancestor.depth
    let index: number
    if (compress) {
      if (ancestor.status !== 'approved') continue
      index = used++
    } else {
      index = ancestor.depth - 1
      if (index < levels.length && ancestor.status !== 'approved') continue
    }
    if (index >= levels.length) break
    const entry = levels[index]!
    if ('rateBps' in entry) {
      const amount = bpsOf(amountMinor, entry.rateBps)
      pushLine(buf, ancestor.id, index + 2, amount, entry.rateBps, Source.uplineRate, ancestor.depth)
    } else {
      pushLine(buf, ancestor.id, index + 2, entry.amountMinor, NO_RATE, Source.uplineFixed, ancestor.depth)
    }
  }
}

// The commission engine without any text or objects: fills a LineBuffer. compute.ts (one conversion,
// for the ledger) and simulate.ts (millions, for the what-if screen) both run exactly this.
//
// A converting affiliate who is not approved earns nothing and generates nothing for the upline:
// their traffic belongs in review, and paying the upline on it would reward recruiting them.
import { assertInt } from '../../shared/money'
import { invalid } from '../../shared/errors'
import type { Plan } from '../../shared/plan'
import { pushLevelOne } from './base-rate'
import { applyCap, capFor } from './cap'
import type { LineBuffer } from './line-buffer'
import { pushUpline } from './upline'
import type { AffiliateInput, ConversionInput, MonthStats, UplineAncestor } from './types'

export function computeInto(
  plan: Plan,
  conv: ConversionInput,
  affiliate: AffiliateInput,
  upline: readonly UplineAncestor[],
  stats: MonthStats,
  buf: LineBuffer,
): void {
  buf.count = 0
  assertInt(conv.amountMinor, 'amount')
  if (conv.amountMinor < 0) throw invalid(`A conversion amount cannot be negative (${conv.amountMinor})`)
  if (affiliate.status !== 'approved') return
  if (!pushLevelOne(plan, conv, affiliate, stats, buf)) return
  pushUpline(plan, conv.amountMinor, upline, buf)
  applyCap(buf, capFor(plan, conv.amountMinor))
}

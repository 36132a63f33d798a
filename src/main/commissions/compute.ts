// One conversion's commission lines, for the ledger and the postback path. The rules themselves are
// documented where they live: base-rate.ts (eligibility, level 1, rate precedence), tiers.ts (tier
// boundaries), upline.ts (levels, skip vs compress) and cap.ts (cap and which lines it cuts).
// Amounts are integer minor units rounded per line, half away from zero (shared/money.ts).
import { currencyExponent } from '../../shared/money'
import { computeInto } from './engine'
import { createLineBuffer } from './line-buffer'
import { describeLine } from './rules'
import type { CommissionInput, CommissionLine } from './types'

// Safe to share: computeInto is synchronous and the buffer is read out before returning.
const scratch = createLineBuffer()

/** Lines in level order; every line pays more than zero; their total never exceeds the plan's cap. */
export function computeCommissionLines(input: CommissionInput): CommissionLine[] {
  const { plan, conversion, affiliate, upline, monthStats } = input
  currencyExponent(conversion.currency) // refuses a malformed currency code before anything is paid
  computeInto(plan, conversion, affiliate, upline, monthStats, scratch)
  const lines: CommissionLine[] = []
  for (let i = 0; i < scratch.count; i++) {
    const rate = scratch.rateBps[i]!
    lines.push({
      affiliateId: scratch.affiliateId[i]!,
      level: scratch.level[i]!,
      amountMinor: scratch.amount[i]!,
      currency: conversion.currency,
      planType: plan.type,
      rule: describeLine(plan, conversion, monthStats, scratch, i),
      baseMinor: conversion.amountMinor,
      rateBps: rate < 0 ? null : rate,
    })
  }
  return lines
}

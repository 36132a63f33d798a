// The rule text stored on each ledger line, answering "why this amount" in the UI. It starts with a
// stable keyword (fixed, percentage, tier, recurring, lifetime, override, vip, elite, upline) so it
// can also be filtered on.
import { bpsToPercent, formatMinor } from '../../shared/money'
import type { Plan } from '../../shared/plan'
import { recurringPeriodOf } from './base-rate'
import { type LineBuffer, Source } from './line-buffer'
import { tierPosition } from './tiers'
import type { ConversionInput, MonthStats } from './types'

export function describeLine(
  plan: Plan,
  conv: ConversionInput,
  stats: MonthStats,
  buf: LineBuffer,
  i: number,
): string {
  const base = baseRule(plan, conv, stats, buf, i)
  const uncapped = buf.uncapped[i]!
  return uncapped === buf.amount[i] ? base : `${base}, capped from ${formatMinor(uncapped, conv.currency)}`
}

function baseRule(plan: Plan, conv: ConversionInput, stats: MonthStats, buf: LineBuffer, i: number): string {
  const pct = `${bpsToPercent(buf.rateBps[i]!)}%`
  const level = buf.level[i]!
  const depth = buf.detail[i]!
  switch (buf.source[i]) {
    case Source.fixed:
      return `fixed ${conv.eventType}`
    case Source.override:
      return `override ${pct}`
    case Source.vip:
      return `vip rate ${pct}`
    case Source.elite:
      return `elite rate ${pct}`
    case Source.tier: {
      if (plan.type !== 'tiered') break
      const tier = plan.tiers[buf.detail[i]!]!
      return plan.basis === 'count'
        ? `tier ${tier.from}+ (${pct}), sale #${tierPosition(plan, stats)} this month`
        : `tier ${formatMinor(tier.from, conv.currency)}+ revenue (${pct})`
    }
    case Source.planRate:
      if (plan.type === 'recurring') {
        const period = recurringPeriodOf(plan, conv)
        const of = plan.maxMonths === null ? '' : `/${plan.maxMonths}`
        return Number.isFinite(period) ? `recurring ${pct} period ${period}${of}` : `recurring ${pct}`
      }
      return `${plan.type} ${pct} of ${conv.eventType}`
    case Source.uplineRate:
    case Source.uplineFixed: {
      const what = buf.source[i] === Source.uplineRate ? pct : 'fixed'
      const compressed = depth + 1 !== level ? `, compressed from depth ${depth}` : ''
      return `upline level ${level} (${what})${compressed}`
    }
  }
  return plan.type
}

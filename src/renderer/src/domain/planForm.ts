// The commission plan editor works on text (what the owner types); these pure functions convert
// it to the shared plan schema's integers and back. Money uses the campaign currency's minor units,
// rates basis points, both through the shared money helpers. Errors carry the same paths the
// server uses (`plan.tiers.1.rateBps`), so client and server errors land on the same fields.
import { EVENT_TYPES, type EventType, type InactiveUplineMode, type TierBasis } from '../../../shared/domain'
import type { ErrorIssue } from '../../../shared/errors'
import { bpsToPercent, formatMinor } from '../../../shared/money'
import type { Plan, PlanInput, PlanType } from '../../../shared/plan'
import { IssueCollector } from '../forms/fieldErrors'
import { optional, parseAmount, parsePercent, parseWhole } from '../forms/parse'

export interface TierRow {
  key: number
  from: string
  ratePercent: string
}

export interface UplineRow {
  key: number
  kind: 'rate' | 'amount'
  value: string
}

export interface PlanFormValues {
  type: PlanType
  amounts: Record<EventType, string>
  ratePercent: string
  basis: TierBasis
  tiers: TierRow[]
  /** Empty = pay for as long as the subscription lasts. */
  maxMonths: string
  vipPercent: string
  elitePercent: string
  upline: UplineRow[]
  inactiveUpline: InactiveUplineMode
  capPercent: string
  capAmount: string
}

// Row keys only need to be unique within this window's lifetime, for React's list reconciliation.
let lastKey = 0
export const newRowKey = (): number => ++lastKey

export function emptyPlanForm(type: PlanType = 'percentage'): PlanFormValues {
  return {
    type,
    amounts: { lead: '', trial: '', sale: '', recurring: '' },
    ratePercent: '',
    basis: 'count',
    tiers: [{ key: newRowKey(), from: '0', ratePercent: '' }],
    maxMonths: '',
    vipPercent: '',
    elitePercent: '',
    upline: [],
    inactiveUpline: 'skip',
    capPercent: '',
    capAmount: '',
  }
}

const pct = (bps: number | undefined): string => (bps === undefined ? '' : bpsToPercent(bps))

export function planToForm(plan: Plan, currency: string): PlanFormValues {
  const f = emptyPlanForm(plan.type)
  switch (plan.type) {
    case 'fixed':
      for (const e of EVENT_TYPES) {
        const amount = plan.amounts[e]
        f.amounts[e] = amount === undefined ? '' : formatMinor(amount, currency)
      }
      break
    case 'percentage':
    case 'lifetime':
      f.ratePercent = pct(plan.rateBps)
      break
    case 'recurring':
      f.ratePercent = pct(plan.rateBps)
      f.maxMonths = plan.maxMonths === null ? '' : String(plan.maxMonths)
      break
    case 'tiered':
      f.basis = plan.basis
      f.tiers = plan.tiers.map((t) => ({
        key: newRowKey(),
        from: plan.basis === 'revenue' ? formatMinor(t.from, currency) : String(t.from),
        ratePercent: pct(t.rateBps),
      }))
      break
  }
  f.vipPercent = pct(plan.tierRatesBps?.vip)
  f.elitePercent = pct(plan.tierRatesBps?.elite)
  f.upline = plan.upline.map((level) =>
    'rateBps' in level
      ? { key: newRowKey(), kind: 'rate', value: pct(level.rateBps) }
      : { key: newRowKey(), kind: 'amount', value: formatMinor(level.amountMinor, currency) },
  )
  f.inactiveUpline = plan.inactiveUpline
  f.capPercent = pct(plan.capBps)
  f.capAmount = plan.capMinor === undefined ? '' : formatMinor(plan.capMinor, currency)
  return f
}

interface CommonInput {
  tierRatesBps?: { vip?: number; elite?: number }
  upline: ({ rateBps: number } | { amountMinor: number })[]
  inactiveUpline: InactiveUplineMode
  capBps?: number
  capMinor?: number
}

/** The plan plus conversion errors; a field that failed to convert holds a placeholder (0). */
export function formToPlan(f: PlanFormValues, currency: string): { plan: PlanInput; issues: ErrorIssue[] } {
  const c = new IssueCollector()
  const amount = (text: string) => parseAmount(text, currency)

  const upline = f.upline.map((row, i) => {
    const path = `plan.upline.${i}`
    return row.kind === 'rate'
      ? { rateBps: c.take(`${path}.rateBps`, parsePercent(row.value)) ?? 0 }
      : { amountMinor: c.take(`${path}.amountMinor`, amount(row.value)) ?? 0 }
  })
  const common: CommonInput = { upline, inactiveUpline: f.inactiveUpline }
  const vip = c.take('plan.tierRatesBps.vip', optional(f.vipPercent, parsePercent))
  const elite = c.take('plan.tierRatesBps.elite', optional(f.elitePercent, parsePercent))
  if (vip != null || elite != null) {
    common.tierRatesBps = {
      ...(vip != null ? { vip } : {}),
      ...(elite != null ? { elite } : {}),
    }
  }
  const capBps = c.take('plan.capBps', optional(f.capPercent, parsePercent))
  if (capBps != null) common.capBps = capBps
  const capMinor = c.take('plan.capMinor', optional(f.capAmount, amount))
  if (capMinor != null) common.capMinor = capMinor

  let plan: PlanInput
  switch (f.type) {
    case 'fixed': {
      const amounts: Partial<Record<EventType, number>> = {}
      for (const e of EVENT_TYPES) {
        const v = c.take(`plan.amounts.${e}`, optional(f.amounts[e], amount))
        if (v != null) amounts[e] = v
      }
      const typedAny = EVENT_TYPES.some((e) => f.amounts[e].trim() !== '')
      if (!typedAny) c.add('plan.amounts', 'Enter an amount for at least one event')
      plan = { ...common, type: 'fixed', amounts }
      break
    }
    case 'percentage':
    case 'lifetime':
      plan = { ...common, type: f.type, rateBps: c.take('plan.rateBps', parsePercent(f.ratePercent)) ?? 0 }
      break
    case 'recurring':
      plan = {
        ...common,
        type: 'recurring',
        rateBps: c.take('plan.rateBps', parsePercent(f.ratePercent)) ?? 0,
        maxMonths:
          c.take(
            'plan.maxMonths',
            optional(f.maxMonths, (t) => parseWhole(t, 1, 1200)),
          ) ?? null,
      }
      break
    case 'tiered':
      plan = {
        ...common,
        type: 'tiered',
        basis: f.basis,
        tiers: f.tiers.map((row, i) => ({
          from:
            c.take(
              `plan.tiers.${i}.from`,
              f.basis === 'revenue' ? amount(row.from) : parseWhole(row.from, 0, Number.MAX_SAFE_INTEGER),
            ) ?? 0,
          rateBps: c.take(`plan.tiers.${i}.rateBps`, parsePercent(row.ratePercent)) ?? 0,
        })),
      }
      break
  }
  return { plan, issues: c.issues }
}

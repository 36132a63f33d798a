import { describe, expect, it } from 'vitest'
import { planSchema, type PlanInput } from '../../shared/plan'
import { computeCommissionLines } from './compute'
import type { AffiliateInput, CommissionInput, ConversionInput, MonthStats, UplineAncestor } from './types'

const plan = (p: PlanInput) => planSchema.parse(p)
const direct: AffiliateInput = { id: 1, status: 'approved', tier: 'standard', overrideRateBps: null }
const noStats: MonthStats = { approvedCount: 0, approvedRevenueMinor: 0 }
const sale = (amountMinor: number, currency = 'USD'): ConversionInput => ({
  eventType: 'sale',
  amountMinor,
  currency,
})

function run(p: PlanInput, over: Partial<CommissionInput> = {}) {
  return computeCommissionLines({
    plan: plan(p),
    conversion: sale(10_000),
    affiliate: direct,
    upline: [],
    monthStats: noStats,
    ...over,
  })
}
const amounts = (lines: { amountMinor: number }[]) => lines.map((l) => l.amountMinor)

describe('percentage', () => {
  it('pays the rate of the sale as one level-1 line that explains itself', () => {
    expect(run({ type: 'percentage', rateBps: 1250 })).toEqual([
      {
        affiliateId: 1,
        level: 1,
        amountMinor: 1250,
        currency: 'USD',
        planType: 'percentage',
        rule: 'percentage 12.5% of sale',
        baseMinor: 10_000,
        rateBps: 1250,
      },
    ])
  })

  // Each line rounds half away from zero, in the currency's own minor unit (KWD and BHD have three
  // decimals).
  it.each([
    { case: '0.5¢ rounds up to 1¢', bps: 1250, amount: 4, currency: 'USD', paid: [1] },
    { case: '1.5¢ rounds up to 2¢, not to even', bps: 1250, amount: 12, currency: 'USD', paid: [2] },
    { case: '1.375¢ rounds down to 1¢', bps: 1250, amount: 11, currency: 'USD', paid: [1] },
    { case: '0.375¢ rounds to 0: no zero line', bps: 1250, amount: 3, currency: 'USD', paid: [] },
    { case: 'JPY, no decimals: ¥125.5 → ¥126', bps: 1250, amount: 1004, currency: 'JPY', paid: [126] },
    { case: 'KWD, 12.5 % of 1.005 → 0.126', bps: 1250, amount: 1005, currency: 'KWD', paid: [126] },
    { case: 'BHD, 33.33 % of 0.999 → 0.333', bps: 3333, amount: 999, currency: 'BHD', paid: [333] },
    { case: 'BHD, 12.5 % of 0.004 → 0.001', bps: 1250, amount: 4, currency: 'BHD', paid: [1] },
  ])('rounds: $case', ({ bps, amount, currency, paid }) => {
    const lines = run({ type: 'percentage', rateBps: bps }, { conversion: sale(amount, currency) })
    expect(amounts(lines)).toEqual(paid)
    for (const line of lines) expect(line.currency).toBe(currency)
  })

  it('pays no rate on a zero amount, while fixed upline amounts still pay (no share of nothing caps them)', () => {
    const p: PlanInput = {
      type: 'percentage',
      rateBps: 1250,
      upline: [{ rateBps: 500 }, { amountMinor: 100 }],
    }
    const upline: UplineAncestor[] = [
      { id: 2, status: 'approved', depth: 1 },
      { id: 3, status: 'approved', depth: 2 },
    ]
    expect(amounts(run(p, { conversion: sale(0), upline }))).toEqual([100])
    expect(run(p, { conversion: { eventType: 'lead', amountMinor: 0, currency: 'USD' } })).toEqual([])
  })

  it('refuses negative amounts and malformed currencies', () => {
    expect(() => run({ type: 'percentage', rateBps: 1000 }, { conversion: sale(-100) })).toThrow(/negative/)
    expect(() => run({ type: 'percentage', rateBps: 1000 }, { conversion: sale(100, 'usd') })).toThrow(
      /currency/,
    )
    expect(() => run({ type: 'percentage', rateBps: 1000 }, { conversion: sale(1.5) })).toThrow(
      /whole number/,
    )
  })

  it('pays nothing at all when the converting affiliate is not approved', () => {
    const p: PlanInput = { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] }
    const upline: UplineAncestor[] = [{ id: 2, status: 'approved', depth: 1 }]
    for (const status of ['pending', 'suspended', 'rejected'] as const) {
      expect(run(p, { affiliate: { ...direct, status }, upline })).toEqual([])
    }
  })
})

describe('lifetime', () => {
  it('pays its rate of any purchase', () => {
    expect(run({ type: 'lifetime', rateBps: 1000 }, { conversion: sale(2599) })).toMatchObject([
      { amountMinor: 260, rule: 'lifetime 10% of sale', planType: 'lifetime' }, // 259.9 → 260
    ])
  })
})

describe('fixed', () => {
  const p: PlanInput = { type: 'fixed', amounts: { lead: 500 } }
  it('pays the listed amount for the event type, with no rate', () => {
    expect(run(p, { conversion: { eventType: 'lead', amountMinor: 0, currency: 'USD' } })).toEqual([
      {
        affiliateId: 1,
        level: 1,
        amountMinor: 500,
        currency: 'USD',
        planType: 'fixed',
        rule: 'fixed lead',
        baseMinor: 0,
        rateBps: null,
      },
    ])
  })

  it('pays nothing, upline included, for an event type it does not list', () => {
    const upline: UplineAncestor[] = [{ id: 2, status: 'approved', depth: 1 }]
    expect(run({ ...p, upline: [{ amountMinor: 100 }] }, { conversion: sale(10_000), upline })).toEqual([])
  })

  it('ignores overrides and vip rates, which replace rates a fixed plan does not have', () => {
    const vip: AffiliateInput = { ...direct, tier: 'vip', overrideRateBps: 3000 }
    const lines = run(
      { ...p, tierRatesBps: { vip: 2000 } },
      { affiliate: vip, conversion: { eventType: 'lead', amountMinor: 0, currency: 'USD' } },
    )
    expect(amounts(lines)).toEqual([500])
  })

  it('has no cap unless one is set, so fixed upline amounts are paid on a zero-amount lead', () => {
    const upline: UplineAncestor[] = [{ id: 2, status: 'approved', depth: 1 }]
    const lead: ConversionInput = { eventType: 'lead', amountMinor: 0, currency: 'USD' }
    const lines = run({ ...p, upline: [{ amountMinor: 300 }] }, { conversion: lead, upline })
    expect(lines.map((l) => [l.affiliateId, l.level, l.amountMinor, l.rule])).toEqual([
      [1, 1, 500, 'fixed lead'],
      [2, 2, 300, 'upline level 2 (fixed)'],
    ])
  })

  it('pays the upline when the listed amount is zero: the event is still commissionable', () => {
    const upline: UplineAncestor[] = [{ id: 2, status: 'approved', depth: 1 }]
    const lead: ConversionInput = { eventType: 'lead', amountMinor: 0, currency: 'USD' }
    const lines = run(
      { type: 'fixed', amounts: { lead: 0 }, upline: [{ amountMinor: 300 }] },
      { conversion: lead, upline },
    )
    expect(lines.map((l) => [l.affiliateId, l.amountMinor])).toEqual([[2, 300]])
  })
})

describe('tiered by count (seed tiers 0–10 / 11–50 / 51+)', () => {
  const p: PlanInput = {
    type: 'tiered',
    basis: 'count',
    tiers: [
      { from: 0, rateBps: 1000 },
      { from: 11, rateBps: 1500 },
      { from: 51, rateBps: 2000 },
    ],
  }
  const at = (approvedCount: number) => run(p, { monthStats: { approvedCount, approvedRevenueMinor: 0 } })

  // approvedCount is the sales approved earlier this month: the sale being paid is sale #approvedCount + 1.
  it.each([
    {
      case: 'sale #1 of the month: first tier',
      approvedCount: 0,
      paid: { amountMinor: 1000, rateBps: 1000, rule: 'tier 0+ (10%), sale #1 this month' },
    },
    {
      case: 'sale #10: still the first tier',
      approvedCount: 9,
      paid: { amountMinor: 1000, rule: 'tier 0+ (10%), sale #10 this month' },
    },
    {
      case: 'sale #11: first of the second tier',
      approvedCount: 10,
      paid: { amountMinor: 1500, rule: 'tier 11+ (15%), sale #11 this month' },
    },
    {
      case: 'sale #50: still the second tier',
      approvedCount: 49,
      paid: { amountMinor: 1500, rateBps: 1500 },
    },
    {
      case: 'sale #51: first of the third tier',
      approvedCount: 50,
      paid: { amountMinor: 2000, rateBps: 2000, rule: 'tier 51+ (20%), sale #51 this month' },
    },
    { case: 'sale #501: still the top tier', approvedCount: 500, paid: { amountMinor: 2000 } },
  ])('$case', ({ approvedCount, paid }) => {
    expect(at(approvedCount)).toMatchObject([paid])
  })
})

describe('tiered by revenue', () => {
  const p: PlanInput = {
    type: 'tiered',
    basis: 'revenue',
    tiers: [
      { from: 0, rateBps: 500 },
      { from: 100_000, rateBps: 1000 },
    ],
  }
  const at = (approvedRevenueMinor: number) =>
    run(p, { conversion: sale(50_000), monthStats: { approvedCount: 3, approvedRevenueMinor } })

  // The revenue approved before this sale decides: a sale that crosses a threshold pays the lower rate.
  it.each([
    {
      case: 'crossing the threshold: lower rate',
      approvedRevenueMinor: 99_999,
      paid: { amountMinor: 2500, rule: 'tier 0.00+ revenue (5%)' },
    },
    {
      case: 'past the threshold: higher rate',
      approvedRevenueMinor: 100_000,
      paid: { amountMinor: 5000, rule: 'tier 1000.00+ revenue (10%)' },
    },
  ])('$case', ({ approvedRevenueMinor, paid }) => {
    expect(at(approvedRevenueMinor)).toMatchObject([paid])
  })
})

describe('rate precedence: override > vip/elite rate > plan rate', () => {
  const p: PlanInput = { type: 'percentage', rateBps: 1000, tierRatesBps: { vip: 1500, elite: 2000 } }
  const as = (a: Partial<AffiliateInput>) => run(p, { affiliate: { ...direct, ...a } })

  it.each([
    {
      case: 'standard: the plan rate',
      affiliate: {},
      paid: { amountMinor: 1000, rule: 'percentage 10% of sale' },
    },
    {
      case: 'vip: the vip rate',
      affiliate: { tier: 'vip' },
      paid: { amountMinor: 1500, rateBps: 1500, rule: 'vip rate 15%' },
    },
    {
      case: 'elite: the elite rate',
      affiliate: { tier: 'elite' },
      paid: { amountMinor: 2000, rule: 'elite rate 20%' },
    },
    {
      case: 'an override beats the tier rate',
      affiliate: { tier: 'elite', overrideRateBps: 2500 },
      paid: { amountMinor: 2500, rateBps: 2500, rule: 'override 25%' },
    },
  ] satisfies { case: string; affiliate: Partial<AffiliateInput>; paid: object }[])(
    '$case',
    ({ affiliate, paid }) => {
      expect(as(affiliate)).toMatchObject([paid])
    },
  )
  it('honours an override of 0 by paying the affiliate nothing, while the upline is still paid', () => {
    const upline: UplineAncestor[] = [{ id: 2, status: 'approved', depth: 1 }]
    const lines = run(
      { ...p, upline: [{ rateBps: 500 }] },
      { affiliate: { ...direct, overrideRateBps: 0 }, upline },
    )
    expect(lines.map((l) => [l.affiliateId, l.amountMinor])).toEqual([[2, 500]])
  })
  it('falls back to the plan rate when the plan has no rate for that tier', () => {
    expect(
      run(
        { type: 'percentage', rateBps: 1000, tierRatesBps: { vip: 1500 } },
        { affiliate: { ...direct, tier: 'elite' } },
      ),
    ).toMatchObject([{ amountMinor: 1000 }])
  })
  it('lets a vip rate replace the monthly tier of a tiered plan', () => {
    const tiered: PlanInput = {
      type: 'tiered',
      basis: 'count',
      tiers: [
        { from: 0, rateBps: 1000 },
        { from: 2, rateBps: 3000 },
      ],
      tierRatesBps: { vip: 1200 },
    }
    const lines = run(tiered, {
      affiliate: { ...direct, tier: 'vip' },
      monthStats: { approvedCount: 5, approvedRevenueMinor: 0 },
    })
    expect(lines).toMatchObject([{ amountMinor: 1200, rule: 'vip rate 12%' }])
  })
})

describe('recurring', () => {
  const p: PlanInput = { type: 'recurring', rateBps: 2000, maxMonths: 12 }
  const renewal = (recurringPeriod?: number): ConversionInput => ({
    eventType: 'recurring',
    amountMinor: 2900,
    currency: 'USD',
    recurringPeriod,
  })

  it('pays the first sale as period 1', () => {
    expect(run(p, { conversion: sale(2900) })).toMatchObject([
      { amountMinor: 580, rule: 'recurring 20% period 1/12' },
    ])
  })
  it('pays up to and including maxMonths, then nothing, upline included', () => {
    const upline: UplineAncestor[] = [{ id: 2, status: 'approved', depth: 1 }]
    const withUpline: PlanInput = { ...p, upline: [{ rateBps: 500 }] }
    expect(amounts(run(withUpline, { conversion: renewal(12), upline }))).toEqual([580, 145])
    expect(run(withUpline, { conversion: renewal(13), upline })).toEqual([])
  })
  it('refuses to guess the period when the plan limits months', () => {
    expect(() => run(p, { conversion: renewal() })).toThrow(/recurringPeriod/)
    expect(() => run(p, { conversion: renewal(0) })).toThrow(/recurringPeriod/)
  })
  it('pays every period when maxMonths is null', () => {
    const open: PlanInput = { type: 'recurring', rateBps: 2000 }
    expect(run(open, { conversion: renewal() })).toMatchObject([{ amountMinor: 580, rule: 'recurring 20%' }])
    expect(run(open, { conversion: renewal(240) })).toMatchObject([{ amountMinor: 580 }])
  })
  it('does not pay leads or trials', () => {
    expect(run(p, { conversion: { eventType: 'trial', amountMinor: 2900, currency: 'USD' } })).toEqual([])
  })
})

describe('upline', () => {
  // Parent approved, grandparent suspended, great- and great-great-grandparent approved.
  const upline: UplineAncestor[] = [
    { id: 2, status: 'approved', depth: 1 },
    { id: 3, status: 'suspended', depth: 2 },
    { id: 4, status: 'approved', depth: 3 },
    { id: 5, status: 'approved', depth: 4 },
  ]
  const levels = [{ rateBps: 500 }, { rateBps: 200 }, { rateBps: 100 }]
  const summary = (lines: ReturnType<typeof run>) =>
    lines.map((l) => [l.affiliateId, l.level, l.amountMinor, l.rule])

  it('skip: an inactive ancestor leaves its level unpaid and nobody moves up', () => {
    const lines = run(
      { type: 'percentage', rateBps: 1000, upline: levels, inactiveUpline: 'skip' },
      { upline },
    )
    expect(summary(lines)).toEqual([
      [1, 1, 1000, 'percentage 10% of sale'],
      [2, 2, 500, 'upline level 2 (5%)'],
      [4, 4, 100, 'upline level 4 (1%)'],
    ])
  })

  it('compress: the next approved ancestor takes the level, and the levels above shift up', () => {
    const lines = run(
      { type: 'percentage', rateBps: 1000, upline: levels, inactiveUpline: 'compress' },
      { upline },
    )
    expect(summary(lines)).toEqual([
      [1, 1, 1000, 'percentage 10% of sale'],
      [2, 2, 500, 'upline level 2 (5%)'],
      [4, 3, 200, 'upline level 3 (2%), compressed from depth 3'],
      [5, 4, 100, 'upline level 4 (1%), compressed from depth 4'],
    ])
  })

  it('compress never reaches beyond the ancestors there are', () => {
    const short: UplineAncestor[] = [
      { id: 2, status: 'suspended', depth: 1 },
      { id: 3, status: 'approved', depth: 2 },
    ]
    const lines = run(
      { type: 'percentage', rateBps: 1000, upline: levels, inactiveUpline: 'compress' },
      { upline: short },
    )
    expect(summary(lines)).toEqual([
      [1, 1, 1000, 'percentage 10% of sale'],
      [3, 2, 500, 'upline level 2 (5%), compressed from depth 2'],
    ])
  })

  it('pays only as many levels as the plan lists', () => {
    const lines = run({ type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] }, { upline })
    expect(amounts(lines)).toEqual([1000, 500])
  })

  it('ignores a depth-0 self row passed straight from the closure table', () => {
    const withSelf: UplineAncestor[] = [{ id: 1, status: 'approved', depth: 0 }, ...upline]
    const lines = run(
      { type: 'percentage', rateBps: 1000, upline: levels, inactiveUpline: 'compress' },
      { upline: withSelf },
    )
    expect(lines.map((l) => l.affiliateId)).toEqual([1, 2, 4, 5])
  })

  it('refuses an upline out of depth order', () => {
    const shuffled = [upline[1]!, upline[0]!]
    expect(() => run({ type: 'percentage', rateBps: 1000, upline: levels }, { upline: shuffled })).toThrow(
      /ordered by depth/,
    )
  })
})

describe('cap', () => {
  const chain: UplineAncestor[] = [
    { id: 2, status: 'approved', depth: 1 },
    { id: 3, status: 'approved', depth: 2 },
  ]
  const summary = (lines: ReturnType<typeof run>) => lines.map((l) => [l.level, l.amountMinor, l.rule])

  it('defaults to the sale amount for rate plans and cuts the deepest level first', () => {
    // 50 % + 30 % + 30 % of 100.00 = 110.00, 10.00 over the 100.00 cap
    const lines = run(
      { type: 'percentage', rateBps: 5000, upline: [{ rateBps: 3000 }, { rateBps: 3000 }] },
      { upline: chain },
    )
    expect(summary(lines)).toEqual([
      [1, 5000, 'percentage 50% of sale'],
      [2, 3000, 'upline level 2 (30%)'],
      [3, 2000, 'upline level 3 (30%), capped from 30.00'],
    ])
  })

  it('drops a level cut to zero and carries on upward', () => {
    // 80 + 30 + 30 = 140, 40 over: level 3 loses all 30, level 2 loses 10
    const lines = run(
      { type: 'percentage', rateBps: 8000, upline: [{ rateBps: 3000 }, { rateBps: 3000 }] },
      { upline: chain },
    )
    expect(summary(lines)).toEqual([
      [1, 8000, 'percentage 80% of sale'],
      [2, 2000, 'upline level 2 (30%), capped from 30.00'],
    ])
  })

  it('takes the lower of capMinor and capBps', () => {
    // lines 10.00 + 5.00 + 2.00; cap min(50.00, 12 % of 100.00 = 12.00) = 12.00
    const p: PlanInput = {
      type: 'percentage',
      rateBps: 1000,
      upline: [{ rateBps: 500 }, { rateBps: 200 }],
      capBps: 1200,
      capMinor: 5000,
    }
    expect(summary(run(p, { upline: chain }))).toEqual([
      [1, 1000, 'percentage 10% of sale'],
      [2, 200, 'upline level 2 (5%), capped from 5.00'],
    ])
    expect(amounts(run({ ...p, capBps: 9000, capMinor: 1500 }, { upline: chain }))).toEqual([1000, 500])
  })

  it('cuts the direct affiliate last of all', () => {
    const p: PlanInput = { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }], capMinor: 600 }
    expect(summary(run(p, { upline: chain }))).toEqual([
      [1, 600, 'percentage 10% of sale, capped from 10.00'],
    ])
  })

  it('lets the owner raise capBps above the sale amount on purpose', () => {
    expect(amounts(run({ type: 'percentage', rateBps: 15_000 }))).toEqual([10_000])
    expect(amounts(run({ type: 'percentage', rateBps: 15_000, capBps: 20_000 }))).toEqual([15_000])
  })

  it('caps a fixed plan only when asked, and shows the cap in the currency', () => {
    const p: PlanInput = { type: 'fixed', amounts: { sale: 800 }, capBps: 5000 }
    expect(summary(run(p, { conversion: sale(1000) }))).toEqual([[1, 500, 'fixed sale, capped from 8.00']])
    const kwd = run(
      { type: 'fixed', amounts: { sale: 1500 }, capMinor: 1250 },
      { conversion: sale(9000, 'KWD') },
    )
    expect(summary(kwd)).toEqual([[1, 1250, 'fixed sale, capped from 1.500']])
  })

  it('never lets a percentage cap zero a fixed amount on an event without an amount', () => {
    const p: PlanInput = {
      type: 'fixed',
      amounts: { lead: 300 },
      upline: [{ amountMinor: 100 }],
      capBps: 5000,
    }
    const lead = { eventType: 'lead', amountMinor: 0, currency: 'USD' } as const
    expect(amounts(run(p, { conversion: lead, upline: chain }))).toEqual([300, 100])
    // capMinor still caps it: an absolute cap needs no amount.
    expect(amounts(run({ ...p, capMinor: 350 }, { conversion: lead, upline: chain }))).toEqual([300, 50])
  })
})

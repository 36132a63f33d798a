// Properties over random plans, amounts, currencies and uplines. The cap oracle is recomputed here
// from the plan fields with the shared applyBps, independently of cap.ts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyBps } from '../../shared/money'
import { planSchema, type Plan, type PlanInput } from '../../shared/plan'
import { computeCommissionLines } from './compute'
import type { AffiliateInput, ConversionInput, UplineAncestor } from './types'

const bps = fc.integer({ min: 0, max: 30_000 })
const money = fc.integer({ min: 0, max: 1_000_000_000 })
const uplineLevel = fc.oneof(
  bps.map((rateBps) => ({ rateBps })),
  money.map((amountMinor) => ({ amountMinor })),
)
const common = {
  upline: fc.array(uplineLevel, { maxLength: 19 }),
  inactiveUpline: fc.constantFrom('skip' as const, 'compress' as const),
  capBps: fc.option(bps, { nil: undefined }),
  capMinor: fc.option(money, { nil: undefined }),
  tierRatesBps: fc.option(
    fc.record({ vip: fc.option(bps, { nil: undefined }), elite: fc.option(bps, { nil: undefined }) }),
    { nil: undefined },
  ),
}
const tiers = fc
  .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 4 })
  .chain((froms) =>
    fc.tuple(...[0, ...froms.sort((a, b) => a - b)].map((from) => bps.map((rateBps) => ({ from, rateBps })))),
  )
const planArb: fc.Arbitrary<Plan> = fc
  .oneof(
    fc.record({
      type: fc.constant('fixed' as const),
      amounts: fc.record(
        {
          lead: money,
          trial: money,
          sale: money,
          recurring: money,
        },
        { requiredKeys: [] },
      ),
      ...common,
    }),
    fc.record({ type: fc.constant('percentage' as const), rateBps: bps, ...common }),
    fc.record({ type: fc.constant('lifetime' as const), rateBps: bps, ...common }),
    fc.record({
      type: fc.constant('recurring' as const),
      rateBps: bps,
      maxMonths: fc.option(fc.integer({ min: 1, max: 36 }), { nil: null }),
      ...common,
    }),
    fc.record({
      type: fc.constant('tiered' as const),
      basis: fc.constantFrom('count' as const, 'revenue' as const),
      tiers,
      ...common,
    }),
  )
  .map((p) => planSchema.parse(p as PlanInput))

const conversionArb: fc.Arbitrary<ConversionInput> = fc.record({
  eventType: fc.constantFrom('lead' as const, 'trial' as const, 'sale' as const, 'recurring' as const),
  amountMinor: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 }), money),
  currency: fc.constantFrom('USD', 'JPY', 'KWD', 'BHD', 'EUR'),
  recurringPeriod: fc.integer({ min: 1, max: 48 }),
})
const statusArb = fc.constantFrom(
  'approved' as const,
  'approved' as const,
  'pending' as const,
  'suspended' as const,
)
const affiliateArb: fc.Arbitrary<AffiliateInput> = fc.record({
  id: fc.constant(1),
  status: fc.constantFrom(
    'approved' as const,
    'approved' as const,
    'approved' as const,
    'suspended' as const,
  ),
  tier: fc.constantFrom('standard' as const, 'vip' as const, 'elite' as const),
  overrideRateBps: fc.option(bps, { nil: null }),
})
const uplineArb: fc.Arbitrary<UplineAncestor[]> = fc
  .array(statusArb, { maxLength: 25 })
  .map((statuses) => statuses.map((status, i) => ({ id: 100 + i, status, depth: i + 1 })))
const statsArb = fc.record({
  approvedCount: fc.integer({ min: 0, max: 200 }),
  approvedRevenueMinor: fc.integer({ min: 0, max: 2_000_000 }),
})

function expectedCap(plan: Plan, amount: number): number {
  const caps: number[] = []
  if (plan.capMinor !== undefined) caps.push(plan.capMinor)
  // A share of the amount caps nothing when there is no amount (a lead of 0).
  if (amount > 0) {
    if (plan.capBps !== undefined) caps.push(applyBps(amount, plan.capBps))
    else if (plan.type !== 'fixed') caps.push(amount)
  }
  return caps.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...caps)
}

describe('commission lines, over random plans', () => {
  it('never pay more than the cap, never pay zero or less, and stay in level order', () => {
    fc.assert(
      fc.property(
        planArb,
        conversionArb,
        affiliateArb,
        uplineArb,
        statsArb,
        (plan, conversion, affiliate, upline, monthStats) => {
          const lines = computeCommissionLines({ plan, conversion, affiliate, upline, monthStats })
          const total = lines.reduce((sum, l) => sum + l.amountMinor, 0)
          expect(total).toBeLessThanOrEqual(expectedCap(plan, conversion.amountMinor))
          for (const l of lines) {
            expect(Number.isSafeInteger(l.amountMinor)).toBe(true)
            expect(l.amountMinor).toBeGreaterThan(0)
            expect(l.currency).toBe(conversion.currency)
            expect(l.baseMinor).toBe(conversion.amountMinor)
          }
          const levels = lines.map((l) => l.level)
          expect(levels).toEqual([...levels].sort((a, b) => a - b))
          expect(new Set(levels).size).toBe(levels.length)
          expect(new Set(lines.map((l) => l.affiliateId)).size).toBe(lines.length)
          expect(Math.max(0, ...levels)).toBeLessThanOrEqual(plan.upline.length + 1)
          if (affiliate.status !== 'approved') expect(lines).toEqual([])
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('pay every uncapped rate line exactly its rounded rate of the amount, and cut at most one line part-way', () => {
    fc.assert(
      fc.property(
        planArb,
        conversionArb,
        affiliateArb,
        uplineArb,
        statsArb,
        (plan, conversion, affiliate, upline, monthStats) => {
          const lines = computeCommissionLines({ plan, conversion, affiliate, upline, monthStats })
          for (const l of lines) {
            if (l.rateBps !== null && !l.rule.includes('capped')) {
              expect(l.amountMinor).toBe(applyBps(conversion.amountMinor, l.rateBps))
            }
          }
          expect(lines.filter((l) => l.rule.includes('capped')).length).toBeLessThanOrEqual(1)
          // A capped line is the deepest one left: everything deeper was cut to nothing.
          const cappedAt = lines.findIndex((l) => l.rule.includes('capped'))
          if (cappedAt >= 0) expect(cappedAt).toBe(lines.length - 1)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('with skip, pay each upline level to the ancestor at depth level - 1 or to nobody', () => {
    fc.assert(
      fc.property(planArb, conversionArb, uplineArb, (plan, conversion, upline) => {
        const skip = { ...plan, inactiveUpline: 'skip' as const }
        const direct: AffiliateInput = { id: 1, status: 'approved', tier: 'standard', overrideRateBps: null }
        const lines = computeCommissionLines({
          plan: skip,
          conversion,
          affiliate: direct,
          upline,
          monthStats: { approvedCount: 0, approvedRevenueMinor: 0 },
        })
        for (const l of lines.filter((x) => x.level > 1)) {
          const ancestor = upline.find((a) => a.depth === l.level - 1)
          expect(ancestor?.id).toBe(l.affiliateId)
          expect(ancestor?.status).toBe('approved')
        }
      }),
      { numRuns: 1000 },
    )
  })
})

import { describe, expect, it } from 'vitest'
import { planSchema, type PlanInput } from '../../shared/plan'
import { simulate, type SimContext, type SimConversion } from './simulate'
import type { AffiliateInput, UplineAncestor } from './types'

const plan = (p: PlanInput) => planSchema.parse(p)
const DAY = 86_400_000
const JAN = Date.UTC(2026, 0, 1)
const FEB = Date.UTC(2026, 1, 1)

const affiliates = new Map<number, AffiliateInput>([
  [1, { id: 1, status: 'approved', tier: 'standard', overrideRateBps: null }],
  [2, { id: 2, status: 'approved', tier: 'standard', overrideRateBps: null }],
  [3, { id: 3, status: 'approved', tier: 'standard', overrideRateBps: null }],
])
const uplines = new Map<number, UplineAncestor[]>([[1, [{ id: 2, status: 'approved', depth: 1 }]]])

function ctx(over: Partial<SimContext> = {}): SimContext {
  return {
    currentPlanFor: () => plan({ type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] }),
    // From the 3rd approved sale of the month on, 20 %.
    proposedPlan: plan({
      type: 'tiered',
      basis: 'count',
      tiers: [
        { from: 0, rateBps: 1000 },
        { from: 3, rateBps: 2000 },
      ],
    }),
    affiliateOf: (id) => affiliates.get(id),
    uplineOf: (id) => uplines.get(id) ?? [],
    ...over,
  }
}

const conv = (
  affiliateId: number,
  amountMinor: number,
  status: SimConversion['status'],
  createdAt: number,
  eventType: SimConversion['eventType'] = 'sale',
): SimConversion => ({
  campaignId: 1,
  affiliateId,
  eventType,
  amountMinor,
  currency: 'USD',
  status,
  createdAt,
})

describe('simulate', () => {
  it('compares current and proposed plans per affiliate, counting tiers month by month', () => {
    const result = simulate(
      [
        conv(1, 10_000, 'approved', JAN + 4 * DAY), // sale #1: current 1000 + 500, proposed 10 % = 1000
        conv(1, 20_000, 'paid', JAN + 5 * DAY), // sale #2: 2000 + 1000, proposed 2000
        conv(1, 10_000, 'pending', JAN + 6 * DAY), // #3 → 20 % = 2000; pending does not count
        conv(1, 10_000, 'rejected', JAN + 7 * DAY), // skipped
        conv(1, 5_000, 'approved', JAN + 8 * DAY), // still #3 → 1000; current 500 + 250
        conv(1, 10_000, 'approved', FEB), // new month: #1 → 1000; current 1000 + 500
        conv(3, 0, 'approved', FEB + DAY, 'lead'), // pays nothing either way
        conv(3, 10_000, 'refunded', FEB + 2 * DAY), // skipped
      ],
      ctx(),
    )
    expect(result.currency).toBe('USD')
    expect([...result.perAffiliate].sort((a, b) => a[0] - b[0])).toEqual([
      [1, { current: 5500, proposed: 7000 }],
      [2, { current: 2750, proposed: 0 }],
    ])
    expect(result.totals).toEqual({ current: 8250, proposed: 7000, delta: -1250, conversions: 6, skipped: 2 })
  })

  it('keeps tier counters per campaign, and asks each campaign for its current plan', () => {
    const asked: number[] = []
    const result = simulate(
      [
        { ...conv(1, 10_000, 'approved', JAN), campaignId: 9 },
        { ...conv(1, 10_000, 'approved', JAN + 1), campaignId: 9 },
        conv(1, 10_000, 'approved', JAN + 2), // campaign 1: sale #1, not #3
      ],
      ctx({
        currentPlanFor: (id) => {
          asked.push(id)
          return plan({ type: 'fixed', amounts: { sale: id } })
        },
      }),
    )
    expect(asked).toEqual([9, 1])
    expect(result.totals).toMatchObject({ current: 9 + 9 + 1, proposed: 3000 })
  })

  it('refuses input out of time order, mixed currencies and unknown affiliates', () => {
    expect(() => simulate([conv(1, 1, 'approved', JAN + 1), conv(1, 1, 'approved', JAN)], ctx())).toThrow(
      /ordered/,
    )
    expect(() =>
      simulate([conv(1, 1, 'approved', JAN), { ...conv(1, 1, 'approved', JAN), currency: 'EUR' }], ctx()),
    ).toThrow(/one currency/)
    expect(() => simulate([conv(42, 1, 'approved', JAN)], ctx())).toThrow(/42/)
  })

  it('returns an empty result for no conversions', () => {
    expect(simulate([], ctx())).toEqual({
      currency: null,
      perAffiliate: new Map(),
      totals: { current: 0, proposed: 0, delta: 0, conversions: 0, skipped: 0 },
    })
  })

  it('runs a million conversions in a few seconds', () => {
    // 1000 affiliates in chains of five: affiliate i has i % 5 ancestors.
    const affs = new Map<number, AffiliateInput>()
    const ups = new Map<number, UplineAncestor[]>()
    for (let id = 0; id < 1000; id++) {
      affs.set(id, { id, status: 'approved', tier: 'standard', overrideRateBps: null })
      const chain: UplineAncestor[] = []
      for (let d = 1; d <= id % 5; d++) chain.push({ id: id - d, status: 'approved', depth: d })
      ups.set(id, chain)
    }
    const one: SimConversion = conv(0, 10_000, 'approved', 0)
    function* conversions(): Generator<SimConversion> {
      for (let k = 0; k < 1_000_000; k++) {
        one.affiliateId = k % 1000
        one.createdAt = JAN + k * 2000 // 23 days: all in January
        yield one
      }
    }
    const started = performance.now()
    const result = simulate(conversions(), {
      currentPlanFor: () =>
        plan({ type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }, { rateBps: 200 }] }),
      proposedPlan: plan({
        type: 'tiered',
        basis: 'count',
        tiers: [
          { from: 0, rateBps: 1000 },
          { from: 11, rateBps: 1500 },
          { from: 51, rateBps: 2000 },
        ],
      }),
      affiliateOf: (id) => affs.get(id),
      uplineOf: (id) => ups.get(id)!,
    })
    const seconds = (performance.now() - started) / 1000
    // Current, per five affiliates: 10.00 + 15.00 + 3 × 17.00 = 76.00 a sale, over 200 000 rounds.
    // Proposed, per affiliate: 10 × 10.00 + 40 × 15.00 + 950 × 20.00 = 19 700.00, for 1000 affiliates.
    expect(result.totals).toEqual({
      current: 1_520_000_000,
      proposed: 1_970_000_000,
      delta: 450_000_000,
      conversions: 1_000_000,
      skipped: 0,
    })
    // Affiliate 7: its own 1000 sales at 10.00, its child 8's at 5.00, its grandchild 9's at 2.00.
    expect(result.perAffiliate.get(7)).toEqual({
      current: 1_000_000 + 500_000 + 200_000,
      proposed: 1_970_000,
    })
    console.log(`simulate: 1,000,000 conversions in ${seconds.toFixed(2)} s`)
    expect(seconds).toBeLessThan(10)
  })
})

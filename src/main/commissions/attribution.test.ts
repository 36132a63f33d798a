// The ledger rules at their edges, on facts held in memory: each case names the ARCHITECTURE
// sentence it checks ("Ledger rules").
import { describe, expect, it } from 'vitest'
import type { Plan } from '../../shared/plan'
import {
  type Applied,
  type CampaignFacts,
  DAY_MS,
  decideIngest,
  decideStatusChange,
  type Decision,
  type KnownConversion,
  type LedgerFacts,
  recurringPeriodOf,
} from './attribution'
import { zonedMonths } from './month'
import type { ConversionIntent } from './ports'
import { intent as buildIntent } from '../../../test/support/intent'
import type { AffiliateInput, MonthStats } from './types'

const T0 = Date.UTC(2026, 10, 20, 12)
const campaign = (over: Partial<CampaignFacts> = {}): CampaignFacts => ({
  id: 1,
  advertiserId: 9,
  currency: 'USD',
  holdDays: 30,
  cookieDays: 30,
  maxClientAmountMinor: null,
  plan: { type: 'percentage', rateBps: 1000, upline: [], inactiveUpline: 'skip' } as Plan,
  ...over,
})
const affiliate: AffiliateInput = { id: 5, status: 'approved', tier: 'standard', overrideRateBps: null }

function facts(
  over: Partial<LedgerFacts> & { orders?: KnownConversion[]; stats?: MonthStats } = {},
): LedgerFacts {
  const months = zonedMonths('UTC')
  return {
    campaign: () => campaign(),
    affiliate: () => affiliate,
    upline: () => [],
    orderConversions: () => over.orders ?? [],
    monthStats: () => over.stats ?? { approvedCount: 0, approvedRevenueMinor: 0 },
    subscriptionStart: () => null,
    binding: () => null,
    ledgerRows: () => [],
    month: months,
    ...over,
  }
}

const intent = (over: Partial<ConversionIntent> = {}): ConversionIntent =>
  buildIntent({
    advertiserId: 9,
    click: { clickId: 'K1', affiliateId: 5, campaignId: 1, linkId: null, createdAt: T0 - DAY_MS },
    orderId: 'O1',
    receivedAt: T0,
    ...over,
  })

const known = (over: Partial<KnownConversion> = {}): KnownConversion => ({
  id: 7,
  clickId: 'K1',
  linkId: 0,
  affiliateId: 5,
  campaignId: 1,
  advertiserId: 9,
  eventType: 'sale',
  status: 'pending',
  trust: 'signed',
  amountMinor: 10_000,
  customerKey: null,
  subscriptionKey: null,
  flags: [],
  createdAt: T0 - DAY_MS,
  holdUntil: T0 + 29 * DAY_MS,
  ...over,
})

function applied(d: Decision): Applied {
  if (d.kind !== 'apply') throw new Error(`expected a decision to apply, got ${JSON.stringify(d)}`)
  return d
}

describe('attribution window', () => {
  it.each([
    {
      case: 'a click exactly cookie days old still earns',
      age: 30 * DAY_MS,
      status: 'pending',
      reason: null,
    },
    {
      case: 'one millisecond more earns nothing',
      age: 30 * DAY_MS + 1,
      status: 'rejected',
      reason: 'outside the 30-day window',
    },
  ])('$case', ({ age, status, reason }) => {
    const d = applied(decideIngest(intent({ click: { ...intent().click!, createdAt: T0 - age } }), facts()))
    expect(d.create?.conversion).toMatchObject({ status, reason })
    expect(d.create!.lines.length).toBe(status === 'rejected' ? 0 : 1)
  })

  it('needs no click window for a customer bound for life', () => {
    const f = facts({
      campaign: () =>
        campaign({ plan: { type: 'lifetime', rateBps: 1000, upline: [], inactiveUpline: 'skip' } }),
      binding: () => ({ affiliateId: 5, campaignId: 1 }),
    })
    const stale = intent({ customerKey: 'C1', click: { ...intent().click!, createdAt: T0 - 400 * DAY_MS } })
    expect(applied(decideIngest(stale, f)).create?.conversion.status).toBe('pending')
  })
})

describe('trust order', () => {
  it.each([
    { case: 'a token report cannot refund a signed sale', by: 'token', status: 'refunded', amount: null },
    { case: 'a browser report cannot change a signed amount', by: 'client', status: 'pending', amount: 1 },
  ] as const)('$case', ({ by, status, amount }) => {
    const d = decideIngest(intent({ trust: by, status, amountMinor: amount }), facts({ orders: [known()] }))
    expect(d).toMatchObject({ kind: 'refused', code: 'conflict' })
  })

  it('lets a lower-trust sender repeat what was said (a duplicate)', () => {
    const d = decideIngest(intent({ trust: 'client', amountMinor: null }), facts({ orders: [known()] }))
    expect(d).toEqual({ kind: 'duplicate', conversionId: 7, status: 'pending' })
  })

  it('never approves a browser report on arrival, and gives it no hold', () => {
    const d = applied(decideIngest(intent({ trust: 'client', status: 'approved' }), facts()))
    expect(d.create?.conversion).toMatchObject({ status: 'pending', holdUntil: null })
  })

  it('starts the normal hold, from arrival, once a signed report corroborates a browser report', () => {
    const browser = known({ trust: 'client', holdUntil: null })
    const d = applied(decideIngest(intent({ amountMinor: null }), facts({ orders: [browser] })))
    expect(d.changes[0]!.change).toMatchObject({
      trust: 'signed',
      holdUntil: browser.createdAt + 30 * DAY_MS,
    })
  })

  it("refuses a browser amount above the campaign's maximum, and takes one at it", () => {
    const f = facts({ campaign: () => campaign({ maxClientAmountMinor: 10_000 }) })
    expect(decideIngest(intent({ trust: 'client', amountMinor: 10_001 }), f)).toMatchObject({
      code: 'invalid_input',
    })
    expect(decideIngest(intent({ trust: 'client', amountMinor: 10_000 }), f).kind).toBe('apply')
  })
})

describe('claims', () => {
  it("leaves the browser report it cancels out of the tier count and the subscription's start", () => {
    const asked: number[] = []
    const f = facts({
      orders: [known({ id: 41, trust: 'client', clickId: 'OTHER' })],
      campaign: () =>
        campaign({
          plan: {
            type: 'tiered',
            basis: 'count',
            tiers: [{ from: 0, rateBps: 1000 }],
            upline: [],
            inactiveUpline: 'skip',
          },
        }),
      monthStats: (_a, _c, _f, _b, excludeId) => {
        asked.push(excludeId)
        return { approvedCount: 0, approvedRevenueMinor: 0 }
      },
    })
    const d = applied(decideIngest(intent(), f))
    expect(asked).toEqual([41])
    expect(d.changes[0]!.change).toMatchObject({ id: 41, status: 'rejected', supersede: true })
  })
})

describe('flags and auto-approval', () => {
  it('holds a flagged conversion whatever the advertiser sends; a manager may approve it', () => {
    const flagged = known({ flags: ['suspicious_click'], holdUntil: null })
    const d = applied(
      decideIngest(intent({ status: 'approved', amountMinor: null }), facts({ orders: [flagged] })),
    )
    expect(d.result).toMatchObject({ status: 'pending', note: 'held for review: suspicious_click' })
    const m = applied(decideStatusChange(flagged, 'approved', 'manager', T0, null, facts()))
    expect(m.result.status).toBe('approved')
  })

  it('holds instead of approving when the affiliate was suspended during the hold', () => {
    const f = facts({ affiliate: () => ({ ...affiliate, status: 'suspended' }) })
    const d = applied(decideStatusChange(known(), 'approved', 'auto-approval', T0 + 31 * DAY_MS, null, f))
    expect(d.result.status).toBe('pending')
    expect(d.changes[0]!.change).toMatchObject({
      holdUntil: null,
      flags: ['affiliate not approved at approval time'],
    })
  })
})

describe('events', () => {
  it('applies an event-less status change to the only conversion, and names several', () => {
    const lead = known({ eventType: 'lead', amountMinor: 0 })
    const one = applied(
      decideIngest(
        intent({ eventType: null, status: 'rejected', amountMinor: null }),
        facts({ orders: [lead] }),
      ),
    )
    expect(one.changes[0]!.change).toMatchObject({ id: 7, status: 'rejected' })
    const two = decideIngest(
      intent({ eventType: null, status: 'rejected' }),
      facts({ orders: [lead, known({ id: 8 })] }),
    )
    expect(two).toMatchObject({ kind: 'refused', code: 'invalid_input' })
    expect((two as { reason: string }).reason).toContain('lead #7, sale #8')
  })
})

describe('bindings', () => {
  const lifetime = facts({
    campaign: () =>
      campaign({ plan: { type: 'lifetime', rateBps: 1000, upline: [], inactiveUpline: 'skip' } }),
  })
  it.each([
    { case: 'signed and approved binds', trust: 'signed', status: 'approved', binds: true },
    { case: 'signed but pending waits', trust: 'signed', status: 'pending', binds: false },
    { case: 'a token report never binds', trust: 'token', status: 'approved', binds: false },
  ] as const)('$case', ({ trust, status, binds }) => {
    const d = applied(decideIngest(intent({ trust, status, customerKey: 'C1' }), lifetime))
    expect(d.bind !== null).toBe(binds)
  })
})

describe('tiers and recurring months', () => {
  it('counts pending sales towards the tier, so tiers advance during the hold', () => {
    const tiered: Plan = {
      type: 'tiered',
      basis: 'count',
      tiers: [
        { from: 0, rateBps: 500 },
        { from: 3, rateBps: 1000 },
      ],
      upline: [],
      inactiveUpline: 'skip',
    }
    let askedFrom = -1
    const f = facts({
      campaign: () => campaign({ plan: tiered }),
      monthStats: (_a, _c, from) => {
        askedFrom = from
        return { approvedCount: 2, approvedRevenueMinor: 0 }
      },
    })
    const d = applied(decideIngest(intent(), f))
    expect(d.create!.lines[0]).toMatchObject({ amountMinor: 1000 })
    expect(askedFrom).toBe(Date.UTC(2026, 10, 1))
  })

  it.each([
    { case: 'the first month is period 1', first: null, expected: 1 },
    { case: 'a renewal in the same month is the same period', first: 2026 * 12 + 10, expected: 1 },
    { case: 'two months later is period 3', first: 2026 * 12 + 8, expected: 3 },
  ])('$case', ({ first, expected }) => {
    expect(recurringPeriodOf(2026 * 12 + 10, first)).toBe(expected)
  })

  it("starts months in the program's time zone", () => {
    const ny = zonedMonths('America/New_York')
    // 03:00 UTC on 1 December is still November in New York.
    expect(ny(Date.UTC(2026, 11, 1, 3)).key).toBe(2026 * 12 + 10)
    expect(ny(Date.UTC(2026, 11, 1, 6)).key).toBe(2026 * 12 + 11)
  })
})

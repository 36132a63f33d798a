import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { earningRows, type LedgerPlan, type LedgerRow, planApproval, planReversal } from './ledger'
import { type ConversionStatus, transition } from './status'
import type { CommissionLine } from './types'

function earning(id: number, status: LedgerRow['status'], amountMinor: number, level = 1): LedgerRow {
  return {
    id,
    conversionId: 7,
    affiliateId: 100 + id,
    kind: 'earning',
    status,
    amountMinor,
    currency: 'USD',
    level,
    planType: 'percentage',
    rule: 'percentage 10% of sale',
    baseMinor: 10_000,
    rateBps: 1000,
    reversesId: null,
  }
}

/** What the data-access layer does with a plan: update in place, insert with fresh ids. */
function apply(rows: LedgerRow[], plan: LedgerPlan, nextId: { value: number }): LedgerRow[] {
  const byId = new Map(plan.updates.map((u) => [u.id, u.status]))
  const updated = rows.map((r) => (byId.has(r.id) ? { ...r, status: byId.get(r.id)! } : r))
  const inserted = plan.inserts.map(({ createdAt: _c, approvedAt: _a, ...r }) => ({
    ...r,
    id: nextId.value++,
  }))
  return [...updated, ...inserted]
}

describe('planReversal', () => {
  const rows = [earning(1, 'pending', 1000), earning(2, 'approved', 500, 2), earning(3, 'paid', 300, 3)]

  it('reverses unpaid earnings and claws back paid ones with the exact negative amounts', () => {
    const plan = planReversal(rows, 'refunded', 99)
    expect(plan.updates).toEqual([
      { id: 1, status: 'reversed' },
      { id: 2, status: 'reversed' },
    ])
    expect(
      plan.inserts.map((r) => [
        r.kind,
        r.status,
        r.amountMinor,
        r.reversesId,
        r.affiliateId,
        r.level,
        r.approvedAt,
      ]),
    ).toEqual([
      ['reversal', 'reversed', -1000, 1, 101, 1, null],
      ['reversal', 'reversed', -500, 2, 102, 2, null],
      ['clawback', 'approved', -300, 3, 103, 3, 99],
    ])
    expect(plan.inserts[2]).toMatchObject({
      conversionId: 7,
      currency: 'USD',
      createdAt: 99,
      rule: 'clawback of #3 (conversion refunded)',
    })
  })

  it('nets the conversion to zero and does nothing the second time', () => {
    const after = apply(rows, planReversal(rows, 'refunded', 99), { value: 10 })
    expect(after.reduce((sum, r) => sum + r.amountMinor, 0)).toBe(0)
    expect(after.find((r) => r.id === 3)!.status).toBe('paid') // paid history is never rewritten
    expect(planReversal(after, 'refunded', 100)).toEqual({ updates: [], inserts: [] })
  })

  it('refuses a ledger that is already inconsistent rather than guess', () => {
    expect(() => planReversal([earning(1, 'reversed', 1000)], 'rejected', 1)).toThrow(/nothing reverses it/)
    const stray: LedgerRow = { ...earning(2, 'reversed', -5), kind: 'reversal', reversesId: 42 }
    expect(() => planReversal([earning(1, 'pending', 5), stray], 'rejected', 1)).toThrow(/#42/)
  })
})

describe('earningRows and planApproval', () => {
  const line: CommissionLine = {
    affiliateId: 5,
    level: 2,
    amountMinor: 250,
    currency: 'EUR',
    planType: 'tiered',
    rule: 'upline level 2 (5%)',
    baseMinor: 5000,
    rateBps: 500,
  }

  it('records lines as earnings, approved ones stamped', () => {
    expect(earningRows([line], 9, 'pending', 1234)).toEqual([
      {
        conversionId: 9,
        affiliateId: 5,
        kind: 'earning',
        status: 'pending',
        amountMinor: 250,
        currency: 'EUR',
        level: 2,
        planType: 'tiered',
        rule: 'upline level 2 (5%)',
        baseMinor: 5000,
        rateBps: 500,
        reversesId: null,
        createdAt: 1234,
        approvedAt: null,
      },
    ])
    expect(earningRows([line], 9, 'approved', 1234)[0]!.approvedAt).toBe(1234)
  })

  it('approves pending earnings only', () => {
    const rows = [earning(1, 'pending', 10), earning(2, 'approved', 20), earning(3, 'paid', 30)]
    expect(planApproval(rows, 55)).toEqual({
      updates: [{ id: 1, status: 'approved', approvedAt: 55 }],
      inserts: [],
    })
  })
})

describe('ledger over random status histories', () => {
  type Step = { to: ConversionStatus } | { payRow: number }
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.constantFrom('pending', 'approved', 'rejected', 'refunded', 'paid').map((to) => ({ to }) as Step),
    fc.nat(10).map((payRow) => ({ payRow })),
  )

  it('nets a rejected or refunded conversion to zero, and replanning changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(stepArb, { maxLength: 12 }),
        (amounts, steps) => {
          const nextId = { value: 1 }
          let status: ConversionStatus = 'pending'
          let rows: LedgerRow[] = amounts.map((a, i) => earning(nextId.value++, 'pending', a, i + 1))
          const earned = amounts.reduce((s, a) => s + a, 0)

          for (const step of steps) {
            if ('payRow' in step) {
              // A payout run may settle some of the conversion's rows before others (thresholds).
              const payable = rows.filter((r) => r.status === 'approved')
              const row = payable[step.payRow % Math.max(1, payable.length)]
              if (row) rows = rows.map((r) => (r.id === row.id ? { ...r, status: 'paid' } : r))
              continue
            }
            const result = transition(status, step.to, { viaPayout: true })
            if (!result.ok || result.noop) continue
            status = step.to
            if (result.ledger === 'approve') rows = apply(rows, planApproval(rows, 1), nextId)
            if (step.to === 'paid') {
              rows = rows.map((r) => (r.status === 'approved' ? { ...r, status: 'paid' as const } : r))
            }
            if (result.ledger === 'reverse') {
              rows = apply(rows, planReversal(rows, step.to as 'rejected' | 'refunded', 2), nextId)
            }
          }

          const total = rows.reduce((s, r) => s + r.amountMinor, 0)
          if (status === 'rejected' || status === 'refunded') {
            expect(total).toBe(0)
            for (const e of rows.filter((r) => r.kind === 'earning')) {
              const against = rows.filter((r) => r.reversesId === e.id)
              expect(against).toHaveLength(1)
              expect(against[0]!.amountMinor).toBe(-e.amountMinor)
              expect(against[0]!.kind).toBe(e.status === 'paid' ? 'clawback' : 'reversal')
            }
            expect(planReversal(rows, status, 3)).toEqual({ updates: [], inserts: [] })
          } else {
            expect(total).toBe(earned)
          }
          // Reversing twice in a row: the second plan is empty whatever the state.
          const once = apply(rows, planReversal(rows, 'refunded', 4), nextId)
          expect(planReversal(once, 'refunded', 5)).toEqual({ updates: [], inserts: [] })
          expect(once.reduce((s, r) => s + r.amountMinor, 0)).toBe(0)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

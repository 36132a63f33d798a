import { describe, expect, it } from 'vitest'
import { sortSimRows, toPlanPaths, type SimRow } from './simulation'

const row = (code: string, current: number, proposed: number): SimRow => ({
  affiliateId: code.charCodeAt(0),
  affiliateCode: code,
  currentMinor: current,
  proposedMinor: proposed,
  deltaMinor: proposed - current,
})

describe('sortSimRows', () => {
  const rows = [row('A', 100, 150), row('B', 500, 200), row('C', 0, 10), row('D', 50, 60)]
  it('orders by size of change, increase or decrease', () => {
    expect(sortSimRows(rows, 'change').map((r) => r.affiliateCode)).toEqual(['B', 'A', 'C', 'D'])
    expect(sortSimRows(rows, 'increase').map((r) => r.affiliateCode)).toEqual(['A', 'C', 'D', 'B'])
    expect(sortSimRows(rows, 'decrease').map((r) => r.affiliateCode)).toEqual(['B', 'C', 'D', 'A'])
  })

  it('breaks ties by code and leaves the input alone', () => {
    const tied = [row('Z', 0, 10), row('M', 0, 10)]
    expect(sortSimRows(tied, 'change').map((r) => r.affiliateCode)).toEqual(['M', 'Z'])
    expect(tied[0]!.affiliateCode).toBe('Z')
  })
})

describe('toPlanPaths', () => {
  it('moves proposedPlan errors onto the plan editor fields', () => {
    expect(
      toPlanPaths([
        { path: 'proposedPlan.rateBps', message: 'x' },
        { path: 'proposedPlan', message: 'y' },
        { path: 'days', message: 'z' },
      ]),
    ).toEqual([
      { path: 'plan.rateBps', message: 'x' },
      { path: 'plan', message: 'y' },
      { path: 'days', message: 'z' },
    ])
  })
})

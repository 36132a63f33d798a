import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utcMonthKey } from './month'

describe('utcMonthKey', () => {
  // The tiers count a calendar month in UTC, so its edges decide which tier a sale falls in.
  it.each([
    { case: 'the epoch', at: 0, expected: 1970 * 12 },
    { case: 'mid-February', at: Date.UTC(2026, 1, 14, 12), expected: 2026 * 12 + 1 },
    {
      case: 'the last instant of a leap day',
      at: Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      expected: 2024 * 12 + 1,
    },
    { case: 'the first instant of March after it', at: Date.UTC(2024, 2, 1), expected: 2024 * 12 + 2 },
    {
      case: 'the last instant of a year',
      at: Date.UTC(2025, 11, 31, 23, 59, 59, 999),
      expected: 2025 * 12 + 11,
    },
    { case: 'the first instant of the next', at: Date.UTC(2026, 0, 1), expected: 2026 * 12 },
    { case: 'one millisecond before the epoch', at: -1, expected: 1969 * 12 + 11 },
  ])('buckets by UTC calendar month: $case', ({ at, expected }) => {
    expect(utcMonthKey(at)).toBe(expected)
  })

  it('matches Date for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_640_000_000_000, max: 8_640_000_000_000 }), (ms) => {
        const d = new Date(ms)
        expect(utcMonthKey(ms)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth())
      }),
      { numRuns: 20_000 },
    )
  })
})

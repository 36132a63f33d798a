import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utcMonthKey } from './month'

describe('utcMonthKey', () => {
  it('buckets by UTC calendar month', () => {
    expect(utcMonthKey(0)).toBe(1970 * 12) // 1970-01-01
    expect(utcMonthKey(Date.UTC(2026, 1, 14, 12))).toBe(2026 * 12 + 1)
    expect(utcMonthKey(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe(2024 * 12 + 1) // leap day
    expect(utcMonthKey(Date.UTC(2024, 2, 1))).toBe(2024 * 12 + 2)
    expect(utcMonthKey(Date.UTC(2025, 11, 31, 23, 59, 59, 999))).toBe(2025 * 12 + 11)
    expect(utcMonthKey(Date.UTC(2026, 0, 1))).toBe(2026 * 12)
    expect(utcMonthKey(-1)).toBe(1969 * 12 + 11)
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

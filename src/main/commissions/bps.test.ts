import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyBps } from '../../shared/money'
import { bpsOf } from './bps'

describe('bpsOf', () => {
  it('rounds half away from zero like the shared rule', () => {
    expect(bpsOf(4, 1250)).toBe(1) // 0.5
    expect(bpsOf(3, 1250)).toBe(0) // 0.375
    expect(bpsOf(12, 1250)).toBe(2) // 1.5
    expect(bpsOf(10_000, 1250)).toBe(1250)
    expect(bpsOf(0, 1250)).toBe(0)
  })

  it('stays exact next to the largest safe product and past it', () => {
    // 900_719_925_474_099 × 10 = 9_007_199_254_740_990 < 2^53; / 10 000 = 900_719_925_474.099 → …474
    expect(bpsOf(900_719_925_474_099, 10)).toBe(900_719_925_474)
    // 1_801_439_850_947 × 5_000 = 9_007_199_254_735_000 < 2^53; / 10 000 = 900_719_925_473.5 → …474
    expect(bpsOf(1_801_439_850_947, 5_000)).toBe(900_719_925_474)
    // 99_999_999_999 × 90_000 = 8_999_999_999_910_000; / 10 000 = 899_999_999_991 exactly
    expect(bpsOf(99_999_999_999, 90_000)).toBe(899_999_999_991)
    // 100_000_000_001 × 100_000 is past 2^53 and takes the BigInt path: 1_000_000_000_010
    expect(bpsOf(100_000_000_001, 100_000)).toBe(1_000_000_000_010)
  })

  it('agrees with applyBps everywhere', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 1000 }),
          fc.integer({ min: 0, max: 100_000_000_000 }),
          fc.maxSafeNat(),
        ),
        fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(1, 5000, 9999, 10_000, 10_001)),
        (amount, rate) => {
          expect(bpsOf(amount, rate)).toBe(applyBps(amount, rate))
        },
      ),
      { numRuns: 20_000 },
    )
  })
})

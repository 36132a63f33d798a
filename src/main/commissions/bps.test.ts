import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyBps } from '../../shared/money'
import { bpsOf } from './bps'

describe('bpsOf', () => {
  // Half away from zero, like the shared rule.
  it.each([
    { case: 'half a minor unit rounds up', amount: 4, bps: 1250, expected: 1 }, // 0.5
    { case: 'under half rounds down', amount: 3, bps: 1250, expected: 0 }, // 0.375
    { case: 'one and a half rounds up, not to even', amount: 12, bps: 1250, expected: 2 }, // 1.5
    { case: 'an exact product stays exact', amount: 10_000, bps: 1250, expected: 1250 },
    { case: 'nothing of nothing', amount: 0, bps: 1250, expected: 0 },
  ])('rounds: $case', ({ amount, bps, expected }) => {
    expect(bpsOf(amount, bps)).toBe(expected)
  })

  // Next to the largest safe product and past it.
  it.each([
    {
      // 900_719_925_474_099 × 10 = 9_007_199_254_740_990 < 2^53; / 10 000 = 900_719_925_474.099 → …474
      case: 'just under 2^53, rounding down',
      amount: 900_719_925_474_099,
      bps: 10,
      expected: 900_719_925_474,
    },
    {
      // 1_801_439_850_947 × 5_000 = 9_007_199_254_735_000 < 2^53; / 10 000 = 900_719_925_473.5 → …474
      case: 'just under 2^53, a half rounding up',
      amount: 1_801_439_850_947,
      bps: 5_000,
      expected: 900_719_925_474,
    },
    {
      // 99_999_999_999 × 90_000 = 8_999_999_999_910_000; / 10 000 = 899_999_999_991 exactly
      case: 'a large exact product',
      amount: 99_999_999_999,
      bps: 90_000,
      expected: 899_999_999_991,
    },
    {
      // 100_000_000_001 × 100_000 is past 2^53 and takes the BigInt path: 1_000_000_000_010
      case: 'past 2^53, on the BigInt path',
      amount: 100_000_000_001,
      bps: 100_000,
      expected: 1_000_000_000_010,
    },
  ])('stays exact: $case', ({ amount, bps, expected }) => {
    expect(bpsOf(amount, bps)).toBe(expected)
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

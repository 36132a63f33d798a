// amount × bps / 10 000 with the shared rounding rule (half away from zero), but without BigInt
// whenever the product fits in a double exactly. The simulator calls this millions of times and
// BigInt arithmetic dominated its run time; applyBps remains the reference and the fallback.
import { applyBps } from '../../shared/money'

export function bpsOf(amountMinor: number, bps: number): number {
  const product = amountMinor * bps
  if (
    !Number.isSafeInteger(amountMinor) ||
    !Number.isSafeInteger(bps) ||
    product < 0 ||
    product > Number.MAX_SAFE_INTEGER
  ) {
    return applyBps(amountMinor, bps)
  }
  // Exact: the quotient is below 2^40, where a double's spacing is at most 2^-13, and a quotient that
  // is not an integer sits at least 1/10 000 from one, so correctly rounded division floors right.
  const q = Math.floor(product / 10_000)
  const r = product - q * 10_000
  return r * 2 >= 10_000 ? q + 1 : q
}

// Money is always an integer count of the currency's minor unit plus an ISO 4217 code.
// Rates are integers too: basis points (1 bp = 0.01 %), so 12.5 % is 1250.
//
// Rounding rule (one rule, everywhere): a computed amount is rounded per commission line to the
// currency's minor unit, half away from zero. 0.5 cent becomes 1 cent, -0.5 becomes -1.
// Reversals and clawbacks never recompute: they negate the exact line they reverse.

/** Minor-unit exponent per currency (ISO 4217). Anything not listed has 2 decimals. */
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
}

export const CURRENCY_RE = /^[A-Z]{3}$/

export function currencyExponent(currency: string): number {
  if (!CURRENCY_RE.test(currency)) throw new Error(`Unknown currency code "${currency}"`)
  return EXPONENTS[currency] ?? 2
}

/** Divide two integers and round half away from zero, exactly, using BigInt. */
export function divRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new Error('Division by zero')
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const q = n / d
  const r = n % d
  const rounded = r * 2n >= d ? q + 1n : q
  return negative ? -rounded : rounded
}

/** amountMinor × bps / 10 000, rounded per the rule above. */
export function applyBps(amountMinor: number, bps: number): number {
  assertInt(amountMinor, 'amount')
  assertInt(bps, 'rate')
  return Number(divRoundHalfAwayFromZero(BigInt(amountMinor) * BigInt(bps), 10_000n))
}

export function assertInt(value: number, what: string): void {
  if (!Number.isSafeInteger(value))
    throw new Error(`${what} must be a whole number of minor units, got ${value}`)
}

/**
 * Parse a decimal string such as "12.34", "-5", "0.125" (for a 3-decimal currency) into minor units.
 * Refuses more decimals than the currency has, exponents, thousands separators and anything else
 * ambiguous: bad money input is an error, never a guess.
 */
export function parseDecimalToMinor(text: string, currency: string): number {
  const exp = currencyExponent(currency)
  const m = /^(-)?(\d{1,15})(?:\.(\d+))?$/.exec(text.trim())
  if (!m) throw new Error(`"${text}" is not a decimal amount`)
  const [, sign, whole, frac = ''] = m
  if (frac.length > exp) {
    throw new Error(`"${text}" has more decimals than ${currency} allows (${exp})`)
  }
  const minor = Number(BigInt(whole!) * 10n ** BigInt(exp) + BigInt(frac.padEnd(exp, '0') || '0'))
  if (!Number.isSafeInteger(minor)) throw new Error(`"${text}" is too large`)
  return sign ? -minor : minor
}

/** Format minor units as a plain decimal string with a dot ("100.50", "-3", "1.250"). */
export function formatMinor(minor: number, currency: string): string {
  assertInt(minor, 'amount')
  const exp = currencyExponent(currency)
  const negative = minor < 0
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0')
  const whole = exp === 0 ? digits : digits.slice(0, -exp)
  const frac = exp === 0 ? '' : `.${digits.slice(-exp)}`
  return `${negative ? '-' : ''}${whole}${frac}`
}

/** Human display, e.g. "$1,234.50". Display only: never parse this back. */
export function displayMoney(minor: number, currency: string): string {
  const exp = currencyExponent(currency)
  const value = Number(formatMinor(minor, currency))
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    }).format(value)
  } catch {
    return `${formatMinor(minor, currency)} ${currency}`
  }
}

/** Basis points to a percent string: 1250 -> "12.5". */
export function bpsToPercent(bps: number): string {
  return formatMinor(bps, 'USD').replace(/\.?0+$/, '') || '0'
}

/** Percent text to basis points: "12.5" -> 1250. At most two decimals. */
export function percentToBps(text: string): number {
  return parseDecimalToMinor(text, 'USD')
}

// Text → integers at the edge of each form. Money becomes minor units and percentages basis points
// through the shared money helpers: no float arithmetic on money anywhere in the UI.
import { parseDecimalToMinor, percentToBps } from '../../../shared/money'
import type { Parsed } from './fieldErrors'

const MAX_BPS = 100_000 // 1000 %, the contract's ceiling for any rate

export function parsePercent(text: string): Parsed<number> {
  const t = text.trim().replace(/%$/, '').trim()
  if (t === '') return { ok: false, message: 'Enter a percentage' }
  let bps: number
  try {
    bps = percentToBps(t)
  } catch {
    return { ok: false, message: 'Enter a percentage such as 12.5 (at most two decimals)' }
  }
  if (bps < 0) return { ok: false, message: 'A rate cannot be negative' }
  if (bps > MAX_BPS) return { ok: false, message: 'A rate cannot exceed 1000%' }
  return { ok: true, value: bps }
}

export function parseAmount(text: string, currency: string): Parsed<number> {
  const t = text.trim()
  if (t === '') return { ok: false, message: 'Enter an amount' }
  let minor: number
  try {
    minor = parseDecimalToMinor(t, currency)
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : 'Enter an amount such as 49.99' }
  }
  if (minor < 0) return { ok: false, message: 'An amount cannot be negative' }
  return { ok: true, value: minor }
}

export function parseWhole(text: string, min: number, max: number): Parsed<number> {
  const t = text.trim()
  if (!/^\d+$/.test(t)) return { ok: false, message: 'Enter a whole number' }
  const n = Number(t)
  if (n < min || n > max) return { ok: false, message: `Enter a number from ${min} to ${max}` }
  return { ok: true, value: n }
}

/** An optional field: empty text means null, anything else must parse. */
export function optional<T>(text: string, parse: (t: string) => Parsed<T>): Parsed<T | null> {
  return text.trim() === '' ? { ok: true, value: null } : parse(text)
}

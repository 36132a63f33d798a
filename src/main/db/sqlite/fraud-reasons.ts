// How conversion_risk.reasons holds a verdict's reasons: [code, weight, detail] arrays rather than
// keyed objects. Every scored conversion writes one in its ingest transaction, and the reasons were
// the larger half of the row; the keys were a third of their bytes. Rows written before hold the
// keyed objects, and are read as they are.
import type { FraudReason } from '../../fraud/types'

type StoredReason = [code: string, weight: number, detail: string]

export function encodeFraudReasons(reasons: readonly FraudReason[]): string {
  if (reasons.length === 0) return '[]'
  const stored: StoredReason[] = []
  for (const r of reasons) stored.push([r.code, r.weight, r.detail])
  return JSON.stringify(stored)
}

/** Stored reasons in either form: arrays, or the keyed objects of rows written before them. */
export function decodeFraudReasons(text: string): FraudReason[] {
  const value = JSON.parse(text) as unknown
  if (!Array.isArray(value)) throw new Error('Stored fraud reasons are not a list')
  return value.map((r: unknown): FraudReason => {
    if (Array.isArray(r)) {
      const [code, weight, detail] = r as StoredReason
      return { code, weight, detail }
    }
    const { code, weight, detail } = r as FraudReason
    return { code, weight, detail }
  })
}

// Yearly totals per affiliate and currency, for tax reporting (e.g. US Form 1099 at $600). Years are
// calendar years in UTC. The threshold applies to its own currency only: other currencies are
// listed but not flagged, since converting would need a rate the report does not have.
import { amountCell, sumMinor, textCell, toCsv } from './cells'
import type { PayoutFile } from './types'

export interface YearlyPaidRow {
  affiliateId: number
  affiliateCode: string
  name: string
  email: string | null
  currency: string
  /** A paid item's amount; a later return of it comes as a negative row. */
  amountMinor: number
  /** When it was paid (ms). */
  paidAt: number
}

export const YEARLY_COLUMNS = [
  'year',
  'affiliate_id',
  'affiliate_code',
  'name',
  'email',
  'currency',
  'total',
  'total_minor',
  'payments',
  'over_threshold',
] as const

export function yearlyTotalsCsv(
  year: number,
  rows: Iterable<YearlyPaidRow>,
  thresholdMinor: number,
  thresholdCurrency = 'USD',
): PayoutFile {
  const from = Date.UTC(year, 0, 1)
  const to = Date.UTC(year + 1, 0, 1)
  const groups = new Map<string, YearlyPaidRow[]>()
  for (const row of rows) {
    if (row.paidAt < from || row.paidAt >= to) continue
    const key = `${row.affiliateId}\u0000${row.currency}`
    const list = groups.get(key)
    if (list) list.push(row)
    else groups.set(key, [row])
  }
  const sorted = [...groups.values()].sort(
    (a, b) => a[0]!.affiliateId - b[0]!.affiliateId || (a[0]!.currency < b[0]!.currency ? -1 : 1),
  )
  const out = sorted.map((list) => {
    const first = list[0]!
    const total = sumMinor(list)
    const flag = first.currency !== thresholdCurrency ? '' : total >= thresholdMinor ? 'yes' : 'no'
    return [
      String(year),
      String(first.affiliateId),
      textCell(first.affiliateCode),
      textCell(first.name),
      textCell(first.email),
      first.currency,
      amountCell(total, first.currency),
      String(total),
      String(list.length),
      flag,
    ]
  })
  return {
    name: `payout-totals-${year}.csv`,
    mediaType: 'text/csv',
    content: toCsv([[...YEARLY_COLUMNS], ...out], { bom: true }),
    rows: out.length,
    currency: null,
    totalMinor: 0,
  }
}

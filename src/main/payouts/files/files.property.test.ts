// For random runs: across all the files of a format, every item appears exactly once and the
// totals per currency equal the sum of the items. Files are read back with the real parsers.
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDecimalToMinor } from '../../../shared/money'
import { parseItemRef, writePayoutFiles } from './index'
import type { PaypalBatch } from './paypal-json'
import { BANKS, RUN } from './test-items'
import type { PayoutFile, PayoutFileFormat, PayoutFileItem } from './types'

const CURRENCIES = ['USD', 'EUR', 'GBP', 'AUD', 'JPY', 'BHD', 'KWD', 'CHF']

const itemArb = fc.record({
  method: fc.constantFrom('paypal' as const, 'wise' as const, 'bank' as const),
  currency: fc.constantFrom(...CURRENCIES),
  amountMinor: fc.oneof(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 1_000_000_000_000 })),
  name: fc.string({ maxLength: 20 }),
})

/** Unique ids; bank transfers only where a layout exists, else Wise by email. */
const runArb = fc.array(itemArb, { maxLength: 60 }).chain((raw) =>
  fc
    .shuffledSubarray(
      Array.from({ length: 10_000 }, (_, i) => i + 1),
      { minLength: raw.length, maxLength: raw.length },
    )
    .map((ids) =>
      raw.map((r, i): PayoutFileItem => {
        const bank = r.method !== 'paypal' && BANKS[r.currency] ? BANKS[r.currency]! : null
        return {
          itemId: ids[i]!,
          runId: RUN.runId,
          affiliateId: ids[i]! + 5,
          affiliateCode: `A${ids[i]}`,
          name: r.name,
          method: r.method === 'bank' && !bank ? 'wise' : r.method,
          currency: r.currency,
          amountMinor: r.amountMinor,
          email: `p${ids[i]}@example.com`,
          bank,
        }
      }),
    ),
)

interface Read {
  itemId: number
  currency: string
  amountMinor: number
}

function readBack(format: PayoutFileFormat, file: PayoutFile): Read[] {
  switch (format) {
    case 'paypal':
      return (parse(file.content) as string[][]).map((r) => ({
        itemId: parseItemRef(r[3]!)!,
        currency: r[2]!,
        amountMinor: parseDecimalToMinor(r[1]!.replace(',', '.'), r[2]!),
      }))
    case 'paypal-json':
      return (JSON.parse(file.content) as PaypalBatch).items.map((i) => ({
        itemId: parseItemRef(i.sender_item_id)!,
        currency: i.amount.currency,
        amountMinor: parseDecimalToMinor(i.amount.value, i.amount.currency),
      }))
    case 'wise':
      return (parse(file.content, { columns: true }) as Record<string, string>[]).map((r) => ({
        itemId: parseItemRef(r.paymentReference!)!,
        currency: r.targetCurrency!,
        amountMinor: parseDecimalToMinor(r.amount!, r.targetCurrency!),
      }))
    case 'csv':
      return (parse(file.content, { bom: true, columns: true }) as Record<string, string>[]).map((r) => ({
        itemId: Number(r.item_id),
        currency: r.currency!,
        amountMinor: parseDecimalToMinor(r.amount!, r.currency!),
      }))
    case 'json':
      return (
        JSON.parse(file.content) as { items: { itemId: number; currency: string; amount: string }[] }
      ).items.map((i) => ({
        itemId: i.itemId,
        currency: i.currency,
        amountMinor: parseDecimalToMinor(i.amount, i.currency),
      }))
  }
}

const PAYS: Record<PayoutFileFormat, (item: PayoutFileItem) => boolean> = {
  paypal: (i) => i.method === 'paypal',
  'paypal-json': (i) => i.method === 'paypal',
  wise: (i) => i.method !== 'paypal',
  csv: () => true,
  json: () => true,
}

function totals(list: Read[] | PayoutFileItem[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const r of list) out.set(r.currency, (out.get(r.currency) ?? 0) + r.amountMinor)
  return out
}

describe('payout files, property', () => {
  for (const format of Object.keys(PAYS) as PayoutFileFormat[]) {
    it(`${format}: every item once, totals per currency equal the items`, () => {
      fc.assert(
        fc.property(runArb, fc.constantFrom('dot' as const, 'comma' as const), (items, decimalStyle) => {
          const files = writePayoutFiles(format, RUN, items, { decimalStyle, note: 'n' })
          const read = files.flatMap((f) => {
            const rows = readBack(format, f)
            expect(rows).toHaveLength(f.rows)
            if (f.currency !== null) {
              expect(rows.every((r) => r.currency === f.currency)).toBe(true)
              expect(rows.reduce((s, r) => s + r.amountMinor, 0)).toBe(f.totalMinor)
            }
            return rows
          })
          const expected = items.filter(PAYS[format])
          expect(read.map((r) => r.itemId).sort((a, b) => a - b)).toEqual(
            expected.map((i) => i.itemId).sort((a, b) => a - b),
          )
          expect(totals(read)).toEqual(totals(expected))
          const byId = new Map(expected.map((i) => [i.itemId, i]))
          for (const r of read) expect(r.amountMinor).toBe(byId.get(r.itemId)!.amountMinor)
        }),
        { numRuns: 60 },
      )
    })
  }
})

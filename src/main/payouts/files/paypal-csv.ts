// PayPal Payouts web upload file. Columns, in order (no header row; every row has all ten):
//   1 recipient  2 amount  3 currency  4 customer_id  5 note  6 recipient_wallet
//   7 social_feed_privacy  8 holler_url  9 logo_url  10 purpose
// One currency per file, at most 5,000 rows per file.
import { amountCell, chunks, clip, fileBase, groupBy, itemRef, sumMinor, textCell, toCsv } from './cells'
import { emailProblem, validateItems } from './validate'
import type { PayoutFile, PayoutFileItem, PayoutFileOptions, PayoutRunInfo } from './types'

export const PAYPAL_CSV_MAX_ROWS = 5_000
export const PAYPAL_CSV_COLUMNS = [
  'recipient',
  'amount',
  'currency',
  'customer_id',
  'note',
  'recipient_wallet',
  'social_feed_privacy',
  'holler_url',
  'logo_url',
  'purpose',
] as const
const NOTE_MAX = 400
const RECEIVER_MAX = 127

export function paypalItems(items: Iterable<PayoutFileItem>): PayoutFileItem[] {
  const out: PayoutFileItem[] = []
  for (const item of items) if (item.method === 'paypal') out.push(item)
  return out
}

export function validatePaypal(format: string, run: PayoutRunInfo, items: PayoutFileItem[]): void {
  validateItems(format, run, items, (item) => {
    const problem = emailProblem(item.email, RECEIVER_MAX)
    return problem ? [problem] : []
  })
}

export function writePaypalCsv(
  run: PayoutRunInfo,
  items: Iterable<PayoutFileItem>,
  options: PayoutFileOptions,
): PayoutFile[] {
  const paypal = paypalItems(items)
  validatePaypal('PayPal CSV', run, paypal)
  const note = textCell(clip(options.note, NOTE_MAX))
  const files: PayoutFile[] = []
  for (const [currency, group] of groupBy(paypal, (i) => i.currency)) {
    chunks(group, PAYPAL_CSV_MAX_ROWS).forEach((part, index) => {
      const rows = part.map((item) => [
        item.email!,
        amountCell(item.amountMinor, currency, options.decimalStyle),
        currency,
        itemRef(item.itemId),
        note,
        'PAYPAL',
        '',
        '',
        '',
        'SERVICES',
      ])
      files.push({
        name: `${fileBase(run.runId)}-paypal-${currency}-${index + 1}.csv`,
        mediaType: 'text/csv',
        content: toCsv(rows),
        rows: rows.length,
        currency,
        totalMinor: sumMinor(part),
      })
    })
  }
  return files
}

// PayPal Payouts API batch body (POST /v1/payments/payouts), one per currency and at most 15,000
// items. sender_batch_id is derived from the run, currency and part, so regenerating the same run
// gives the same id and PayPal refuses a second send of it for 30 days: the retry key.
import { amountCell, chunks, clip, fileBase, groupBy, itemRef, sumMinor } from './cells'
import { paypalItems, validatePaypal } from './paypal-csv'
import type { PayoutFile, PayoutFileItem, PayoutFileOptions, PayoutRunInfo } from './types'

export const PAYPAL_BATCH_MAX_ITEMS = 15_000
const NOTE_MAX = 4_000
const SUBJECT_MAX = 255

export interface PaypalBatchItem {
  recipient_type: 'EMAIL'
  amount: { value: string; currency: string }
  receiver: string
  note: string
  sender_item_id: string
  recipient_wallet: 'PAYPAL'
  purpose: 'SERVICES'
}

export interface PaypalBatch {
  sender_batch_header: {
    sender_batch_id: string
    email_subject: string
    email_message: string
    recipient_type: 'EMAIL'
  }
  items: PaypalBatchItem[]
}

export function senderBatchId(runId: number, currency: string, part: number): string {
  return `run-${runId}-${currency}-${part}`
}

export function writePaypalJson(
  run: PayoutRunInfo,
  items: Iterable<PayoutFileItem>,
  options: PayoutFileOptions,
): PayoutFile[] {
  const paypal = paypalItems(items)
  validatePaypal('PayPal API batch', run, paypal)
  // JSON is not opened by spreadsheets, so text is kept as written (only clipped to PayPal's limits).
  const note = clip(options.note, NOTE_MAX)
  const subject = clip(options.note, SUBJECT_MAX)
  const files: PayoutFile[] = []
  for (const [currency, group] of groupBy(paypal, (i) => i.currency)) {
    chunks(group, PAYPAL_BATCH_MAX_ITEMS).forEach((part, index) => {
      const batch: PaypalBatch = {
        sender_batch_header: {
          sender_batch_id: senderBatchId(run.runId, currency, index + 1),
          email_subject: subject,
          email_message: note,
          recipient_type: 'EMAIL',
        },
        items: part.map((item) => ({
          recipient_type: 'EMAIL',
          amount: { value: amountCell(item.amountMinor, currency), currency },
          receiver: item.email!,
          note,
          sender_item_id: itemRef(item.itemId),
          recipient_wallet: 'PAYPAL',
          purpose: 'SERVICES',
        })),
      }
      files.push({
        name: `${fileBase(run.runId)}-paypal-${currency}-${index + 1}.json`,
        mediaType: 'application/json',
        content: JSON.stringify(batch),
        rows: part.length,
        currency,
        totalMinor: sumMinor(part),
      })
    })
  }
  return files
}

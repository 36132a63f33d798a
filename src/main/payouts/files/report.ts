// Reading a provider's results back. The file comes from outside: it is bounded, parsed leniently
// (BOM, CRLF, stray quotes, ragged rows), and any row that cannot be read is listed with its line
// number instead of throwing or vanishing. Status words map to our outcomes; an unknown PayPal
// status is a problem, never a guess. Header names are matched case-insensitively against the
// aliases below, and the header row may follow a few preamble lines (PayPal's downloads have some).
import { parse } from 'csv-parse/sync'
import { CURRENCY_RE, parseDecimalToMinor } from '../../../shared/money'
import { clip, parseItemRef } from './cells'
import type { ProviderOutcome, ProviderReport, ProviderReportKind, ProviderReportRow } from './types'

/** Far above any real report (50,000 rows of ~500 characters), small enough to parse in memory. */
export const MAX_REPORT_CHARS = 32 * 1024 * 1024
const MAX_PROBLEMS = 1_000
const HEADER_SEARCH_ROWS = 30

interface Columns {
  ref: string[]
  status: string[]
  providerRef: string[]
  amount: string[]
  currency: string[]
  detail: string[]
}

// PayPal's payouts report column names are not published as a spec: these are the names seen in
// the Payouts web "download report", the activity report and the API fields, matched without case.
const PAYPAL_COLUMNS: Columns = {
  ref: [
    'customer id',
    'custom id',
    'customer_id',
    'sender item id',
    'sender_item_id',
    'custom number',
    'reference',
  ],
  status: ['status', 'transaction status', 'transaction_status', 'payout status', 'item status'],
  providerRef: ['transaction id', 'transaction_id', 'payout item id', 'payout_item_id'],
  amount: ['amount', 'gross', 'payout amount', 'value'],
  currency: ['currency', 'currency code'],
  detail: ['reason', 'error', 'errors', 'failure reason', 'note'],
}

// Wise's batch status export: reference back to `PI-<id>`, the transfer state and id.
const WISE_COLUMNS: Columns = {
  ref: ['paymentreference', 'payment reference', 'reference', 'referencenumber', 'reference number'],
  status: ['status', 'state', 'transfer status', 'transferstatus'],
  providerRef: ['id', 'transfer id', 'transferid', 'transferwise id', 'wise id'],
  amount: ['targetamount', 'target amount', 'amount'],
  currency: ['targetcurrency', 'target currency', 'currency'],
  detail: ['reason', 'error', 'errors', 'failure reason'],
}

const PAYPAL_STATUS: Record<string, ProviderOutcome> = {
  SUCCESS: 'paid',
  COMPLETED: 'paid',
  FAILED: 'failed',
  BLOCKED: 'failed',
  DENIED: 'failed',
  UNCLAIMED: 'unclaimed',
  RETURNED: 'returned',
  REFUNDED: 'returned',
  REVERSED: 'returned',
  PENDING: 'pending',
  ONHOLD: 'pending',
  ON_HOLD: 'pending',
  PROCESSING: 'pending',
  NEW: 'pending',
}

// Cancelled before sending never left us (failed); refunded, bounced and charged-back transfers
// went out and came back (returned). Every other state is still on its way.
const WISE_STATUS: Record<string, ProviderOutcome> = {
  OUTGOING_PAYMENT_SENT: 'paid',
  COMPLETED: 'paid',
  SENT: 'paid',
  PAID: 'paid',
  CANCELLED: 'failed',
  CANCELED: 'failed',
  FUNDS_REFUNDED: 'returned',
  REFUNDED: 'returned',
  BOUNCED_BACK: 'returned',
  CHARGED_BACK: 'returned',
}

function statusKey(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_')
}

export function mapStatus(kind: ProviderReportKind, raw: string): ProviderOutcome | null {
  const key = statusKey(raw)
  if (key === '') return null
  if (kind === 'paypal') return PAYPAL_STATUS[key] ?? null
  return WISE_STATUS[key] ?? 'pending'
}

/** Reports show payouts as debits ("-12.50") and may group thousands ("1,234.50"). */
export function reportAmount(raw: string, currency: string | null): number | null {
  if (!currency) return null
  let text = raw
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .replace(/^[-+]/, '')
    .trim()
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '')
  // A dot alone is always the decimal point ("1.250" BHD); dots group thousands only before a comma.
  else if (/^\d{1,3}(\.\d{3})*,\d+$/.test(text) || /^\d+,\d+$/.test(text))
    text = text.replace(/\./g, '').replace(',', '.')
  try {
    return parseDecimalToMinor(text, currency)
  } catch {
    return null
  }
}

type Index = Record<keyof Columns, number>

function findHeader(record: string[], columns: Columns): Index | null {
  const names = record.map((cell) => cell.trim().toLowerCase())
  const at = (aliases: string[]): number => {
    for (const alias of aliases) {
      const i = names.indexOf(alias)
      if (i >= 0) return i
    }
    return -1
  }
  const index: Index = {
    ref: at(columns.ref),
    status: at(columns.status),
    providerRef: at(columns.providerRef),
    amount: at(columns.amount),
    currency: at(columns.currency),
    detail: at(columns.detail),
  }
  return index.ref >= 0 && index.status >= 0 ? index : null
}

interface Parsed {
  record: string[]
  info: { lines: number }
}

export function parseProviderReport(kind: ProviderReportKind, text: string): ProviderReport {
  const problems: ProviderReport['problems'] = []
  const rows: ProviderReportRow[] = []
  const problem = (line: number, message: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, message: clip(message, 300) })
    else if (problems.length === MAX_PROBLEMS)
      problems.push({ line, message: 'too many problems; the rest are not listed' })
  }
  if (typeof text !== 'string' || text.length > MAX_REPORT_CHARS) {
    problem(0, `the file is larger than ${MAX_REPORT_CHARS / 1024 / 1024} MB`)
    return { rows, problems }
  }
  let records: Parsed[]
  let unclosedQuote = false
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        // An unclosed quote swallows everything after it; where it starts is known only at the end.
        if (err?.code === 'CSV_QUOTE_NOT_CLOSED') unclosedQuote = true
        else
          problem(
            Number((err as { lines?: unknown } | undefined)?.lines) || 0,
            err?.message ?? 'unreadable row',
          )
        return undefined
      },
    }) as unknown as Parsed[]
  } catch (err) {
    problem(0, `the file cannot be read as CSV: ${(err as Error).message}`)
    return { rows, problems }
  }
  if (unclosedQuote) {
    const from = (records.at(-1)?.info.lines ?? 0) + 1
    problem(
      from,
      `a quote opened on line ${from} is never closed: nothing from this line to the end could be read`,
    )
  }
  const columns = kind === 'paypal' ? PAYPAL_COLUMNS : WISE_COLUMNS
  let index: Index | null = null
  let start = 0
  for (; start < Math.min(records.length, HEADER_SEARCH_ROWS); start++) {
    index = findHeader(records[start]!.record, columns)
    if (index) break
  }
  if (!index) {
    problem(1, `no header row with a reference column (${columns.ref.join(', ')}) and a status column`)
    return { rows, problems }
  }
  const cell = (record: string[], i: number): string => (i >= 0 ? (record[i] ?? '').trim() : '')
  for (const { record, info } of records.slice(start + 1)) {
    const line = info.lines
    if (record.every((c) => c.trim() === '')) continue
    const refText = cell(record, index.ref)
    const itemId = parseItemRef(refText)
    if (itemId === null) {
      problem(line, `no payout item reference (PI-…) in "${clip(refText, 60)}"`)
      continue
    }
    const rawStatus = cell(record, index.status)
    const outcome = mapStatus(kind, rawStatus)
    if (!outcome) {
      problem(line, `PI-${itemId}: unknown status "${clip(rawStatus, 60)}"`)
      continue
    }
    const currencyText = cell(record, index.currency).toUpperCase()
    const currency = CURRENCY_RE.test(currencyText) ? currencyText : null
    const reason = cell(record, index.detail)
    rows.push({
      itemId,
      outcome,
      providerRef: clip(cell(record, index.providerRef), 128) || null,
      amountMinor: reportAmount(cell(record, index.amount), currency),
      currency,
      detail: clip(reason ? `${rawStatus}: ${reason}` : rawStatus, 500),
    })
  }
  return { rows, problems }
}

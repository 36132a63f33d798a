// Cell-level rules every writer shares: how an amount is spelled, how an item is named to a
// provider, and how user text is kept from being run as a spreadsheet formula.
import { stringify } from 'csv-stringify/sync'
import { currencyExponent, formatMinor } from '../../../shared/money'

/** A leading =, +, -, @ (and their full-width forms), tab or line break makes a spreadsheet read a formula. */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]/g

/**
 * User text for a CSV cell: control characters become spaces (a name never needs a line break)
 * and a formula-looking start gets a `'` so spreadsheets show it as text. Amounts never pass here.
 */
export function textCell(value: string | null | undefined): string {
  if (value == null || value === '') return ''
  const flat = CONTROL.test(value) ? value.replace(CONTROLS, ' ') : value
  return FORMULA_START.test(flat) ? `'${flat}` : flat
}

/** True when a value would be altered by textCell: identifiers (emails, IBANs) are refused instead. */
export function wouldBeAltered(value: string): boolean {
  return textCell(value) !== value
}

/** `PI-<id>`: PayPal's customer_id / sender_item_id and Wise's reference, and how reports come back. */
export function itemRef(itemId: number): string {
  return `PI-${itemId}`
}

const ITEM_REF = /(?:^|[^A-Z0-9])PI-0*(\d{1,15})(?![0-9])/i

/** The item id inside a provider's reference cell, or null. */
export function parseItemRef(text: string): number | null {
  const m = ITEM_REF.exec(text)
  if (!m) return null
  const id = Number(m[1])
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** Minor units as a decimal in the currency's exponent, with a dot or (for comma senders) a comma. */
export function amountCell(minor: number, currency: string, style: 'dot' | 'comma' = 'dot'): string {
  const text = formatMinor(minor, currency)
  return style === 'comma' ? text.replace('.', ',') : text
}

export { currencyExponent }

/**
 * CSV text in CRLF lines. csv-stringify quotes a cell holding the delimiter or a quote;
 * quote_record_delimiter also quotes a lone CR or LF, which it would otherwise leave bare with CRLF
 * rows (the library's own check: a regex quoted_match did the same at ~30 % more per cell).
 */
export function toCsv(rows: Iterable<string[]>, options: { bom?: boolean } = {}): string {
  // In blocks: a file's rows are made and written a block at a time, so tens of thousands of rows
  // never stay alive as separate cells through every young-generation GC (two thirds of the
  // bookkeeping file's time when written whole).
  const blocks: string[] = []
  let block: string[][] = []
  const flush = () => {
    blocks.push(
      stringify(block, {
        record_delimiter: 'windows',
        quote_record_delimiter: true,
        bom: blocks.length === 0 && (options.bom ?? false),
      }),
    )
    block = []
  }
  for (const row of rows) {
    block.push(row)
    if (block.length === CSV_BLOCK_ROWS) flush()
  }
  if (block.length > 0 || blocks.length === 0) flush()
  return blocks.join('')
}

const CSV_BLOCK_ROWS = 2048

/** Items sorted by id then cut into parts of at most `size`, so part numbers are stable per run. */
export function chunks<T extends { itemId: number }>(items: T[], size: number): T[][] {
  const sorted = [...items].sort((a, b) => a.itemId - b.itemId)
  const out: T[][] = []
  for (let i = 0; i < sorted.length; i += size) out.push(sorted.slice(i, i + size))
  return out
}

/** Groups by a key in first-seen order, then sorted by key for stable file order. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): [string, T[]][] {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

export function sumMinor(items: { amountMinor: number }[]): number {
  let total = 0
  for (const item of items) total += item.amountMinor
  if (!Number.isSafeInteger(total)) throw new Error('Total exceeds the safe integer range')
  return total
}

/** Cut text to at most `max` characters without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : chars.slice(0, max).join('')
}

export function fileBase(runId: number): string {
  return `payouts-run${runId}`
}

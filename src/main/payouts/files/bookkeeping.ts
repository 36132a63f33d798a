// The run for the books: one CSV (all currencies, one row per item) and one JSON document.
// Bank account numbers are left out on purpose: accountants need who and how much, not the keys
// to an account; the provider files carry those.
import { amountCell, fileBase, groupBy, itemRef, sumMinor, textCell, toCsv } from './cells'
import { validateItems } from './validate'
import type { PayoutFile, PayoutFileItem, PayoutRunInfo } from './types'

export const BOOKKEEPING_COLUMNS = [
  'run_id',
  'run_cutoff',
  'item_id',
  'reference',
  'affiliate_id',
  'affiliate_code',
  'name',
  'method',
  'email',
  'account_holder',
  'currency',
  'amount',
  'amount_minor',
] as const

// The bookkeeping files have no checks of their own; one empty list serves every item.
const NO_PROBLEMS: string[] = []
const noOwnChecks = (): string[] => NO_PROBLEMS

function all(run: PayoutRunInfo, items: Iterable<PayoutFileItem>): PayoutFileItem[] {
  const list = [...items].sort((a, b) => a.itemId - b.itemId)
  validateItems('bookkeeping', run, list, noOwnChecks)
  return list
}

/** One currency: its total; several: null and 0, because a sum across currencies means nothing. */
function overall(list: PayoutFileItem[]): { currency: string | null; totalMinor: number } {
  const currencies = new Set(list.map((i) => i.currency))
  if (currencies.size !== 1) return { currency: null, totalMinor: 0 }
  return { currency: list[0]!.currency, totalMinor: sumMinor(list) }
}

export function writeBookkeepingCsv(run: PayoutRunInfo, items: Iterable<PayoutFileItem>): PayoutFile[] {
  const list = all(run, items)
  if (list.length === 0) return []
  const cutoff = new Date(run.cutoff).toISOString()
  // Made as the CSV writer asks for them (toCsv writes in blocks), not all at once.
  function* rows(): Generator<string[]> {
    yield [...BOOKKEEPING_COLUMNS]
    for (const item of list) yield row(item)
  }
  const row = (item: PayoutFileItem) => [
    String(run.runId),
    cutoff,
    String(item.itemId),
    itemRef(item.itemId),
    String(item.affiliateId),
    textCell(item.affiliateCode),
    textCell(item.name),
    item.method,
    textCell(item.email),
    textCell(item.bank?.accountHolder),
    item.currency,
    amountCell(item.amountMinor, item.currency),
    String(item.amountMinor),
  ]
  return [
    {
      name: `${fileBase(run.runId)}.csv`,
      mediaType: 'text/csv',
      // The BOM makes spreadsheet apps read the names as UTF-8.
      content: toCsv(rows(), { bom: true }),
      rows: list.length,
      ...overall(list),
    },
  ]
}

export interface BookkeepingJson {
  run: { runId: number; createdAt: string; cutoff: string }
  totals: { currency: string; method: string; items: number; amount: string; amountMinor: number }[]
  items: {
    itemId: number
    reference: string
    affiliateId: number
    affiliateCode: string
    name: string
    method: string
    email: string | null
    accountHolder: string | null
    currency: string
    amount: string
    amountMinor: number
  }[]
}

export function writeBookkeepingJson(run: PayoutRunInfo, items: Iterable<PayoutFileItem>): PayoutFile[] {
  const list = all(run, items)
  if (list.length === 0) return []
  const doc: BookkeepingJson = {
    run: {
      runId: run.runId,
      createdAt: new Date(run.createdAt).toISOString(),
      cutoff: new Date(run.cutoff).toISOString(),
    },
    totals: groupBy(list, (i) => `${i.currency}\u0000${i.method}`).map(([, group]) => {
      const total = sumMinor(group)
      return {
        currency: group[0]!.currency,
        method: group[0]!.method,
        items: group.length,
        amount: amountCell(total, group[0]!.currency),
        amountMinor: total,
      }
    }),
    items: list.map((item) => ({
      itemId: item.itemId,
      reference: itemRef(item.itemId),
      affiliateId: item.affiliateId,
      affiliateCode: item.affiliateCode,
      name: item.name,
      method: item.method,
      email: item.email,
      accountHolder: item.bank?.accountHolder ?? null,
      currency: item.currency,
      amount: amountCell(item.amountMinor, item.currency),
      amountMinor: item.amountMinor,
    })),
  }
  return [
    {
      name: `${fileBase(run.runId)}.json`,
      mediaType: 'application/json',
      content: JSON.stringify(doc),
      rows: list.length,
      ...overall(list),
    },
  ]
}

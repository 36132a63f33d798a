// A provider file is all valid or not written: every item is checked first and all refusals are
// reported together, so finance fixes them in one go instead of one upload error at a time.
import { CURRENCY_RE } from '../../../shared/money'
import { wouldBeAltered } from './cells'
import type { BankDetails, PayoutFileItem, PayoutRunInfo } from './types'

export interface ItemProblem {
  itemId: number
  affiliateCode: string
  reason: string
}

export class PayoutFileValidationError extends Error {
  readonly code = 'payout_file_invalid'
  constructor(
    readonly format: string,
    readonly problems: ItemProblem[],
  ) {
    const shown = problems
      .slice(0, 5)
      .map((p) => `PI-${p.itemId} (${p.affiliateCode}): ${p.reason}`)
      .join('; ')
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : ''
    super(`Cannot write the ${format} file: ${shown}${more}`)
    this.name = 'PayoutFileValidationError'
  }
}

const NONE: string[] = []

/** What every format needs: a positive whole amount in a known currency, once, in this run. */
export function commonProblems(item: PayoutFileItem, run: PayoutRunInfo): string[] {
  const idOk = Number.isSafeInteger(item.itemId) && item.itemId > 0
  const amountOk = Number.isSafeInteger(item.amountMinor) && item.amountMinor > 0
  if (idOk && amountOk && item.runId === run.runId && CURRENCY_RE.test(item.currency)) return NONE
  const out: string[] = []
  if (!idOk) out.push('item id is not a positive whole number')
  if (item.runId !== run.runId) out.push(`item belongs to run ${item.runId}, not run ${run.runId}`)
  if (!CURRENCY_RE.test(item.currency)) out.push(`currency "${item.currency}" is not an ISO 4217 code`)
  if (!Number.isSafeInteger(item.amountMinor)) out.push('amount is not a whole number of minor units')
  else if (item.amountMinor <= 0) out.push('amount is zero or negative')
  return out
}

// Deliberately simple: the provider has the last word; this catches blanks, spaces and junk.
const EMAIL = /^[^\s@"'<>,;]+@[^\s@"'<>,;]+\.[^\s@"'<>,;]+$/

export function emailProblem(email: string | null, maxLength: number): string | null {
  if (!email) return 'no email address'
  if (email.length > maxLength) return `email is longer than ${maxLength} characters`
  if (!EMAIL.test(email)) return `"${email}" is not an email address`
  if (wouldBeAltered(email)) return 'email starts with a character spreadsheets read as a formula'
  return null
}

/** IBAN shape and ISO 13616 mod-97 check, on the compact upper-case form. */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false
  const moved = iban.slice(4) + iban.slice(0, 4)
  let rest = 0
  for (const ch of moved) {
    const code = ch.charCodeAt(0)
    const digits = code >= 65 ? String(code - 55) : ch
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97
  }
  return rest === 1
}

/** ABA routing number checksum (weights 3, 7, 1). */
export function abaValid(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false
  const d = [...routing].map(Number)
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!)
  return sum % 10 === 0
}

/** Removes the spaces and dashes people type into bank numbers. */
export function compact(value: string | undefined): string {
  return (value ?? '').replace(/[\s-]/g, '').toUpperCase()
}

export function bankBaseProblems(bank: BankDetails): string[] {
  const out: string[] = []
  if (!bank.accountHolder?.trim()) out.push('no account holder name')
  if (bank.receiverType !== 'PERSON' && bank.receiverType !== 'INSTITUTION')
    out.push('receiver type must be PERSON or INSTITUTION')
  return out
}

export function throwIfProblems(
  format: string,
  checked: { item: PayoutFileItem; reasons: string[] }[],
): void {
  const problems: ItemProblem[] = []
  for (const { item, reasons } of checked)
    for (const reason of reasons)
      problems.push({ itemId: item.itemId, affiliateCode: item.affiliateCode, reason })
  if (problems.length > 0) throw new PayoutFileValidationError(format, problems)
}

/** Runs the common checks plus a format's own, and throws once with everything found. */
export function validateItems(
  format: string,
  run: PayoutRunInfo,
  items: PayoutFileItem[],
  own: (item: PayoutFileItem) => string[],
): void {
  // Every item id once: a duplicate would pay someone twice.
  const seen = new Set<number>()
  const checked: { item: PayoutFileItem; reasons: string[] }[] = []
  for (const item of items) {
    const common = commonProblems(item, run)
    const duplicate = seen.has(item.itemId)
    seen.add(item.itemId)
    const mine = common.some((r) => r.startsWith('currency')) ? NONE : own(item)
    if (common.length === 0 && mine.length === 0 && !duplicate) continue
    checked.push({
      item,
      reasons: [...(duplicate ? ['item appears more than once'] : []), ...common, ...mine],
    })
  }
  throwIfProblems(format, checked)
}

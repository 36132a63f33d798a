// Wise batch payment files. One file per target currency and template (bank details, or "send by
// email" where the recipient claims the money), at most 1,000 transfers each, with Wise's header
// row (Wise says not to edit it). Wise's own column list is not published as a spec: the common
// columns follow the reference, the bank columns per currency are in BANK_COLUMNS below, easy to
// change in one place. Amounts are fixed in the target currency, paid from the same currency.
import { amountCell, chunks, fileBase, groupBy, itemRef, sumMinor, textCell, toCsv } from './cells'
import { abaValid, bankBaseProblems, compact, emailProblem, ibanValid, validateItems } from './validate'
import type { BankDetails, PayoutFile, PayoutFileItem, PayoutRunInfo } from './types'

export const WISE_MAX_ROWS = 1_000
const NO_PROBLEMS: string[] = []

export const WISE_COMMON_COLUMNS = [
  'name',
  'recipientEmail',
  'paymentReference',
  'referenceNumber',
  'receiverType',
  'amountCurrency',
  'amount',
  'sourceCurrency',
  'targetCurrency',
] as const

/** The "send by email" rows carry Wise's `type` column set to EMAIL. */
export const WISE_EMAIL_COLUMNS = [...WISE_COMMON_COLUMNS, 'type'] as const

interface BankLayout {
  columns: readonly string[]
  /** Cells for the columns above, from already validated details. */
  cells(bank: BankDetails): string[]
  problems(bank: BankDetails): string[]
}

const need = (ok: boolean, message: string): string[] => (ok ? [] : [message])

export const BANK_LAYOUTS: Record<string, BankLayout> = {
  EUR: {
    columns: ['IBAN', 'BIC'],
    cells: (b) => [compact(b.iban), compact(b.bic)],
    problems: (b) => [
      ...need(ibanValid(compact(b.iban)), 'EUR needs a valid IBAN'),
      ...need(
        !b.bic || /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(compact(b.bic)),
        'BIC is not 8 or 11 characters',
      ),
    ],
  },
  GBP: {
    columns: ['accountNumber', 'sortCode'],
    cells: (b) => [compact(b.accountNumber), compact(b.sortCode)],
    problems: (b) => [
      ...need(/^\d{8}$/.test(compact(b.accountNumber)), 'GBP needs an 8-digit account number'),
      ...need(/^\d{6}$/.test(compact(b.sortCode)), 'GBP needs a 6-digit sort code'),
    ],
  },
  USD: {
    columns: [
      'accountNumber',
      'abartn',
      'accountType',
      'addressCountryCode',
      'addressCity',
      'addressFirstLine',
      'addressState',
      'addressPostCode',
    ],
    cells: (b) => [
      compact(b.accountNumber),
      compact(b.routingNumber),
      b.accountType ?? '',
      compact(b.country),
      textCell(b.city),
      textCell(b.addressLine),
      compact(b.state),
      textCell(b.postCode),
    ],
    problems: (b) => [
      ...need(/^\d{4,17}$/.test(compact(b.accountNumber)), 'USD needs an account number of 4 to 17 digits'),
      ...need(abaValid(compact(b.routingNumber)), 'USD needs a valid 9-digit ABA routing number'),
      ...need(
        b.accountType === 'CHECKING' || b.accountType === 'SAVINGS',
        'USD needs the account type (CHECKING or SAVINGS)',
      ),
      ...need(/^[A-Z]{2}$/.test(compact(b.country)), 'USD needs the two-letter address country'),
      ...need(!!b.city?.trim(), 'USD needs the address city'),
      ...need(!!b.addressLine?.trim(), 'USD needs the address line'),
      ...need(!!b.postCode?.trim(), 'USD needs the address post code'),
      ...need(
        compact(b.country) !== 'US' || /^[A-Z]{2}$/.test(compact(b.state)),
        'a US address needs the state code',
      ),
    ],
  },
  AUD: {
    columns: ['accountNumber', 'bsbCode'],
    cells: (b) => [compact(b.accountNumber), compact(b.bsbCode)],
    problems: (b) => [
      ...need(/^\d{4,10}$/.test(compact(b.accountNumber)), 'AUD needs an account number of 4 to 10 digits'),
      ...need(/^\d{6}$/.test(compact(b.bsbCode)), 'AUD needs a 6-digit BSB code'),
    ],
  },
}

type Template = 'bank' | 'email'

/** A `bank` item always goes by bank details; a `wise` item by bank details when it has them, else by email. */
export function wiseTemplate(item: PayoutFileItem): Template {
  return item.method === 'bank' || item.bank ? 'bank' : 'email'
}

function problems(item: PayoutFileItem): string[] {
  if (wiseTemplate(item) === 'email') {
    const p = emailProblem(item.email, 200)
    return p ? [p] : NO_PROBLEMS
  }
  if (!item.bank) return ['no bank details']
  const layout = BANK_LAYOUTS[item.currency]
  if (!layout)
    return [
      `no Wise bank template for ${item.currency}: pay by Wise email, or add its columns in wise-csv.ts`,
    ]
  return [...bankBaseProblems(item.bank), ...layout.problems(item.bank)]
}

/** Optional on bank rows: a doubtful address is left out rather than refusing the transfer. */
function usableEmail(email: string | null): string {
  return email && !emailProblem(email, 200) ? email : ''
}

function commonCells(item: PayoutFileItem): string[] {
  const ref = itemRef(item.itemId)
  return [
    textCell(item.bank?.accountHolder ?? item.name),
    usableEmail(item.email),
    ref,
    ref,
    item.bank?.receiverType ?? 'PERSON',
    'target',
    amountCell(item.amountMinor, item.currency),
    item.currency,
    item.currency,
  ]
}

export function writeWiseCsv(run: PayoutRunInfo, items: Iterable<PayoutFileItem>): PayoutFile[] {
  const wise: PayoutFileItem[] = []
  for (const item of items) if (item.method === 'wise' || item.method === 'bank') wise.push(item)
  validateItems('Wise CSV', run, wise, problems)
  const files: PayoutFile[] = []
  for (const [key, group] of groupBy(wise, (i) => `${i.currency}-${wiseTemplate(i)}`)) {
    const currency = group[0]!.currency
    const template = wiseTemplate(group[0]!)
    const layout = BANK_LAYOUTS[currency]
    const header =
      template === 'email' ? [...WISE_EMAIL_COLUMNS] : [...WISE_COMMON_COLUMNS, ...layout!.columns]
    chunks(group, WISE_MAX_ROWS).forEach((part, index) => {
      const rows = part.map((item) =>
        template === 'email'
          ? commonCells(item).concat('EMAIL')
          : commonCells(item).concat(layout!.cells(item.bank!)),
      )
      files.push({
        name: `${fileBase(run.runId)}-wise-${key}-${index + 1}.csv`,
        mediaType: 'text/csv',
        content: toCsv([header, ...rows]),
        rows: rows.length,
        currency,
        totalMinor: sumMinor(part),
      })
    })
  }
  return files
}

// The payment half of the affiliate form: how the affiliate is paid (one explicit choice, so a Wise
// recipient paid by email is never confused with one paid to a bank account), the bank fields the
// payout currency needs, and the per-affiliate minimum payout as money text. Bank numbers are never
// sent back to the screen in full: an edit starts with them empty and keeps the saved ones unless
// the owner types new ones.
import type { Affiliate } from '../../../../shared/contract'
import type { PaymentMethod } from '../../../../shared/domain'
import { CURRENCY_RE, formatMinor } from '../../../../shared/money'
import {
  paymentDetailsProblem,
  requiredBankFields,
  type BankDetailsInput,
  type BankDetailsValue,
} from '../../../../shared/payment-details'
import { IssueCollector } from '../../forms/fieldErrors'
import { optional, parseAmount } from '../../forms/parse'

export const PAY_MODES = ['paypal', 'wise_email', 'wise_bank', 'bank'] as const
export type PayMode = (typeof PAY_MODES)[number]

export const PAY_MODE_LABELS: Record<PayMode, string> = {
  paypal: 'PayPal',
  wise_email: 'Wise: by email',
  wise_bank: 'Wise: to a bank account',
  bank: 'Bank transfer',
}

export const payModeMethod = (m: PayMode): PaymentMethod =>
  m === 'wise_email' || m === 'wise_bank' ? 'wise' : m

export const usesBankAccount = (m: PayMode): boolean => m === 'wise_bank' || m === 'bank'

export function payModeOf(method: PaymentMethod, bankDetails: unknown): PayMode {
  if (method === 'wise') return bankDetails == null ? 'wise_email' : 'wise_bank'
  return method
}

/** Bank fields typed as text; accountHolder and receiverType are always shown with a bank account. */
export type BankTextField = Exclude<keyof BankDetailsValue, 'accountHolder' | 'receiverType'>

export interface PaymentFormValues {
  payMode: PayMode
  paymentEmail: string
  payoutCurrency: string
  /** Empty = the program's minimum (Settings → Payouts). */
  minPayout: string
  bankAccountHolder: string
  bankReceiverType: 'PERSON' | 'INSTITUTION'
  bankIban: string
  bankBic: string
  bankAccountNumber: string
  bankSortCode: string
  bankRoutingNumber: string
  /** Empty until chosen. */
  bankAccountType: '' | 'CHECKING' | 'SAVINGS'
  bankBsbCode: string
  bankCountry: string
  bankState: string
  bankCity: string
  bankPostCode: string
  bankAddressLine: string
  /** The saved account, so an edit that leaves a masked number empty keeps it. */
  savedBank: BankDetailsValue | null
}

export const BANK_FORM_KEYS = {
  iban: 'bankIban',
  bic: 'bankBic',
  accountNumber: 'bankAccountNumber',
  sortCode: 'bankSortCode',
  routingNumber: 'bankRoutingNumber',
  accountType: 'bankAccountType',
  bsbCode: 'bankBsbCode',
  country: 'bankCountry',
  state: 'bankState',
  city: 'bankCity',
  postCode: 'bankPostCode',
  addressLine: 'bankAddressLine',
} as const satisfies Record<BankTextField, keyof PaymentFormValues>

/** Numbers that identify the account itself: shown masked, never in full once saved. */
export const SECRET_BANK_FIELDS: readonly BankTextField[] = ['iban', 'accountNumber']

export const BANK_FIELD_LABELS: Record<BankTextField, string> = {
  iban: 'IBAN',
  bic: 'BIC (SWIFT)',
  accountNumber: 'Account number',
  sortCode: 'Sort code',
  routingNumber: 'ABA routing number',
  accountType: 'Account type',
  bsbCode: 'BSB code',
  country: 'Country',
  state: 'State',
  city: 'City',
  postCode: 'Post code',
  addressLine: 'Address line',
}

export interface BankFieldSpec {
  field: BankTextField
  required: boolean
}

/**
 * The bank fields the form shows for a payout currency: what a transfer in it needs (the shared
 * rule the payout run applies), plus the BIC next to an IBAN and the state next to a US address.
 */
export function bankFieldsFor(currency: string): BankFieldSpec[] {
  const required = requiredBankFields(currency).filter(
    (f): f is BankTextField => f !== 'accountHolder' && f !== 'receiverType',
  )
  const specs = required.map((field) => ({ field, required: true }))
  if (required.includes('iban')) specs.push({ field: 'bic', required: false })
  if (currency === 'USD') {
    const at = specs.findIndex((s) => s.field === 'country')
    specs.splice(at + 1, 0, { field: 'state', required: false })
  }
  return specs
}

/** "•••• 3000": enough for finance to recognise an account, not to copy it. */
export function maskBankNumber(value: string): string {
  const compact = value.replace(/\s+/g, '')
  return compact.length <= 4 ? '••••' : `•••• ${compact.slice(-4)}`
}

const EMPTY_BANK = {
  bankAccountHolder: '',
  bankReceiverType: 'PERSON',
  bankIban: '',
  bankBic: '',
  bankAccountNumber: '',
  bankSortCode: '',
  bankRoutingNumber: '',
  bankAccountType: '',
  bankBsbCode: '',
  bankCountry: '',
  bankState: '',
  bankCity: '',
  bankPostCode: '',
  bankAddressLine: '',
} as const

export function emptyPaymentForm(currency: string): PaymentFormValues {
  return {
    payMode: 'paypal',
    paymentEmail: '',
    payoutCurrency: currency,
    minPayout: '',
    ...EMPTY_BANK,
    savedBank: null,
  }
}

export function paymentToForm(a: Affiliate): PaymentFormValues {
  const b = a.bankDetails
  const text = (f: BankTextField) => (b && !SECRET_BANK_FIELDS.includes(f) ? (b[f] ?? '') : '')
  return {
    payMode: payModeOf(a.paymentMethod, b),
    paymentEmail: a.paymentEmail ?? '',
    payoutCurrency: a.payoutCurrency,
    minPayout: a.minPayoutMinor === null ? '' : minorToText(a.minPayoutMinor, a.payoutCurrency),
    ...EMPTY_BANK,
    ...(b
      ? {
          bankAccountHolder: b.accountHolder,
          bankReceiverType: b.receiverType,
          bankBic: text('bic'),
          bankSortCode: text('sortCode'),
          bankRoutingNumber: text('routingNumber'),
          bankAccountType: b.accountType ?? '',
          bankBsbCode: text('bsbCode'),
          bankCountry: text('country'),
          bankState: text('state'),
          bankCity: text('city'),
          bankPostCode: text('postCode'),
          bankAddressLine: text('addressLine'),
        }
      : {}),
    savedBank: b,
  }
}

/** Minor units as the text a money input holds ("50.00"); a bad currency falls back to 2 decimals. */
export function minorToText(minor: number, currency: string): string {
  return formatMinor(minor, CURRENCY_RE.test(currency) ? currency : 'USD')
}

/** Money text in a currency → minor units; empty → null (the default applies). */
export function parseOptionalMoney(
  c: IssueCollector,
  path: string,
  text: string,
  currency: string,
): number | null {
  // An invalid currency is reported on its own field; the amount cannot be read without one.
  if (!CURRENCY_RE.test(currency)) return null
  return (
    c.take(
      path,
      optional(text, (t) => parseAmount(t, currency)),
    ) ?? null
  )
}

function bankInput(v: PaymentFormValues, currency: string, c: IssueCollector): BankDetailsInput {
  const out: BankDetailsInput = {
    accountHolder: v.bankAccountHolder.trim(),
    receiverType: v.bankReceiverType,
  }
  if (out.accountHolder === '') c.add('bankDetails.accountHolder', 'Enter the account holder’s name')
  for (const { field, required } of bankFieldsFor(currency)) {
    let text = String(v[BANK_FORM_KEYS[field]]).trim()
    if (text === '' && SECRET_BANK_FIELDS.includes(field)) text = v.savedBank?.[field] ?? ''
    if (text === '') {
      if (required) c.add(`bankDetails.${field}`, `Required for a ${currency} bank transfer`)
      continue
    }
    ;(out as Record<string, string>)[field] = text
  }
  return out
}

/** The payment fields of an affiliates.create/update input, with conversion issues collected. */
export function paymentInput(v: PaymentFormValues, c: IssueCollector) {
  const currency = v.payoutCurrency.trim().toUpperCase()
  const email = v.paymentEmail.trim()
  const bank = usesBankAccount(v.payMode)
  const bankDetails = bank ? bankInput(v, currency, c) : null
  if (bank && currency === 'USD' && bankDetails?.country?.toUpperCase() === 'US' && !bankDetails.state)
    c.add('bankDetails.state', 'A US address needs its state')
  return {
    paymentMethod: payModeMethod(v.payMode),
    paymentEmail: email === '' ? null : email,
    payoutCurrency: currency,
    bankDetails,
    minPayoutMinor: parseOptionalMoney(c, 'minPayoutMinor', v.minPayout, currency),
  }
}

/**
 * What a payout run would say about these details (the same shared rule), or null when they can be
 * paid: a warning under the form, since an affiliate may be saved before their email is known.
 */
export function paymentWarning(v: PaymentFormValues): string | null {
  const c = new IssueCollector()
  const input = paymentInput(v, c)
  if (c.issues.length) return null
  return paymentDetailsProblem(input)?.message ?? null
}

/** Server/schema issue paths the payment fields display in place. */
export const PAYMENT_PLACED_PATHS = [
  'paymentMethod',
  'paymentEmail',
  'payoutCurrency',
  'minPayoutMinor',
  'bankDetails',
  'bankDetails.accountHolder',
  'bankDetails.receiverType',
  ...Object.keys(BANK_FORM_KEYS).map((f) => `bankDetails.${f}`),
]

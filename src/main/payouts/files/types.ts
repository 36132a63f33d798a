// The seam between payout runs (which decide what is paid) and the provider files (which only
// spell it). Writers and parsers are pure: the store hands them items, they hand back text.
import type { PaymentMethod } from '../../../shared/domain'

/** Bank details a Wise bank transfer needs; which fields are required depends on the currency. */
export interface BankDetails {
  accountHolder: string
  receiverType: 'PERSON' | 'INSTITUTION'
  /** EUR (and other IBAN countries) */
  iban?: string
  bic?: string
  /** GBP: accountNumber + sortCode; USD: accountNumber + routingNumber (ABA) + accountType; AUD: accountNumber + bsbCode */
  accountNumber?: string
  sortCode?: string
  routingNumber?: string
  accountType?: 'CHECKING' | 'SAVINGS'
  bsbCode?: string
  /** Two-letter country and address lines, which USD transfers ask for. */
  country?: string
  city?: string
  postCode?: string
  addressLine?: string
  /** US state code (e.g. `NY`), which Wise asks for on USD transfers to US addresses. */
  state?: string
}

/** One payout item: what one affiliate receives in one currency by one method in one run. */
export interface PayoutFileItem {
  /** The payout item id: PayPal's customer_id / sender_item_id and Wise's reference, as `PI-<id>`. */
  itemId: number
  runId: number
  affiliateId: number
  affiliateCode: string
  name: string
  method: PaymentMethod
  /** ISO 4217, upper case. */
  currency: string
  /** Always > 0: nothing negative or zero is ever written to a provider file. */
  amountMinor: number
  /** PayPal receiver, or a Wise email recipient. */
  email: string | null
  bank: BankDetails | null
}

export interface PayoutRunInfo {
  runId: number
  createdAt: number
  /** Lines approved up to this instant (ms) are in the run. */
  cutoff: number
}

export type PayoutFileFormat = 'paypal' | 'paypal-json' | 'wise' | 'csv' | 'json'

export interface PayoutFileOptions {
  /** PayPal amounts: `5.45` (dot, default) or `"5,45"` (comma, quoted). */
  decimalStyle: 'dot' | 'comma'
  /** Note shown to the recipient, e.g. "Commission payout 2026-10". */
  note: string
}

export interface PayoutFile {
  name: string
  mediaType: string
  content: string
  /** Payment rows in the file (not counting a header). */
  rows: number
  currency: string | null
  totalMinor: number
}

export type ProviderReportKind = 'paypal' | 'wise'
export type ProviderOutcome = 'paid' | 'failed' | 'unclaimed' | 'returned' | 'pending'

export interface ProviderReportRow {
  itemId: number
  outcome: ProviderOutcome
  /** The provider's transaction or transfer id, kept for reconciliation. */
  providerRef: string | null
  amountMinor: number | null
  currency: string | null
  detail: string | null
}

export interface ProviderReport {
  rows: ProviderReportRow[]
  /** Lines that could not be read, with their line number; never silently dropped. */
  problems: { line: number; message: string }[]
}

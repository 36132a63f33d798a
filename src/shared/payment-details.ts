// Payment details an affiliate needs to be paid, checked the same way by the affiliate form, the
// contract (zod) and the payout run (which excludes an affiliate whose details do not fit, with the
// reason). Bank fields follow what a Wise bank recipient needs per currency (payout-formats.md).
import { z } from 'zod'
import type { PaymentMethod } from './domain'

const trimmed = (max: number) => z.string().trim().min(1).max(max)

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function isIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  let rest = 0
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97
  return rest === 1
}

/** ABA routing number checksum (3-7-1 weights). */
export function isAbaRouting(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false
  const d = [...value].map(Number)
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!)
  return sum % 10 === 0
}

export const bankDetailsSchema = z
  .object({
    accountHolder: trimmed(140),
    receiverType: z.enum(['PERSON', 'INSTITUTION']).default('PERSON'),
    iban: z
      .string()
      .transform((v) => v.replace(/\s+/g, '').toUpperCase())
      .refine(isIban, 'Not a valid IBAN (check digits do not match)')
      .optional(),
    bic: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'A BIC has 8 or 11 letters and digits')
      .optional(),
    accountNumber: z
      .string()
      .trim()
      .regex(/^\d{4,17}$/, 'Account numbers are 4 to 17 digits')
      .optional(),
    sortCode: z
      .string()
      .transform((v) => v.replace(/[\s-]/g, ''))
      .refine((v) => /^\d{6}$/.test(v), 'A sort code has 6 digits')
      .optional(),
    routingNumber: z.string().trim().refine(isAbaRouting, 'Not a valid ABA routing number').optional(),
    accountType: z.enum(['CHECKING', 'SAVINGS']).optional(),
    bsbCode: z
      .string()
      .transform((v) => v.replace(/[\s-]/g, ''))
      .refine((v) => /^\d{6}$/.test(v), 'A BSB code has 6 digits')
      .optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter country code')
      .optional(),
    city: trimmed(100).optional(),
    /** Two-letter state code; a US address needs it (Wise's USD transfers ask for it). */
    state: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter state code')
      .optional(),
    postCode: trimmed(20).optional(),
    addressLine: trimmed(200).optional(),
  })
  .strict()
export type BankDetailsInput = z.input<typeof bankDetailsSchema>
export type BankDetailsValue = z.output<typeof bankDetailsSchema>

/** The bank fields a transfer in this currency needs; other currencies go by IBAN. */
export function requiredBankFields(currency: string): (keyof BankDetailsValue)[] {
  switch (currency) {
    case 'GBP':
      return ['accountNumber', 'sortCode']
    case 'USD':
      return ['accountNumber', 'routingNumber', 'accountType', 'country', 'city', 'postCode', 'addressLine']
    case 'AUD':
      return ['accountNumber', 'bsbCode']
    default:
      return ['iban']
  }
}

// Built once: a payout run checks every affiliate's email, and building the schema per call cost
// more than the check itself (~10 us of ~12 per group at 50,000 affiliates).
const EMAIL = z.string().email()

export interface PaymentDetails {
  paymentMethod: PaymentMethod
  paymentEmail: string | null
  payoutCurrency: string
  bankDetails: unknown
}

export type DetailsProblem = { reason: 'missing_details' | 'invalid_details'; message: string }

/**
 * Why these details cannot be paid, or null when they can. PayPal needs an email; Wise pays an
 * email recipient or a bank account; a bank transfer needs the currency's bank fields.
 */
export function paymentDetailsProblem(d: PaymentDetails): DetailsProblem | null {
  const email = d.paymentEmail?.trim() ?? ''
  if (d.paymentMethod === 'paypal' || (d.paymentMethod === 'wise' && d.bankDetails == null)) {
    if (!email) return { reason: 'missing_details', message: `No payment email for ${d.paymentMethod}` }
    if (!EMAIL.safeParse(email).success)
      return { reason: 'invalid_details', message: `Payment email "${email}" is not valid` }
    return null
  }
  if (d.bankDetails == null)
    return { reason: 'missing_details', message: `No bank details for a ${d.paymentMethod} transfer` }
  const parsed = bankDetailsSchema.safeParse(d.bankDetails)
  if (!parsed.success)
    return {
      reason: 'invalid_details',
      message: `Bank details: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    }
  const missing = requiredBankFields(d.payoutCurrency).filter((f) => parsed.data[f] === undefined)
  // Checked here, not only when the file is written: a run must not lock lines it cannot export.
  if (d.payoutCurrency === 'USD' && parsed.data.country === 'US' && parsed.data.state === undefined)
    missing.push('state')
  if (missing.length)
    return {
      reason: 'missing_details',
      message: `Bank details for ${d.payoutCurrency} need ${missing.join(', ')}`,
    }
  return null
}

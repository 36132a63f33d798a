import { describe, expect, it } from 'vitest'
import type { Affiliate } from '../../../../shared/contract'
import { affiliateToForm, emptyAffiliateForm, toCreateInput, toUpdateInput } from './affiliateForm'
import { allIssues } from '../../forms/validate'
import { bankFieldsFor, maskBankNumber, paymentWarning, payModeOf } from './paymentDetailsForm'

const base = { ...emptyAffiliateForm('EUR'), name: 'Ada', email: 'ada@example.com' }
const GOOD_IBAN = 'DE89 3704 0044 0532 0130 00'

const affiliate = (over: Partial<Affiliate>): Affiliate => ({
  id: 3,
  parentId: null,
  parentCode: null,
  code: 'ADA',
  name: 'Ada',
  email: 'ada@example.com',
  status: 'approved',
  tier: 'standard',
  overrideRateBps: null,
  paymentMethod: 'bank',
  paymentEmail: null,
  payoutCurrency: 'EUR',
  bankDetails: null,
  minPayoutMinor: null,
  createdAt: 0,
  approvedAt: 0,
  downlineCount: 0,
  ...over,
})

describe('bank fields per currency', () => {
  it('shows exactly what a transfer in the currency needs', () => {
    const names = (c: string) => bankFieldsFor(c).map((s) => (s.required ? s.field : `${s.field}?`))
    expect(names('EUR')).toEqual(['iban', 'bic?'])
    expect(names('CHF')).toEqual(['iban', 'bic?'])
    expect(names('GBP')).toEqual(['accountNumber', 'sortCode'])
    expect(names('AUD')).toEqual(['accountNumber', 'bsbCode'])
    expect(names('USD')).toEqual([
      'accountNumber',
      'routingNumber',
      'accountType',
      'country',
      'state?',
      'city',
      'postCode',
      'addressLine',
    ])
  })

  it('sends only the shown fields of a Wise bank recipient, and the choice is explicit', () => {
    const v = {
      ...base,
      payMode: 'wise_bank' as const,
      bankAccountHolder: ' Ada L ',
      bankIban: GOOD_IBAN,
      bankSortCode: '404784', // typed for another currency earlier: not sent for EUR
    }
    const { input, issues } = toCreateInput(v)
    expect(issues).toEqual([])
    expect(input.paymentMethod).toBe('wise')
    expect(input.bankDetails).toEqual({ accountHolder: 'Ada L', receiverType: 'PERSON', iban: GOOD_IBAN })
    expect(toCreateInput({ ...v, payMode: 'wise_email' }).input.bankDetails).toBeNull()
    expect(payModeOf('wise', null)).toBe('wise_email')
    expect(payModeOf('wise', input.bankDetails)).toBe('wise_bank')
  })

  it('reports missing required fields on their contract paths', () => {
    const { issues } = toCreateInput({ ...base, payMode: 'bank', payoutCurrency: 'GBP' })
    expect(issues).toEqual([
      { path: 'bankDetails.accountHolder', message: 'Enter the account holder’s name' },
      { path: 'bankDetails.accountNumber', message: 'Required for a GBP bank transfer' },
      { path: 'bankDetails.sortCode', message: 'Required for a GBP bank transfer' },
    ])
    const us = toCreateInput({
      ...base,
      payMode: 'bank',
      payoutCurrency: 'USD',
      bankAccountHolder: 'Bo',
      bankAccountNumber: '12345678',
      bankRoutingNumber: '021000021',
      bankAccountType: 'CHECKING',
      bankCountry: 'us',
      bankCity: 'New York',
      bankPostCode: '10001',
      bankAddressLine: '1 Main St',
    })
    expect(us.issues).toEqual([{ path: 'bankDetails.state', message: 'A US address needs its state' }])
  })

  it('maps the shared schema’s messages to the bank fields, as the server would', () => {
    const built = toCreateInput({
      ...base,
      payMode: 'bank',
      bankAccountHolder: 'Ada',
      bankIban: 'DE00 3704 0044 0532 0130 00',
      bankBic: 'nope',
    })
    expect(allIssues('affiliates.create', built)).toEqual([
      { path: 'bankDetails.iban', message: 'Not a valid IBAN (check digits do not match)' },
      { path: 'bankDetails.bic', message: 'A BIC has 8 or 11 letters and digits' },
    ])
  })
})

describe('minimum payout as money', () => {
  it('turns money text into minor units of the payout currency, empty = program default', () => {
    expect(toCreateInput({ ...base, minPayout: '25.50' }).input.minPayoutMinor).toBe(2550)
    expect(toCreateInput({ ...base, payoutCurrency: 'JPY', minPayout: '3000' }).input.minPayoutMinor).toBe(
      3000,
    )
    expect(toCreateInput({ ...base, minPayout: ' ' }).input.minPayoutMinor).toBeNull()
    expect(toCreateInput({ ...base, minPayout: '1.234' }).issues).toEqual([
      { path: 'minPayoutMinor', message: '"1.234" has more decimals than EUR allows (2)' },
    ])
  })

  it('shows a saved minimum as money again', () => {
    expect(affiliateToForm(affiliate({ minPayoutMinor: 5000, payoutCurrency: 'USD' })).minPayout).toBe(
      '50.00',
    )
    expect(affiliateToForm(affiliate({ minPayoutMinor: 5000, payoutCurrency: 'KWD' })).minPayout).toBe(
      '5.000',
    )
  })
})

describe('saved bank numbers', () => {
  const saved = affiliate({
    bankDetails: {
      accountHolder: 'Ada',
      receiverType: 'PERSON',
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
    },
  })

  it('never puts a saved IBAN back on screen, and keeps it when left empty', () => {
    const v = affiliateToForm(saved)
    expect(v.bankIban).toBe('')
    expect(v.bankBic).toBe('COBADEFFXXX')
    expect(toUpdateInput(3, v).input.bankDetails).toEqual(saved.bankDetails)
    expect(toUpdateInput(3, { ...v, bankIban: GOOD_IBAN }).input.bankDetails).toMatchObject({
      iban: GOOD_IBAN,
    })
  })

  it('masks all but the last four', () => {
    expect(maskBankNumber('DE89 3704 0044 0532 0130 00')).toBe('•••• 3000')
    expect(maskBankNumber('123')).toBe('••••')
  })
})

describe('payment warning', () => {
  it('says what a payout run would say', () => {
    expect(paymentWarning({ ...base, payMode: 'paypal' })).toBe('No payment email for paypal')
    expect(paymentWarning({ ...base, payMode: 'paypal', paymentEmail: 'a@b.co' })).toBeNull()
    expect(paymentWarning({ ...base, payMode: 'bank' })).toBeNull() // the field errors say it instead
  })
})

import { describe, expect, it } from 'vitest'
import { paymentDetailsProblem, type PaymentDetails } from './payment-details'

const usBank = {
  accountHolder: 'Ann Smith',
  accountNumber: '123456789',
  routingNumber: '021000021',
  accountType: 'CHECKING',
  country: 'US',
  city: 'Austin',
  postCode: '78701',
  addressLine: '1 Main St',
}
const bank = (currency: string, bankDetails: unknown): PaymentDetails => ({
  paymentMethod: 'bank',
  paymentEmail: null,
  payoutCurrency: currency,
  bankDetails,
})

describe('paymentDetailsProblem: who can be paid, checked before a run locks any line', () => {
  it('PayPal and Wise email recipients need a valid email', () => {
    const paypal = { paymentMethod: 'paypal', payoutCurrency: 'USD', bankDetails: null } as const
    expect(paymentDetailsProblem({ ...paypal, paymentEmail: null })?.reason).toBe('missing_details')
    expect(paymentDetailsProblem({ ...paypal, paymentEmail: 'not-an-email' })?.reason).toBe('invalid_details')
    expect(paymentDetailsProblem({ ...paypal, paymentEmail: 'ann@example.com' })).toBeNull()
    expect(
      paymentDetailsProblem({
        paymentMethod: 'wise',
        paymentEmail: 'ann@example.com',
        payoutCurrency: 'EUR',
        bankDetails: null,
      }),
    ).toBeNull()
  })

  it('a bank transfer needs the currency’s own fields, valid', () => {
    expect(paymentDetailsProblem(bank('EUR', null))?.reason).toBe('missing_details')
    expect(
      paymentDetailsProblem(bank('EUR', { accountHolder: 'A', iban: 'DE89370400440532013000' })),
    ).toBeNull()
    expect(
      paymentDetailsProblem(bank('EUR', { accountHolder: 'A', iban: 'DE89370400440532013001' }))?.reason,
    ).toBe('invalid_details')
    expect(
      paymentDetailsProblem(bank('GBP', { accountHolder: 'A', accountNumber: '12345678' }))?.message,
    ).toMatch(/sortCode/)
  })

  it('a US address needs its state, which the Wise USD file asks for', () => {
    expect(paymentDetailsProblem(bank('USD', usBank))).toMatchObject({
      reason: 'missing_details',
      message: expect.stringMatching(/state/),
    })
    expect(paymentDetailsProblem(bank('USD', { ...usBank, state: 'tx' }))).toBeNull()
    expect(paymentDetailsProblem(bank('USD', { ...usBank, state: 'Texas' }))?.reason).toBe('invalid_details')
  })
})

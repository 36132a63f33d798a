import { describe, expect, it } from 'vitest'
import { decide, moveItem, runComplete, sameTotals, TotalsAccumulator, type PayableGroup } from './rules'

const group = (
  over: Partial<PayableGroup['affiliate']> = {},
  net = 10_000,
  currency = 'USD',
): PayableGroup => ({
  affiliate: {
    id: 7,
    code: 'ANN',
    name: 'Ann',
    status: 'approved',
    paymentMethod: 'paypal',
    paymentEmail: 'ann@x.example',
    payoutCurrency: 'USD',
    bankDetails: null,
    minPayoutMinor: null,
    ...over,
  },
  currency,
  netMinor: net,
  lines: 3,
})
const rules = { minPayoutMinor: 5_000 }
const reason = (g: PayableGroup) => {
  const d = decide(g, rules)
  return d === null ? null : d.pay ? 'pay' : d.exclusion.reason
}

describe('decide', () => {
  it('pays an approved affiliate with details, at or over the minimum, in full', () => {
    expect(decide(group(), rules)).toEqual({
      pay: true,
      proposal: {
        affiliateId: 7,
        affiliateCode: 'ANN',
        affiliateName: 'Ann',
        currency: 'USD',
        method: 'paypal',
        amountMinor: 10_000,
        lines: 3,
      },
    })
    expect(reason(group({}, 5_000))).toBe('pay')
  })

  it('leaves out, with a reason, in the documented order', () => {
    expect(reason(group({}, 0))).toBeNull()
    expect(reason(group({ status: 'suspended' }, -500))).toBe('suspended')
    expect(reason(group({ status: 'pending' }))).toBe('not_approved')
    expect(reason(group({ paymentEmail: null }, -1))).toBe('negative_balance')
    expect(reason(group({ paymentEmail: null }))).toBe('missing_details')
    expect(reason(group({ paymentEmail: 'not-an-email' }))).toBe('invalid_details')
    expect(reason(group({}, 4_999))).toBe('below_minimum')
    expect(reason(group({ minPayoutMinor: 100 }, 4_999))).toBe('pay')
    expect(reason(group({ minPayoutMinor: 20_000 }))).toBe('below_minimum')
  })

  it('checks bank details against the currency actually paid', () => {
    const bank = { accountHolder: 'Ann', iban: 'DE89370400440532013000' }
    expect(reason(group({ paymentMethod: 'bank', bankDetails: bank }, 10_000, 'EUR'))).toBe('pay')
    expect(reason(group({ paymentMethod: 'bank', bankDetails: bank }, 10_000, 'GBP'))).toBe('missing_details')
    expect(
      reason(
        group(
          { paymentMethod: 'bank', bankDetails: { ...bank, iban: 'DE00370400440532013000' } },
          10_000,
          'EUR',
        ),
      ),
    ).toBe('invalid_details')
    // Wise without bank details pays the email recipient.
    expect(reason(group({ paymentMethod: 'wise' }))).toBe('pay')
  })
})

describe('item moves', () => {
  it('takes any outcome before a final one; a paid item can only come back', () => {
    expect(moveItem('pending', 'paid')).toEqual({ kind: 'move', to: 'paid', release: false })
    expect(moveItem('processing', 'failed')).toEqual({ kind: 'move', to: 'failed', release: true })
    expect(moveItem('paid', 'returned')).toEqual({ kind: 'move', to: 'returned', release: true })
    expect(moveItem('paid', 'unclaimed')).toEqual({ kind: 'move', to: 'unclaimed', release: true })
    expect(moveItem('paid', 'failed').kind).toBe('refused')
    expect(moveItem('returned', 'paid').kind).toBe('refused')
    expect(moveItem('cancelled', 'paid').kind).toBe('refused')
    expect(moveItem('paid', 'paid')).toEqual({ kind: 'same' })
    expect(moveItem('processing', 'pending')).toEqual({ kind: 'same' })
  })

  it('completes a run once no item waits', () => {
    expect(runComplete(['paid', 'failed'])).toBe(true)
    expect(runComplete(['paid', 'processing'])).toBe(false)
  })
})

it('totals compare regardless of order', () => {
  const a = new TotalsAccumulator()
  a.add('USD', 'paypal', 100)
  a.add('EUR', 'wise', 50)
  a.add('USD', 'paypal', 1)
  expect(a.result()).toEqual([
    { currency: 'EUR', method: 'wise', items: 1, amountMinor: 50 },
    { currency: 'USD', method: 'paypal', items: 2, amountMinor: 101 },
  ])
  expect(sameTotals(a.result(), [...a.result()].reverse())).toBe(true)
  expect(sameTotals(a.result(), [{ currency: 'USD', method: 'paypal', items: 2, amountMinor: 101 }])).toBe(
    false,
  )
})

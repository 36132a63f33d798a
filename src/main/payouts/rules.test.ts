import { describe, expect, it } from 'vitest'
import {
  decide,
  minimumFor,
  moveItem,
  runComplete,
  sameTotals,
  TotalsAccumulator,
  type PayableGroup,
} from './rules'

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
const rules = { minPayoutMinor: 5_000, minPayoutByCurrency: {} }
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

describe('the minimum of a group', () => {
  // $50.00, ¥5,000 (not ¥500,000), 5.000 KWD; anything else takes the default of 5000 minor units.
  const perCurrency = { minPayoutMinor: 5_000, minPayoutByCurrency: { USD: 5_000, JPY: 5_000, KWD: 5_000 } }
  const yen = { minPayoutMinor: 5_000, minPayoutByCurrency: { JPY: 7_000 } }
  const outcome = (g: PayableGroup, r = yen) => {
    const d = decide(g, r)
    return d === null ? null : d.pay ? 'pay' : d.exclusion.reason
  }

  it('pays exactly at the minimum and rolls over one minor unit below it', () => {
    expect(outcome(group({}, 7_000, 'JPY'))).toBe('pay')
    expect(outcome(group({}, 6_999, 'JPY'))).toBe('below_minimum')
    expect(outcome(group({}, 5_000, 'USD'))).toBe('pay')
    expect(outcome(group({}, 4_999, 'USD'))).toBe('below_minimum')
    expect(outcome(group({}, 5_000, 'KWD'), perCurrency)).toBe('pay')
    expect(outcome(group({}, 4_999, 'KWD'), perCurrency)).toBe('below_minimum')
  })

  it('takes each currency its own minimum, the same net pays in one and rolls over in the other', () => {
    // 6000 minor units: $60.00 clears USD's default $50.00; ¥6,000 is under JPY's ¥7,000.
    expect(outcome(group({}, 6_000, 'USD'))).toBe('pay')
    expect(outcome(group({}, 6_000, 'JPY'))).toBe('below_minimum')
    expect(minimumFor(group().affiliate, 'EUR', yen)).toBe(5_000)
    expect(minimumFor(group().affiliate, 'JPY', { ...yen, minPayoutMinor: 1 })).toBe(7_000)
    // A currency set to 0 pays anything positive, whatever the default.
    expect(outcome(group({}, 1, 'JPY'), { minPayoutMinor: 5_000, minPayoutByCurrency: { JPY: 0 } })).toBe(
      'pay',
    )
  })

  it("uses the affiliate's own minimum in its payout currency only", () => {
    const own = { payoutCurrency: 'JPY', minPayoutMinor: 1_000 }
    // Over the affiliate's ¥1,000 though under the program's ¥7,000.
    expect(outcome(group(own, 1_000, 'JPY'))).toBe('pay')
    expect(outcome(group(own, 999, 'JPY'))).toBe('below_minimum')
    // An own minimum above the program's also holds.
    expect(outcome(group({ payoutCurrency: 'JPY', minPayoutMinor: 9_000 }, 8_000, 'JPY'))).toBe(
      'below_minimum',
    )
    // Lines in USD for a JPY affiliate: the affiliate's ¥1,000 is not $10.00; the USD default holds.
    expect(minimumFor(group(own).affiliate, 'USD', yen)).toBe(5_000)
    expect(outcome(group(own, 4_999, 'USD'))).toBe('below_minimum')
    // No own minimum: the program's per currency.
    expect(minimumFor(group({ payoutCurrency: 'JPY' }).affiliate, 'JPY', yen)).toBe(7_000)
  })

  it('says the minimum in the currency of the group', () => {
    const message = (g: PayableGroup) => {
      const d = decide(g, perCurrency)
      return d && !d.pay ? d.exclusion.message : null
    }
    expect(message(group({}, 4_000, 'USD'))).toBe('Below the minimum payout of $50.00; rolls over')
    expect(message(group({}, 4_000, 'JPY'))).toBe('Below the minimum payout of ¥5,000; rolls over')
    expect(message(group({}, 4_000, 'KWD'))).toMatch(/5\.000/)
  })

  it('ignores inherited keys of the map', () => {
    expect(minimumFor(group().affiliate, 'constructor', yen)).toBe(5_000)
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

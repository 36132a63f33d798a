import { describe, expect, it } from 'vitest'
import type { Affiliate } from '../../../../shared/contract'
import {
  affiliateToForm,
  emptyAffiliateForm,
  statusActions,
  toCreateInput,
  toUpdateInput,
} from './affiliateForm'

describe('affiliate form', () => {
  it('builds a create input: empty code left out, empty payment email null, rate in bps', () => {
    const v = {
      ...emptyAffiliateForm('EUR'),
      name: ' Ada ',
      email: 'ada@example.com',
      overridePercent: '7.5',
      parent: { id: 4, label: 'BOB — Bob' },
    }
    expect(toCreateInput(v)).toEqual({
      input: {
        name: 'Ada',
        email: 'ada@example.com',
        tier: 'standard',
        overrideRateBps: 750,
        paymentMethod: 'paypal',
        paymentEmail: null,
        payoutCurrency: 'EUR',
        bankDetails: null,
        minPayoutMinor: null,
        parentId: 4,
      },
      issues: [],
    })
    expect(toCreateInput({ ...v, code: ' ADA1 ' }).input).toMatchObject({ code: 'ADA1' })
  })

  it('reports a bad override rate on its contract path', () => {
    expect(toUpdateInput(1, { ...emptyAffiliateForm(), overridePercent: 'lots' }).issues).toEqual([
      { path: 'overrideRateBps', message: 'Enter a percentage such as 12.5 (at most two decimals)' },
    ])
  })

  it('round-trips an existing affiliate', () => {
    const a: Affiliate = {
      id: 9,
      parentId: 2,
      parentCode: 'TOP',
      code: 'KID',
      name: 'Kid',
      email: 'kid@example.com',
      status: 'approved',
      tier: 'vip',
      overrideRateBps: 1250,
      paymentMethod: 'wise',
      paymentEmail: 'pay@example.com',
      payoutCurrency: 'GBP',
      bankDetails: null,
      minPayoutMinor: null,
      createdAt: 0,
      approvedAt: 1,
      downlineCount: 0,
    }
    expect(toUpdateInput(9, affiliateToForm(a)).input).toEqual({
      id: 9,
      name: 'Kid',
      email: 'kid@example.com',
      tier: 'vip',
      overrideRateBps: 1250,
      paymentMethod: 'wise',
      paymentEmail: 'pay@example.com',
      payoutCurrency: 'GBP',
      bankDetails: null,
      minPayoutMinor: null,
    })
  })

  it('offers approve unless approved, and suspend when approved', () => {
    expect(statusActions('pending')).toEqual(['approve'])
    expect(statusActions('rejected')).toEqual(['approve'])
    expect(statusActions('suspended')).toEqual(['approve'])
    expect(statusActions('approved')).toEqual(['suspend'])
  })
})

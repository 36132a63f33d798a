import { describe, expect, it } from 'vitest'
import type { PayoutItem } from '../../../shared/contract'
import { providerStateText, sendPreview } from './payoutProviders'

const item = (
  id: number,
  method: PayoutItem['method'],
  status: PayoutItem['status'],
  amountMinor: number,
  currency = 'USD',
): PayoutItem => ({
  id,
  runId: 1,
  affiliateId: id,
  affiliateCode: `A${id}`,
  affiliateName: `A${id}`,
  currency,
  method,
  amountMinor,
  lines: 1,
  status,
  providerRef: null,
  reason: null,
  updatedAt: 0,
})

describe('the run page API panel', () => {
  it('counts only pending items the provider pays, with totals per currency', () => {
    const items = [
      item(1, 'paypal', 'pending', 1500),
      item(2, 'paypal', 'processing', 900),
      item(3, 'wise', 'pending', 700, 'EUR'),
      item(4, 'bank', 'pending', 300, 'EUR'),
    ]
    expect(sendPreview('paypal', items)).toEqual({ count: 1, totals: expect.stringContaining('15.00') })
    expect(sendPreview('wise', items)).toMatchObject({ count: 2, totals: expect.stringContaining('10.00') })
  })

  it('says configured, sandbox or live, never more', () => {
    const s = {
      provider: 'paypal' as const,
      configured: true,
      readable: true,
      sandbox: false,
      baseUrl: 'x',
      updatedAt: 1,
    }
    expect(providerStateText(s)).toBe('configured · live')
    expect(providerStateText({ ...s, sandbox: true })).toBe('configured · sandbox')
    expect(providerStateText({ ...s, configured: false })).toBe('not configured')
    expect(providerStateText({ ...s, readable: false })).toMatch(/enter them again/)
  })
})

import { PAYOUT_EXCLUSION_REASONS } from '../../../../shared/domain'
import { describe, expect, it } from 'vitest'
import {
  canCancelRun,
  canMarkItem,
  cutoffOfDay,
  cutoffProblem,
  defaultCutoffDay,
  guessReportKind,
  statusCountsText,
  fixableInAffiliateForm,
} from './payoutRules'

describe('cutoffOfDay', () => {
  it('is the last millisecond of the chosen local day, so that whole day is in the run', () => {
    const cutoff = cutoffOfDay('2026-11-30')!
    expect(cutoff).toBe(new Date(2026, 11, 1).getTime() - 1)
    expect(new Date(cutoff).getDate()).toBe(30)
    expect(new Date(cutoff + 1).getDate()).toBe(1)
  })

  it('refuses what is not a calendar day', () => {
    for (const bad of ['', '2026-02-30', '2026-13-01', '30/11/2026', '2026-11-3'])
      expect(cutoffOfDay(bad)).toBeNull()
  })
})

describe('cut-off checks', () => {
  const now = new Date(2026, 11, 3, 10).getTime()
  it('defaults to yesterday and allows today, but not tomorrow', () => {
    expect(defaultCutoffDay(now)).toBe('2026-12-02')
    expect(cutoffProblem('2026-12-02', now)).toBeNull()
    expect(cutoffProblem('2026-12-03', now)).toBeNull()
    expect(cutoffProblem('2026-12-04', now)).toMatch(/future/)
    expect(cutoffProblem('', now)).toMatch(/Choose/)
  })
})

describe('what a run and an item allow', () => {
  it('cancels only a run that was never exported', () => {
    expect(canCancelRun('committed')).toBe(true)
    for (const s of ['exported', 'completed', 'cancelled'] as const) expect(canCancelRun(s)).toBe(false)
  })
  it('marks any item by hand except one of an undone run', () => {
    expect(canMarkItem('processing')).toBe(true)
    expect(canMarkItem('paid')).toBe(true)
    expect(canMarkItem('cancelled')).toBe(false)
  })
})

describe('statusCountsText', () => {
  it('lists the statuses in the order items move through, skipping zeros', () => {
    expect(statusCountsText({ failed: 1, paid: 3, pending: 0, processing: 2 })).toBe(
      '2 processing · 3 paid · 1 failed',
    )
    expect(statusCountsText({})).toBe('no items')
  })
})

describe('guessReportKind', () => {
  it('recognises a PayPal payouts report and a Wise batch status export by their headers', () => {
    expect(guessReportKind('Transaction ID,Payout Item ID,Status\n')).toBe('paypal')
    expect(guessReportKind('id,status,reference,TransferWise id\n')).toBe('wise')
    expect(guessReportKind('a,b,c\n')).toBeNull()
  })
})

describe('exclusions finance fixes in the affiliate form', () => {
  it('links only the payment-details reasons', () => {
    const fixable = PAYOUT_EXCLUSION_REASONS.filter(fixableInAffiliateForm)
    expect(fixable).toEqual(['missing_details', 'invalid_details'])
  })
})

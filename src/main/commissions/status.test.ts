import { describe, expect, it } from 'vitest'
import { CONVERSION_STATUSES, type ConversionStatus, transition } from './status'

describe('conversion status transitions', () => {
  // Written out in full so a change to the machine has to change this table too.
  const allowed: [ConversionStatus, ConversionStatus, 'approve' | 'reverse' | 'none'][] = [
    ['pending', 'approved', 'approve'],
    ['pending', 'rejected', 'reverse'],
    ['pending', 'refunded', 'reverse'],
    ['approved', 'rejected', 'reverse'],
    ['approved', 'refunded', 'reverse'],
    ['paid', 'refunded', 'reverse'],
    ['paid', 'rejected', 'reverse'],
  ]

  it.each(allowed)('allows %s → %s with ledger effect %s', (from, to, ledger) => {
    expect(transition(from, to)).toEqual({ ok: true, noop: false, ledger })
  })

  it('allows approved → paid only for a payout run', () => {
    expect(transition('approved', 'paid', { viaPayout: true })).toEqual({
      ok: true,
      noop: false,
      ledger: 'none',
    })
    expect(transition('approved', 'paid')).toEqual({
      ok: false,
      reason: 'Only a payout run can mark a conversion paid',
    })
  })

  it.each(CONVERSION_STATUSES.map((s) => [s]))('treats %s → same as a no-op', (s) => {
    expect(transition(s, s)).toEqual({ ok: true, noop: true, ledger: 'none' })
  })

  const refused: [ConversionStatus, ConversionStatus][] = [
    ['pending', 'paid'],
    ['approved', 'pending'],
    ['paid', 'pending'],
    ['paid', 'approved'],
    ['rejected', 'pending'],
    ['rejected', 'approved'],
    ['rejected', 'refunded'],
    ['rejected', 'paid'],
    ['refunded', 'pending'],
    ['refunded', 'approved'],
    ['refunded', 'rejected'],
    ['refunded', 'paid'],
  ]

  it.each(refused)('refuses %s → %s with a reason', (from, to) => {
    const result = transition(from, to, { viaPayout: true })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toContain(`cannot become ${to}`)
  })

  it('covers every pair exactly once', () => {
    expect(allowed.length + 1 + CONVERSION_STATUSES.length + refused.length).toBe(25)
  })

  it('says why a final status cannot change', () => {
    expect(transition('refunded', 'approved')).toEqual({
      ok: false,
      reason: 'A refunded conversion is final and cannot become approved',
    })
  })
})

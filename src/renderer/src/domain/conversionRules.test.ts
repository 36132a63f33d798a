import { describe, expect, it } from 'vitest'
import { canMove, flagLabel, historyText, levelLabel, whyNot } from './conversionRules'

describe('the status machine as the buttons see it', () => {
  it('offers exactly the legal moves', () => {
    expect(canMove('pending', 'approved')).toBe(true)
    expect(canMove('pending', 'rejected')).toBe(true)
    expect(canMove('pending', 'refunded')).toBe(true)
    expect(canMove('approved', 'rejected')).toBe(true)
    expect(canMove('approved', 'refunded')).toBe(true)
    expect(canMove('approved', 'approved')).toBe(false)
    expect(canMove('paid', 'refunded')).toBe(true)
    expect(canMove('paid', 'rejected')).toBe(true)
    for (const final of ['rejected', 'refunded'] as const) {
      expect(canMove(final, 'approved') || canMove(final, 'rejected') || canMove(final, 'refunded')).toBe(
        false,
      )
    }
  })

  it('says why a move is unavailable', () => {
    expect(whyNot('pending', 'approved')).toBeNull()
    expect(whyNot('rejected', 'approved')).toBe('A rejected conversion is final.')
    expect(whyNot('pending', 'refunded')).toBeNull()
    expect(whyNot('approved', 'approved')).toBe('It is already approved.')
  })
})

describe('history in plain words', () => {
  const usd = (minor: number) => `$${(minor / 100).toFixed(2)}`
  it.each([
    {
      case: 're-base by a signed postback',
      entry: {
        action: 'conversion.rebased',
        actor: 'postback:signed',
        before: { amountMinor: 10_000 },
        after: { amountMinor: 8000 },
      },
      text: 'Amount corrected from $100.00 to $80.00 by signed postback',
    },
    {
      case: 'refund with its reason',
      entry: {
        action: 'conversion.refunded',
        actor: 'owner',
        before: { status: 'approved' },
        after: { status: 'refunded', reason: 'chargeback' },
      },
      text: 'Refunded by owner — “chargeback”',
    },
    {
      case: 'claimed by a signed report',
      entry: {
        action: 'conversion.claimed',
        actor: 'postback:signed',
        before: null,
        after: { trust: 'signed' },
      },
      text: 'Cancelled: a signed report credited the order to another click',
    },
    {
      case: 'held by auto-approval',
      entry: {
        action: 'conversion.held',
        actor: 'auto-approval',
        before: null,
        after: { note: 'held: the affiliate is suspended' },
      },
      text: 'Held for review by auto-approval — “held: the affiliate is suspended”',
    },
  ])('$case', ({ entry, text }) => {
    expect(historyText({ at: 0, ...entry }, usd)).toBe(text)
  })
})

describe('labels', () => {
  it('names levels and flags', () => {
    expect(levelLabel(1)).toBe('1 · affiliate')
    expect(levelLabel(2)).toBe('2 · parent')
    expect(levelLabel(5)).toBe('5 · upline')
    expect(flagLabel('suspicious_click')).toBe('The click it came from was flagged')
    expect(flagLabel('affiliate_pending')).toBe('The affiliate was pending at the time')
    expect(flagLabel('odd_thing')).toBe('odd thing')
  })
})

import { describe, expect, it } from 'vitest'
import { bulkSummary, canMove, flagLabel, levelLabel, runBulk, whyNot } from './conversionRules'

describe('the status machine as the buttons see it', () => {
  it('offers exactly the legal moves', () => {
    expect(canMove('pending', 'approved')).toBe(true)
    expect(canMove('pending', 'rejected')).toBe(true)
    expect(canMove('pending', 'refunded')).toBe(false)
    expect(canMove('approved', 'rejected')).toBe(true)
    expect(canMove('approved', 'refunded')).toBe(true)
    expect(canMove('approved', 'approved')).toBe(false)
    expect(canMove('paid', 'refunded')).toBe(true)
    expect(canMove('paid', 'rejected')).toBe(false)
    for (const final of ['rejected', 'refunded'] as const) {
      expect(canMove(final, 'approved') || canMove(final, 'rejected') || canMove(final, 'refunded')).toBe(
        false,
      )
    }
  })

  it('says why a move is unavailable', () => {
    expect(whyNot('pending', 'approved')).toBeNull()
    expect(whyNot('rejected', 'approved')).toBe('A rejected conversion is final.')
    expect(whyNot('pending', 'refunded')).toBe('Only approved or paid conversions can be refunded.')
    expect(whyNot('paid', 'rejected')).toBe('A paid conversion cannot be rejected.')
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

describe('bulk actions', () => {
  it('goes on after a failure and reports both', async () => {
    const result = await runBulk([1, 2, 3], async (id) => {
      if (id === 2) throw new Error('A rejected conversion is final')
    })
    expect(result).toEqual({ done: [1, 3], failed: [{ id: 2, message: 'A rejected conversion is final' }] })
    expect(bulkSummary(result, 'approved')).toBe('Approved 2 of 3 conversions; 1 failed.')
    expect(bulkSummary({ done: [4], failed: [] }, 'rejected')).toBe('Rejected 1 conversion.')
  })
})

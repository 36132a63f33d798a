import { describe, expect, it } from 'vitest'
import { contributionText, focusAfterRemoval, reasonDescription, reasonLabel } from './reviewReasons'

const rows = [1, 2, 3, 4].map((id) => ({ id }))

describe('review words', () => {
  it('names known codes and humanises new ones', () => {
    expect(reasonLabel('self_referral')).toBe('Self-referral')
    expect(reasonLabel('brand_new_rule')).toBe('Brand new rule')
    expect(reasonDescription({ code: 'ip_velocity', detail: '7 in 24 h (limit 5)', weight: 30 })).toBe(
      'Many conversions from one IP — 7 in 24 h (limit 5) — +30 points',
    )
    expect(reasonDescription({ code: 'suspicious_click', detail: '', weight: null })).toBe('Flagged click')
    expect(contributionText(1.254)).toBe('+1.25')
    expect(contributionText(-0.4)).toBe('−0.40')
  })
})

describe('focus after a decision', () => {
  it('moves to the next row, else the last one, else none', () => {
    expect(focusAfterRemoval(rows, new Set([2]), 2)).toBe(3)
    expect(focusAfterRemoval(rows, new Set([2, 3]), 2)).toBe(4)
    expect(focusAfterRemoval(rows, new Set([4]), 4)).toBe(3)
    expect(focusAfterRemoval(rows, new Set([1, 2, 3, 4]), 1)).toBeNull()
    expect(focusAfterRemoval(rows, new Set([1]), 3)).toBe(3)
    expect(focusAfterRemoval(rows, new Set(), null)).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import { labelEvery, niceScale, niceStep, percentOf, shortDay, totalsOf } from './chart'

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 × 10ⁿ and never below 1', () => {
    expect(niceStep(0)).toBe(1)
    expect(niceStep(0.3)).toBe(1)
    expect(niceStep(1.5)).toBe(2)
    expect(niceStep(3)).toBe(5)
    expect(niceStep(7)).toBe(10)
    expect(niceStep(10)).toBe(10)
    expect(niceStep(11)).toBe(20)
    expect(niceStep(260)).toBe(500)
  })
})

describe('niceScale', () => {
  it('covers the largest value with whole steps from 0', () => {
    expect(niceScale(62)).toEqual({ max: 80, step: 20, ticks: [0, 20, 40, 60, 80] })
    expect(niceScale(14)).toEqual({ max: 15, step: 5, ticks: [0, 5, 10, 15] })
    expect(niceScale(3)).toEqual({ max: 3, step: 1, ticks: [0, 1, 2, 3] })
  })

  it('has a usable axis for an empty period', () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 1, ticks: [0, 1] })
  })
})

describe('labels and totals', () => {
  it('thins day labels to fit', () => {
    expect(labelEvery(7)).toBe(1)
    expect(labelEvery(30)).toBe(3)
    expect(labelEvery(90)).toBe(9)
  })

  it('shortens ISO days', () => {
    expect(shortDay('2026-11-05')).toBe('Nov 5')
    expect(shortDay('2026-01-31')).toBe('Jan 31')
    expect(shortDay('bad')).toBe('bad')
  })

  it('adds up the series', () => {
    expect(
      totalsOf([
        { day: 'a', clicks: 10, flaggedClicks: 2, conversions: 1 },
        { day: 'b', clicks: 5, flaggedClicks: 0, conversions: 3 },
      ]),
    ).toEqual({ clicks: 15, flaggedClicks: 2, conversions: 4 })
  })

  it('shows shares with one decimal', () => {
    expect(percentOf(1, 3)).toBe('33.3%')
    expect(percentOf(0, 10)).toBe('0.0%')
    expect(percentOf(5, 0)).toBe('—')
  })
})

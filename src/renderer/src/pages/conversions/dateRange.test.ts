import { describe, expect, it } from 'vitest'
import { dateRange, endOfDay, startOfDay } from './dateRange'

describe('date range', () => {
  it('turns local days into an inclusive-exclusive ms range', () => {
    const from = startOfDay('2026-03-01')!
    expect(new Date(from).getDate()).toBe(1)
    expect(new Date(from).getHours()).toBe(0)
    const to = endOfDay('2026-03-31')!
    expect(new Date(to).getMonth()).toBe(3) // April 1st, exclusive
    expect(new Date(to).getDate()).toBe(1)
    expect(dateRange('2026-03-01', '2026-03-31')).toEqual({ from, to })
  })

  it('takes one side alone and ignores blanks and junk', () => {
    expect(dateRange('2026-03-01', '')).toEqual({ from: startOfDay('2026-03-01') })
    expect(dateRange(undefined, '2026-03-01')).toEqual({ to: endOfDay('2026-03-01') })
    expect(dateRange('2026-02-30', 'x')).toEqual({})
  })

  it('includes the whole day when start and end are the same day, refuses a reversed range', () => {
    const same = dateRange('2026-03-05', '2026-03-05')
    expect(same.to! - same.from!).toBeGreaterThan(22 * 3_600_000)
    expect(dateRange('2026-03-05', '2026-03-04')).toEqual({ error: 'The end date is before the start date.' })
  })
})

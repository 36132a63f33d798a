// Calendar-month keys (year × 12 + month index) from epoch milliseconds, by integer arithmetic:
// the simulator needs one per conversion and a Date object each time would be a million allocations.

/** UTC calendar month of `ms`, e.g. 2026-02-14 → 2026 × 12 + 1. */
export function utcMonthKey(ms: number): number {
  const days = Math.floor(ms / 86_400_000)
  // Howard Hinnant's civil_from_days, on a calendar whose years start on 1 March.
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153) // 0 = March
  const month = shiftedMonth < 10 ? shiftedMonth + 2 : shiftedMonth - 10 // 0 = January
  const year = yearOfEra + era * 400 + (month < 2 ? 1 : 0)
  return year * 12 + month
}

/** A calendar month in the program's time zone: its key (year × 12 + month) and where it starts. */
export interface ZonedMonth {
  key: number
  start: number
  /** Where the next month starts. */
  end: number
}

/**
 * Month boundaries in an IANA time zone (the program's setting; UTC by default), so tiers,
 * recurring periods and reports agree with the owner's calendar. The last month asked for is kept:
 * conversions arrive in time order, so nearly every call is answered without Intl.
 */
export function zonedMonths(timeZone: string): (ms: number) => ZonedMonth {
  if (timeZone === 'UTC') {
    let last: ZonedMonth = { key: Number.NaN, start: 0, end: 0 }
    return (ms) => {
      if (ms >= last.start && ms < last.end) return last
      const key = utcMonthKey(ms)
      last = {
        key,
        start: Date.UTC(Math.floor(key / 12), key % 12, 1),
        end: Date.UTC(Math.floor(key / 12), (key % 12) + 1, 1),
      }
      return last
    }
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  })
  // Offset of local wall time from UTC at an instant, in ms.
  const offsetAt = (ms: number): number => {
    const p: Record<string, number> = {}
    for (const { type, value } of parts.formatToParts(ms)) p[type] = Number(value)
    return (
      Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000
    )
  }
  // The instant local midnight of the 1st of (year, month) happens; the offset is read twice
  // because the first guess may sit on the other side of a DST change.
  const startOf = (year: number, month: number): number => {
    const wall = Date.UTC(year, month, 1)
    const guess = wall - offsetAt(wall)
    return wall - offsetAt(guess)
  }
  let last: ZonedMonth = { key: Number.NaN, start: 0, end: 0 }
  return (ms) => {
    if (ms >= last.start && ms < last.end) return last
    const local = ms + offsetAt(ms)
    const key = utcMonthKey(local)
    const year = Math.floor(key / 12)
    const month = key % 12
    last = { key, start: startOf(year, month), end: startOf(year, month + 1) }
    return last
  }
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}

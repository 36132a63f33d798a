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

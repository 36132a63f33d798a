// The date filter: two <input type="date"> values (local calendar days) to the contract's createdAt
// range in epoch ms, from inclusive and to exclusive, so "to 2026-11-05" includes all of that day.

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Local midnight at the start of `day` ("YYYY-MM-DD"), or null for anything else. */
export function startOfDay(day: string): number | null {
  const m = DAY_RE.exec(day)
  if (!m) return null
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  if (d.getMonth() !== Number(m[2]) - 1 || d.getDate() !== Number(m[3])) return null
  return d.getTime()
}

/** Local midnight at the end of `day`: the start of the next day. */
export function endOfDay(day: string): number | null {
  const m = DAY_RE.exec(day)
  if (!m || startOfDay(day) === null) return null
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime()
}

export type DateRange = { from?: number; to?: number; error?: string }

export function dateRange(fromDay: string | undefined, toDay: string | undefined): DateRange {
  const range: DateRange = {}
  const from = fromDay ? startOfDay(fromDay) : null
  const to = toDay ? endOfDay(toDay) : null
  if (from !== null) range.from = from
  if (to !== null) range.to = to
  if (from !== null && to !== null && to <= from) {
    return { error: 'The end date is before the start date.' }
  }
  return range
}

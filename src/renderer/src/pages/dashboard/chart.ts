// Pure geometry for the dashboard's daily chart: a "nice" axis (steps of 1, 2 or 5 × 10ⁿ) and which
// day labels fit. Kept free of React and the DOM so it can be unit tested.

export interface Scale {
  /** The axis top: a whole number of steps, at least the largest value. */
  max: number
  step: number
  ticks: number[]
}

/** The smallest 1, 2 or 5 × 10ⁿ that is at least `x` (x > 0), never below 1: counts are whole. */
export function niceStep(x: number): number {
  if (!(x > 1)) return 1
  const magnitude = 10 ** Math.floor(Math.log10(x))
  for (const m of [1, 2, 5, 10]) {
    if (m * magnitude >= x) return m * magnitude
  }
  return 10 * magnitude
}

/** An axis from 0 covering `maxValue` in about `targetTicks` whole steps. */
export function niceScale(maxValue: number, targetTicks = 4): Scale {
  const step = niceStep(Math.max(0, maxValue) / targetTicks)
  const max = Math.max(step, Math.ceil(maxValue / step) * step)
  const ticks: number[] = []
  for (let t = 0; t <= max; t += step) ticks.push(t)
  return { max, step, ticks }
}

/** Every how many days to print a date under the axis so at most `maxLabels` fit. */
export function labelEvery(days: number, maxLabels = 10): number {
  return Math.max(1, Math.ceil(days / maxLabels))
}

/** "2026-11-05" → "Nov 5", for axis labels (the day is a UTC calendar day, shown as such). */
export function shortDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return day
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}`
}

export interface DayPoint {
  day: string
  clicks: number
  flaggedClicks: number
  conversions: number
}

export interface Totals {
  clicks: number
  flaggedClicks: number
  conversions: number
}

export function totalsOf(days: readonly DayPoint[]): Totals {
  return days.reduce(
    (t, d) => ({
      clicks: t.clicks + d.clicks,
      flaggedClicks: t.flaggedClicks + d.flaggedClicks,
      conversions: t.conversions + d.conversions,
    }),
    { clicks: 0, flaggedClicks: 0, conversions: 0 },
  )
}

/** part / whole as a percent with one decimal ("3.4%"), or "—" when there is no whole. */
export function percentOf(part: number, whole: number): string {
  if (whole <= 0) return '—'
  const tenths = Math.round((part * 1000) / whole)
  return `${(tenths / 10).toFixed(1)}%`
}

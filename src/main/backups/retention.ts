// Which backups to keep: the newest of each of the last `daily` days that have a backup, and the
// newest of each of the last `weekly` weeks (Monday to Sunday, UTC) that have one. Counting days and
// weeks that HAVE backups, not calendar days, means a laptop closed for a month still keeps its last
// week of backups instead of pruning everything as too old. The newest backup is always kept.
export interface RetentionPolicy {
  daily: number
  weekly: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4 }

export interface DatedBackup {
  name: string
  createdAt: number
}

const DAY = 86_400_000

export const dayOf = (at: number): number => Math.floor(at / DAY)
/** 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday. */
export const weekOf = (at: number): number => Math.floor((dayOf(at) + 3) / 7)

const newestFirst = (a: DatedBackup, b: DatedBackup) =>
  b.createdAt - a.createdAt || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0)

function newestPerPeriod(sorted: readonly DatedBackup[], periodOf: (at: number) => number, count: number) {
  const kept: string[] = []
  const seen = new Set<number>()
  for (const b of sorted) {
    if (seen.size >= count) break
    const p = periodOf(b.createdAt)
    if (seen.has(p)) continue
    seen.add(p)
    kept.push(b.name)
  }
  return kept
}

/** The names to keep; every other backup may be deleted. Pure: the order of the input does not matter. */
export function backupsToKeep(backups: readonly DatedBackup[], policy: RetentionPolicy): Set<string> {
  const sorted = [...backups].sort(newestFirst)
  const keep = new Set<string>([
    ...newestPerPeriod(sorted, dayOf, Math.max(0, policy.daily)),
    ...newestPerPeriod(sorted, weekOf, Math.max(0, policy.weekly)),
  ])
  if (sorted[0]) keep.add(sorted[0].name)
  return keep
}

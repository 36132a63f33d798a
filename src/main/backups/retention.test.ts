import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backupFileName, parseBackupName } from './names'
import { backupsToKeep, dayOf, weekOf, type DatedBackup } from './retention'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 0, 1)

// Backups over ~10 weeks, several a day at times, as a laptop that sleeps and wakes would make them.
const backups = fc
  .uniqueArray(fc.integer({ min: 0, max: 70 * DAY }), { maxLength: 60 })
  .map((offsets) => offsets.map((o): DatedBackup => ({ name: backupFileName(T0 + o), createdAt: T0 + o })))
const policy = fc.record({ daily: fc.integer({ min: 0, max: 10 }), weekly: fc.integer({ min: 0, max: 6 }) })

const newestOf = (bs: DatedBackup[]) => bs.reduce((a, b) => (b.createdAt > a.createdAt ? b : a))
const distinctNewest = (bs: DatedBackup[], period: (at: number) => number, n: number) =>
  [...new Set(bs.map((b) => period(b.createdAt)))].sort((a, b) => b - a).slice(0, n)

describe('backup retention', () => {
  it('keeps only backups it was given, at most daily + weekly of them, and always the newest', () => {
    fc.assert(
      fc.property(backups, policy, (bs, p) => {
        const keep = backupsToKeep(bs, p)
        const names = new Set(bs.map((b) => b.name))
        for (const k of keep) expect(names.has(k)).toBe(true)
        expect(keep.size).toBeLessThanOrEqual(Math.max(1, p.daily + p.weekly))
        if (bs.length) expect(keep.has(newestOf(bs).name)).toBe(true)
        else expect(keep.size).toBe(0)
      }),
    )
  })

  it('keeps the newest backup of each of the last `daily` days and one of each of the last `weekly` weeks', () => {
    fc.assert(
      fc.property(backups, policy, (bs, p) => {
        const keep = backupsToKeep(bs, p)
        for (const day of distinctNewest(bs, dayOf, p.daily)) {
          expect(keep.has(newestOf(bs.filter((b) => dayOf(b.createdAt) === day)).name)).toBe(true)
        }
        for (const week of distinctNewest(bs, weekOf, p.weekly)) {
          expect(bs.some((b) => weekOf(b.createdAt) === week && keep.has(b.name))).toBe(true)
        }
      }),
    )
  })

  it('is idempotent and ignores the order it is given backups in', () => {
    fc.assert(
      fc.property(backups, policy, fc.integer(), (bs, p, seed) => {
        const keep = backupsToKeep(bs, p)
        const shuffled = [...bs].sort(
          (a, b) => ((a.createdAt * 31 + seed) % 97) - ((b.createdAt * 31 + seed) % 97),
        )
        expect(backupsToKeep(shuffled, p)).toEqual(keep)
        // Running retention again on what it kept removes nothing more.
        expect(
          backupsToKeep(
            bs.filter((b) => keep.has(b.name)),
            p,
          ),
        ).toEqual(keep)
      }),
    )
  })

  it('with the default 7 daily + 4 weekly, a month of daily backups keeps 7 days and 3 older weeks', () => {
    const month = Array.from({ length: 31 }, (_, i) => ({
      name: `b${i}`,
      createdAt: T0 + i * DAY + 3_600_000,
    }))
    const keep = backupsToKeep(month, { daily: 7, weekly: 4 })
    // The last 7 days, plus the newest of each older week until 4 weeks are covered.
    expect([...keep].sort()).toEqual(['b17', 'b24', 'b25', 'b26', 'b27', 'b28', 'b29', 'b30', 'b10'].sort())
  })
})

describe('backup names', () => {
  it('round-trip the time they were taken and reject anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }), (at) => {
        expect(parseBackupName(backupFileName(at))).toBe(at)
      }),
    )
    expect(parseBackupName('affiliate-desk-20260231-000000-000.sqlite')).toBeNull()
    expect(parseBackupName('notes.sqlite')).toBeNull()
    expect(parseBackupName('.affiliate-desk-20260101-000000-000.sqlite.partial-ab12')).toBeNull()
  })
})

// Backups on real files: taken online while the listener writes, verified before they are named,
// pruned by retention, restored at the next start with the current database kept aside, exported
// to one portable file, and refused when they come from a newer app.
import { openSync, readdirSync, readFileSync, writeSync, closeSync, existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { backupFileName, parseBackupName } from '../src/main/backups/names'
import { checkDatabaseFile } from '../src/main/db/backup-file'
import { newClickId } from '../src/main/tracking/click-id'
import type { BackupStatus } from '../src/shared/contract'
import { clickRecord, startTestCore, tempDir, type TestCore } from './support/core'
import { click, nowSeconds, postback, signedQuery, startProgram, type Program } from './support/listener'
import { withReadOnly } from './support/sql'

const DAY = 86_400_000
const HOUR = 3_600_000
const T0 = Date.UTC(2026, 10, 2, 9)

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function core(opts: Parameters<typeof startTestCore>[0] = {}): Promise<TestCore> {
  const t = await startTestCore(opts)
  cleanups.push(() => t.close())
  return t
}

async function waitForBackup(t: TestCore, seen: BackupStatus['running'][] = []): Promise<BackupStatus> {
  for (;;) {
    const s = await t.call('backups.status', {})
    if (!s.running) return s
    seen.push(s.running)
    await new Promise((r) => setTimeout(r, 2))
  }
}

/** Overwrites the start of every page after the first: what a bad disk or a torn copy would leave. */
function damage(file: string): void {
  const fd = openSync(file, 'r+')
  try {
    const size = readFileSync(file).length
    for (let off = 4096; off < size; off += 4096) writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, off)
  } finally {
    closeSync(fd)
  }
}

describe('backups', () => {
  it('takes a verified, consistent backup while clicks and postbacks keep arriving', async () => {
    const p: Program = await startProgram()
    cleanups.push(() => p.t.close())
    const child = p.affiliateIds.at(-1)!
    // Enough history that the copy takes many steps (256 pages each) with traffic between them.
    await Promise.all(
      Array.from({ length: 20_000 }, () =>
        p.t.core.store.tracking.recordClick(
          clickRecord({
            clickId: newClickId(),
            linkId: null,
            affiliateId: child,
            campaignId: p.campaignId,
            createdAt: p.t.now(),
          }),
        ),
      ),
    )

    let phase: 'before' | 'during' | 'after' = 'before'
    const acked = { before: [] as string[], during: 0 }
    const orders: string[] = []
    let stop = false
    let n = 0
    const worker = async () => {
      while (!stop) {
        const c = await click(p.base, p.linkCode)
        if (c.status !== 302 || !c.clickId) continue
        const at = phase
        if (at === 'before') acked.before.push(c.clickId)
        if (at === 'during') acked.during++
        if (++n % 3 === 0) {
          const order = `O-${n}`
          const q = signedQuery(p.secret, {
            clickid: c.clickId,
            order_id: order,
            amount: '25.00',
            currency: 'USD',
            timestamp: nowSeconds(),
          })
          const r = await postback(p.base, q)
          if (r.status === 200) orders.push(order)
        }
      }
    }
    const workers = Array.from({ length: 6 }, worker)
    while (acked.before.length < 30) await new Promise((r) => setTimeout(r, 5))

    phase = 'during'
    const steps: BackupStatus['running'][] = []
    expect(await p.t.call('backups.run', {})).toEqual({ started: true })
    const status = await waitForBackup(p.t, steps)
    phase = 'after'
    stop = true
    await Promise.all(workers)

    expect(status.last).toMatchObject({ ok: true, trigger: 'manual' })
    const file = status.last!.file!
    expect(status.backups.map((b) => b.file)).toEqual([file])
    // The UI saw the copy part-way through, and the listener answered while it ran.
    expect(steps.some((s) => s!.phase === 'copying' && s!.pagesDone < s!.pagesTotal)).toBe(true)
    expect(acked.during).toBeGreaterThan(0)
    expect(orders.length).toBeGreaterThan(0)

    expect(checkDatabaseFile(file)).toMatchObject({ ok: true, problems: [] })
    const live = p.t.core.dbFile
    const linesOf = (f: string) =>
      withReadOnly(f, (db) =>
        db.all<{ c: number; lines: string }>(
          `SELECT conversion_id AS c, group_concat(affiliate_id || ':' || kind || ':' || amount_minor, ',') AS lines
             FROM (SELECT * FROM commissions ORDER BY id) GROUP BY conversion_id ORDER BY conversion_id`,
        ),
      )
    withReadOnly(file, (db) => {
      const clicks = new Set(db.all<{ id: string }>('SELECT click_id AS id FROM clicks').map((r) => r.id))
      expect(acked.before.filter((id) => !clicks.has(id))).toEqual([])
      // One transaction wrote each click and its rollup: a consistent copy has both or neither.
      expect(db.value('SELECT sum(clicks) + sum(flagged_clicks) FROM daily_stats')).toBe(clicks.size)
      // Every conversion in the copy has all its commission lines (10 % to the child, 5 % to the parent).
      const conversions = db.value('SELECT count(*) FROM conversions')
      expect(conversions).toBeGreaterThan(0)
      expect(db.value('SELECT count(*) FROM commissions')).toBe(conversions * 2)
    })
    // ...and exactly the lines the live database holds for those conversions.
    const inBackup = linesOf(file)
    const inLive = new Map(linesOf(live).map((r) => [r.c, r.lines]))
    for (const r of inBackup) expect(r.lines).toBe(inLive.get(r.c))
  }, 120_000)

  it('never gives a damaged copy a backup name, and keeps the good backup it already had', async () => {
    let inject = false
    const t = await core({ beforeBackupVerify: (tmp) => inject && damage(tmp) })
    await t.call('affiliates.create', { name: 'Ann', email: 'ann@x.example', code: 'ANN' })
    const good = await t.core.backups.run()
    expect(good).toMatchObject({ ok: true })
    const before = readFileSync(good.file!)

    inject = true
    const bad = await t.core.backups.run()
    expect(bad).toMatchObject({ ok: false, file: null })
    expect(bad.message).toMatch(/verification failed/)
    const status = await t.call('backups.status', {})
    expect(status.last).toMatchObject({ ok: false, message: bad.message })
    // Nothing under a backup name but the good one, no temporary file left, the good one untouched.
    expect(readdirSync(status.folder)).toEqual([good.file!.split('/').at(-1)])
    expect(readFileSync(good.file!).equals(before)).toBe(true)
  })

  it('prunes by retention after each backup and leaves other files in the folder alone', async () => {
    const clock = { now: T0 }
    const out = tempDir()
    cleanups.push(out.cleanup)
    const t = await core({ now: () => clock.now, jobs: 'manual' })
    await t.call('settings.update', { backupFolder: out.dir, backupKeepDaily: 2, backupKeepWeekly: 0 })
    writeFileSync(join(out.dir, 'notes.txt'), 'mine')
    writeFileSync(join(out.dir, backupFileName(T0 - 40 * DAY).replace('.sqlite', '.sqlite.old')), 'mine too')

    // The job backs up when due: at start, not an hour later, again a day later.
    await t.core.jobs!.tick()
    clock.now += HOUR
    await t.core.jobs!.tick()
    expect((await t.call('backups.status', {})).backups).toHaveLength(1)
    for (let d = 1; d <= 3; d++) {
      clock.now = T0 + d * DAY
      await t.core.jobs!.tick()
    }
    const status = await t.call('backups.status', {})
    expect(status.backups.map((b) => b.createdAt)).toEqual([T0 + 3 * DAY, T0 + 2 * DAY])
    expect(status.nextDueAt).toBe(T0 + 4 * DAY)
    expect(readdirSync(out.dir).filter((f) => parseBackupName(f) === null)).toEqual([
      backupFileName(T0 - 40 * DAY).replace('.sqlite', '.sqlite.old'),
      'notes.txt',
    ])
    for (const b of status.backups) expect(checkDatabaseFile(b.file).ok).toBe(true)
  })

  it('restores a staged backup at the next start and keeps the current database aside', async () => {
    const t = await core()
    await t.call('affiliates.create', { name: 'Ann', email: 'ann@x.example', code: 'ANN' })
    const backup = await t.core.backups.run()
    await t.call('affiliates.create', { name: 'Bob', email: 'bob@x.example', code: 'BOB' })

    const staged = await t.call('backups.restore', { file: backup.file!, when: 'next-start' })
    expect(staged).toMatchObject({ restored: false, message: expect.stringMatching(/next starts/) })
    expect((await t.call('backups.status', {})).pendingRestore).toMatchObject({ source: backup.file })
    // Nothing changes until the restart.
    expect((await t.call('affiliates.list', {})).total).toBe(2)

    await t.restart()
    const codes = (await t.call('affiliates.list', {})).rows.map((a) => a.code)
    expect(codes).toEqual(['ANN'])
    expect((await t.call('backups.status', {})).pendingRestore).toBeNull()
    const aside = readdirSync(t.dir).filter((f) => f.startsWith('affiliate-desk.sqlite.before-restore-'))
    expect(aside).toHaveLength(1)
    withReadOnly(join(t.dir, aside[0]!), (db) => {
      expect(db.all('SELECT code FROM affiliates ORDER BY code')).toEqual([{ code: 'ANN' }, { code: 'BOB' }])
    })
    const audit = await t.call('audit.list', { page: 0, pageSize: 5, entity: 'database' })
    expect(audit.rows[0]).toMatchObject({ action: 'backups.restore', after: { restoredFrom: backup.file } })
    // New work after the restore lands in the restored database.
    await t.call('affiliates.create', { name: 'Cy', email: 'cy@x.example', code: 'CY' })
    expect((await t.call('affiliates.list', {})).total).toBe(2)
  })

  it('restores into the running app: stops the listener and jobs, swaps the database, starts again on it', async () => {
    const p: Program = await startProgram({ jobs: 'manual' })
    cleanups.push(() => p.t.close())
    const first = await click(p.base, p.linkCode)
    expect(first.status).toBe(302)
    const backup = await p.t.core.backups.run()
    const later = await click(p.base, p.linkCode)
    await p.t.call('affiliates.create', { name: 'Late', email: 'late@x.example', code: 'LATE' })
    const oldBase = p.t.core.listenerUrl!

    // Calls keep arriving while the restore runs: each is answered, before the swap from the old
    // data or after it from the restored data, never with an error from a closed database.
    let done = false
    const restoring = p.t.call('backups.restore', { file: backup.file! }).finally(() => (done = true))
    const answers: Promise<string[]>[] = []
    while (!done) {
      answers.push(p.t.call('affiliates.list', {}).then((l) => l.rows.map((a) => a.code)))
      await new Promise((r) => setTimeout(r, 1))
    }
    const r = await restoring
    expect(r).toMatchObject({ restored: true, message: expect.stringMatching(/kept at/) })
    const seen = await Promise.all(answers)
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.at(-1)).not.toContain('LATE')
    expect((await p.t.call('affiliates.list', {})).rows.map((a) => a.code)).not.toContain('LATE')

    const clicks = await Promise.all(
      [first.clickId!, later.clickId!].map((id) => p.t.core.store.tracking.findClick(id)),
    )
    expect(clicks.map((c) => c !== null)).toEqual([true, false])
    // The listener is back (tests bind port 0, so at a new address) and records on the restored data.
    expect(p.t.core.listenerUrl).not.toBeNull()
    expect(p.t.core.listenerUrl).not.toBe(oldBase)
    const after = await click(p.t.core.listenerUrl!, p.linkCode)
    expect(after.status).toBe(302)
    expect(await p.t.core.store.tracking.findClick(after.clickId!)).not.toBeNull()
    // Jobs run again, on the new store.
    await p.t.core.jobs!.tick()
    expect((await p.t.call('backups.status', {})).lastRestore).toMatchObject({ ok: true })

    const aside = readdirSync(p.t.dir).find((f) => f.startsWith('affiliate-desk.sqlite.before-restore-'))!
    withReadOnly(join(p.t.dir, aside), (db) => {
      expect(db.value('SELECT count(*) FROM clicks WHERE click_id = ?', later.clickId)).toBe(1)
      expect(db.value("SELECT count(*) FROM affiliates WHERE code = 'LATE'")).toBe(1)
    })
  })

  it('refuses a backup written by a newer version, and a damaged one, before staging anything', async () => {
    const t = await core()
    const backup = await t.core.backups.run()
    const newer = join(t.dir, 'newer.sqlite')
    writeFileSync(newer, readFileSync(backup.file!))
    const db = new Database(newer)
    db.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)").run(T0 + 400 * DAY)
    db.close()

    const refused = await t.raw('backups.restore', { file: newer, when: 'next-start' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(JSON.stringify(refused)).toMatch(/newer version of Affiliate Desk/)

    const broken = join(t.dir, 'broken.sqlite')
    writeFileSync(broken, readFileSync(backup.file!))
    damage(broken)
    expect(await t.raw('backups.restore', { file: broken })).toMatchObject({ ok: false })
    // Refused before anything stopped: the running app still answers on its own data.
    expect(await t.call('backups.status', {})).toMatchObject({ lastRestore: null })
    expect((await t.call('backups.status', {})).pendingRestore).toBeNull()
    expect(existsSync(join(t.dir, 'restore-pending.sqlite'))).toBe(false)
  })

  it('exports the program to one file that imports on another machine, and refuses a damaged export', async () => {
    const a = await core()
    await a.call('affiliates.create', { name: 'Ann', email: 'ann@x.example', code: 'ANN' })
    const file = join(a.dir, 'program.affdesk')
    const exported = await a.call('backups.export', { file })
    expect(exported).toMatchObject({ file, sizeBytes: readFileSync(file).length })
    expect(await a.raw('backups.export', { file })).toMatchObject({ ok: false, error: { code: 'conflict' } })

    const b = await core()
    const tampered = join(b.dir, 'tampered.affdesk')
    const bytes = readFileSync(file)
    bytes[bytes.length - 100]! ^= 0xff
    writeFileSync(tampered, bytes)
    expect(JSON.stringify(await b.raw('backups.restore', { file: tampered }))).toMatch(/checksum/)
    const truncated = join(b.dir, 'truncated.affdesk')
    writeFileSync(truncated, readFileSync(file).subarray(0, -4096))
    expect(JSON.stringify(await b.raw('backups.restore', { file: truncated }))).toMatch(/incomplete/)

    await b.call('backups.restore', { file, when: 'next-start' })
    await b.restart()
    expect((await b.call('affiliates.list', {})).rows.map((x) => x.code)).toEqual(['ANN'])
  })
})

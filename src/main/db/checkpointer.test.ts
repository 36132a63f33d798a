import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startCheckpointer } from './checkpointer'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Commits `commits` small transactions back to back, yielding to the event loop between them as the listener does. */
async function sustainedWrites(restartFrames: number, commits: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'affdesk-ckpt-'))
  dirs.push(dir)
  const file = join(dir, 'wal.sqlite')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('wal_autocheckpoint = 0')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)')
  db.prepare('INSERT INTO t (id, v) VALUES (1, 0)').run()
  const bump = db.prepare('UPDATE t SET v = v + 1 WHERE id = 1')
  const checkpointer = await startCheckpointer(file, {
    writer: db,
    log: () => {},
    intervalMs: 5,
    busyIntervalMs: 1,
    restartFrames,
  })
  expect(checkpointer).not.toBeNull()
  // Every commit appends at least one 4 KB frame: without restarts the WAL holds them all.
  for (let i = 0; i < commits; i++) {
    bump.run()
    await new Promise((r) => setImmediate(r))
  }
  const walBytes = statSync(`${file}-wal`).size
  await checkpointer!.stop()
  expect((db.prepare('SELECT v FROM t').get() as { v: number }).v).toBe(commits)
  db.close()
  return walBytes
}

describe('WAL checkpointer', () => {
  it('keeps the WAL bounded under sustained writes by letting the writer restart it', async () => {
    const bounded = await sustainedWrites(64, 20_000)
    // The control: the same writes when the writer is never asked to finish a checkpoint.
    const unbounded = await sustainedWrites(Number.MAX_SAFE_INTEGER, 20_000)
    // Most of the 20,000 frames stay: the WAL may restart once early, when the worker's first pass
    // happens to catch a still-short WAL (a loaded machine showed 19,191 of 20,000).
    expect(unbounded).toBeGreaterThan(10_000 * 4096)
    expect(bounded).toBeLessThan(unbounded / 4)
  }, 30_000)
})

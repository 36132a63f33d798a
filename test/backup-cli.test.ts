// The real CLI, spawned as the owner would run it: backup beside a running app, restore refused
// while the app runs and done once it stopped (the current database kept aside), a newer file
// refused, and export + import moving a program to an empty data folder.
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { checkDatabaseFile } from '../src/main/db/backup-file'
import { startTestCore, tempDir, type TestCore } from './support/core'
import { withReadOnly } from './support/sql'

const CLI = fileURLToPath(new URL('../src/main/cli.ts', import.meta.url))
const RAW = new URL('./support/raw-import.mjs', import.meta.url).href

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', RAW, CLI, ...args],
      { env: { ...process.env, AFFILIATE_DESK_DATA_DIR: '' }, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const codes = (file: string) =>
  withReadOnly(file, (db) =>
    db.all<{ code: string }>('SELECT code FROM affiliates ORDER BY code').map((r) => r.code),
  )

describe('affiliate-desk backup / restore / export', () => {
  it('backs up a running app, restores only once it stopped, and keeps the replaced database', async () => {
    const out = tempDir()
    cleanups.push(out.cleanup)
    const t: TestCore = await startTestCore()
    cleanups.push(() => t.close())
    await t.call('affiliates.create', { name: 'Ann', email: 'ann@x.example', code: 'ANN' })

    const file = join(out.dir, 'monday.sqlite')
    const backup = await cli('backup', '--data-dir', t.dir, '--out', file)
    expect(backup).toMatchObject({ code: 0 })
    expect(backup.stdout).toMatch(/Backup written and verified/)
    expect(checkDatabaseFile(file).ok).toBe(true)
    expect(codes(file)).toEqual(['ANN'])
    expect(await cli('backup', '--data-dir', t.dir, '--out', file)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already exists/),
    })

    await t.call('affiliates.create', { name: 'Bob', email: 'bob@x.example', code: 'BOB' })
    const refused = await cli('restore', file, '--data-dir', t.dir)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/Affiliate Desk is running on .* Quit it first/)

    await t.core.close()
    const restored = await cli('restore', file, '--data-dir', t.dir)
    expect(restored).toMatchObject({ code: 0 })
    expect(restored.stdout).toMatch(/previous database is kept at/)
    expect(codes(t.core.dbFile)).toEqual(['ANN'])
    const aside = readdirSync(t.dir).find((f) => f.startsWith('affiliate-desk.sqlite.before-restore-'))!
    expect(codes(join(t.dir, aside))).toEqual(['ANN', 'BOB'])
    await t.restart()
    expect((await t.call('affiliates.list', {})).total).toBe(1)
  }, 120_000)

  it('refuses a file from a newer version and moves a program with export and import', async () => {
    const out = tempDir()
    cleanups.push(out.cleanup)
    const t = await startTestCore()
    cleanups.push(() => t.close())
    await t.call('affiliates.create', { name: 'Ann', email: 'ann@x.example', code: 'ANN' })
    await t.core.close()

    const exported = join(out.dir, 'program.affdesk')
    expect(await cli('export', '--data-dir', t.dir, '--out', exported)).toMatchObject({ code: 0 })
    const other = join(out.dir, 'new-machine')
    const imported = await cli('import', exported, '--data-dir', other)
    expect(imported).toMatchObject({ code: 0 })
    expect(imported.stdout).toMatch(/Export from Affiliate Desk \d+\.\d+/)
    expect(codes(join(other, 'affiliate-desk.sqlite'))).toEqual(['ANN'])

    const newer = join(out.dir, 'newer.sqlite')
    expect(await cli('backup', '--data-dir', t.dir, '--out', newer)).toMatchObject({ code: 0 })
    const db = new Database(newer)
    db.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)").run(Date.now() * 2)
    db.close()
    const before = readFileSync(t.core.dbFile)
    const refused = await cli('restore', newer, '--data-dir', t.dir)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/newer version of Affiliate Desk/)
    expect(readFileSync(t.core.dbFile).equals(before)).toBe(true)
  }, 120_000)
})

import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { MigrationError, openDatabase } from '../src/main/db/open'
import { MIGRATIONS, tempDir } from './support/core'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

function scratch() {
  const t = tempDir()
  cleanups.push(t.cleanup)
  return t.dir
}

/** A migrations folder with one extra, broken migration appended, as a bad upgrade would ship. */
function brokenMigrations(dir: string): string {
  const folder = join(dir, 'migrations')
  cpSync(MIGRATIONS, folder, { recursive: true })
  const journalFile = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; when: number; tag: string; breakpoints: boolean; version: string }[]
  }
  const last = journal.entries.at(-1)!
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_broken' })
  writeFileSync(journalFile, JSON.stringify(journal))
  writeFileSync(
    join(folder, '9999_broken.sql'),
    'CREATE TABLE half_done (id integer);\n--> statement-breakpoint\nALTER TABLE no_such_table ADD COLUMN x integer;',
  )
  return folder
}

describe('opening the database', () => {
  it('sets WAL, foreign keys and a busy timeout', () => {
    const dir = scratch()
    const open = openDatabase({ file: join(dir, 'a.sqlite'), migrationsFolder: MIGRATIONS })
    try {
      expect(open.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(open.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(open.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    } finally {
      open.sqlite.close()
    }
  })

  it('stops on a failed migration and leaves an existing database exactly as it was', () => {
    const dir = scratch()
    const file = join(dir, 'a.sqlite')
    const first = openDatabase({ file, migrationsFolder: MIGRATIONS })
    first.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '\"v\"', 1)").run()
    first.sqlite.close()
    const before = readFileSync(file)

    expect(() => openDatabase({ file, migrationsFolder: brokenMigrations(dir) })).toThrow(MigrationError)
    expect(() => openDatabase({ file, migrationsFolder: brokenMigrations(scratch()) })).toThrow(
      /could not be upgraded, so Affiliate Desk stopped and left it as it was/,
    )
    expect(readFileSync(file).equals(before)).toBe(true)
    const db = new Database(file, { readonly: true })
    try {
      expect(db.prepare("SELECT value FROM settings WHERE key='k'").get()).toEqual({ value: '"v"' })
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name='half_done'").get()).toBeUndefined()
    } finally {
      db.close()
    }
  })

  it('removes a brand-new database whose first migration failed', () => {
    const dir = scratch()
    const file = join(dir, 'new.sqlite')
    expect(() => openDatabase({ file, migrationsFolder: brokenMigrations(dir) })).toThrow(MigrationError)
    expect(() => readFileSync(file)).toThrow()
  })
})

// Opening the database is explicit (never a side effect of importing a module) and all-or-nothing:
// if a migration fails, the file is put back exactly as it was and the caller gets a MigrationError.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Durability } from '../../shared/domain'
import * as schema from './schema'

export type { Durability }

export interface OpenOptions {
  file: string
  migrationsFolder: string
  /**
   * normal: WAL + synchronous=NORMAL, survives a crash of the app (kill -9) but may lose the last
   * transactions on power loss. full: survives power loss too, at several times the cost per commit.
   */
  durability?: Durability
}

export type Drizzle = BetterSQLite3Database<typeof schema>

export interface OpenDatabase {
  sqlite: Database.Database
  db: Drizzle
  file: string
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly backupFile: string | null,
  ) {
    super(message)
    this.name = 'MigrationError'
  }
}

const SIDE_FILES = ['-wal', '-shm']

function countMigrations(folder: string): number {
  return readdirSync(folder).filter((f) => f.endsWith('.sql')).length
}

function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get()
  if (!table) return 0
  return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
}

export function applyPragmas(sqlite: Database.Database, durability: Durability): void {
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`)
}

export function openDatabase(opts: OpenOptions): OpenDatabase {
  if (!existsSync(opts.migrationsFolder)) {
    throw new MigrationError(`Migrations folder not found: ${opts.migrationsFolder}`, null)
  }
  mkdirSync(dirname(opts.file), { recursive: true })
  let sqlite = new Database(opts.file)
  try {
    applyPragmas(sqlite, opts.durability ?? 'normal')
    const pending = countMigrations(opts.migrationsFolder) - appliedMigrations(sqlite)
    if (pending > 0) sqlite = migrateWithBackup(sqlite, opts)
    const db = drizzle(sqlite, { schema })
    return { sqlite, db, file: opts.file }
  } catch (err) {
    if (sqlite.open) sqlite.close()
    throw err
  }
}

function migrateWithBackup(sqlite: Database.Database, opts: OpenOptions): Database.Database {
  const fresh =
    appliedMigrations(sqlite) === 0 && sqlite.prepare('SELECT 1 FROM sqlite_master').get() === undefined
  // Fold the WAL into the main file so one copy captures everything.
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const backup = `${opts.file}.pre-migration-${Date.now()}.bak`
  if (!fresh) copyFileSync(opts.file, backup)
  try {
    migrateWithoutForeignKeys(sqlite, opts.migrationsFolder)
    if (!fresh) rmSync(backup, { force: true })
    return sqlite
  } catch (err) {
    sqlite.close()
    if (fresh) {
      for (const suffix of ['', ...SIDE_FILES]) rmSync(opts.file + suffix, { force: true })
    } else {
      for (const suffix of SIDE_FILES) rmSync(opts.file + suffix, { force: true })
      renameSync(backup, opts.file)
    }
    const reason = err instanceof Error ? err.message : String(err)
    throw new MigrationError(
      `The database at ${opts.file} could not be upgraded, so Affiliate Desk stopped and left it as it was. ` +
        `Reason: ${reason}`,
      fresh ? null : opts.file,
    )
  }
}

// Changing a CHECK or a column means rebuilding the table (create new, copy, drop old, rename), and
// dropping a table that other tables reference fails while foreign keys are enforced. The
// "PRAGMA foreign_keys=OFF" lines drizzle-kit writes are no-ops inside the migrator's transaction,
// so enforcement is switched off around the whole run instead, and every reference is checked after.
function migrateWithoutForeignKeys(sqlite: Database.Database, migrationsFolder: string): void {
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(drizzle(sqlite, { schema }), { migrationsFolder })
    const broken = sqlite.pragma('foreign_key_check') as { table: string }[]
    if (broken.length) {
      const tables = [...new Set(broken.map((b) => b.table))].join(', ')
      throw new Error(
        `the upgrade left ${broken.length} row(s) in ${tables} pointing at rows that do not exist`,
      )
    }
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}

export function defaultDbFile(dataDir: string): string {
  return join(dataDir, 'affiliate-desk.sqlite')
}

// Putting a backup in place of the program's database, on a database no process has open (the CLI
// on a stopped app, or the core at start before it opens the file). Nothing is deleted: the current
// database is renamed aside with a timestamp, and if the restored one cannot be opened and upgraded
// the current one is put back.
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { appSchemaVersion, checkDatabaseFile, makeSelfContained, type SchemaVersion } from './backup-file'
import { MigrationError, openDatabase } from './open'

const SIDE_FILES = ['-wal', '-shm', '-journal']

export class RestoreError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message)
    this.name = 'RestoreError'
  }
}

export interface RestoreResult {
  /** Where the database that was replaced now lives; null if there was none. */
  keptAside: string | null
  /** The schema the restored file had, before it was upgraded to the app's. */
  restoredSchema: SchemaVersion
  appSchema: SchemaVersion
}

const stamp = (at: number) => new Date(at).toISOString().replace(/[:.]/g, '-')

/** Folds the WAL into the main file, so renaming the main file alone moves every committed change. */
function foldWal(file: string): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

function moveWithSideFiles(from: string, to: string): void {
  renameSync(from, to)
  for (const s of SIDE_FILES) if (existsSync(from + s)) renameSync(from + s, to + s)
}

/**
 * Replaces `dbFile` with a copy of `source` (a plain SQLite backup). The copy is verified where it
 * will live, the current database is kept aside as `<file>.before-restore-<time>`, and the restored
 * one is upgraded with the usual migrate-with-backup. `source` is never modified.
 */
export function restoreDatabase(opts: {
  dbFile: string
  source: string
  migrationsFolder: string
  now: number
}): RestoreResult {
  const { dbFile, migrationsFolder } = opts
  const app = appSchemaVersion(migrationsFolder)
  // Copied next to the database so the final rename is atomic and the source is never touched.
  const incoming = join(dirname(dbFile), `.${basename(dbFile)}.restoring-${stamp(opts.now)}`)
  copyFileSync(opts.source, incoming)
  let restoredSchema: SchemaVersion
  try {
    for (const s of SIDE_FILES) rmSync(incoming + s, { force: true })
    makeSelfContained(incoming)
    const check = checkDatabaseFile(incoming, app)
    if (!check.ok || !check.schema) {
      throw new RestoreError(`The backup was not restored: ${check.problems.join(' ')}`, check.problems)
    }
    restoredSchema = check.schema
  } catch (err) {
    rmSync(incoming, { force: true })
    throw err
  }

  let keptAside: string | null = null
  if (existsSync(dbFile)) {
    try {
      foldWal(dbFile)
    } catch {
      // A damaged database (often the reason to restore) may not open: its WAL moves aside with it.
    }
    keptAside = `${dbFile}.before-restore-${stamp(opts.now)}`
    moveWithSideFiles(dbFile, keptAside)
  }
  renameSync(incoming, dbFile)
  try {
    openDatabase({ file: dbFile, migrationsFolder }).sqlite.close()
  } catch (err) {
    for (const s of ['', ...SIDE_FILES]) rmSync(dbFile + s, { force: true })
    if (keptAside) moveWithSideFiles(keptAside, dbFile)
    const reason = err instanceof MigrationError || err instanceof Error ? err.message : String(err)
    throw new RestoreError(
      `The backup could not be upgraded to this version, so the current database was put back. ${reason}`,
    )
  }
  return { keptAside, restoredSchema, appSchema: app }
}

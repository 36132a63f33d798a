// What a backup file is worth, asked of SQLite itself: a copy is only trusted after SQLite has read
// every page of it (integrity_check), found every reference intact (foreign_key_check) and told which
// migrations built it. These work on files that no running app has open (backups, restores), never
// on the live database.
import { closeSync, existsSync, openSync, readSync } from 'node:fs'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { readMigrationFiles } from 'drizzle-orm/migrator'

/** Which migrations built a database: how many, and the journal time of the newest. */
export interface SchemaVersion {
  migrations: number
  /** drizzle's created_at of the newest applied migration (its journal `when`), 0 for none. */
  lastMigrationAt: number
}

export interface FileCheck {
  ok: boolean
  /** Why it is not ok, in words an owner can act on; empty when ok. */
  problems: string[]
  schema: SchemaVersion | null
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

export function looksLikeSqlite(file: string): boolean {
  if (!existsSync(file)) return false
  const head = Buffer.alloc(16)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, 16, 0)
  } finally {
    closeSync(fd)
  }
  return head.equals(SQLITE_MAGIC)
}

export function appSchemaVersion(migrationsFolder: string): SchemaVersion {
  const files = readMigrationFiles({ migrationsFolder })
  return { migrations: files.length, lastMigrationAt: files.at(-1)?.folderMillis ?? 0 }
}

/** Newer than the app: built by migrations this app does not have, so it cannot read it safely. */
export function isNewerSchema(file: SchemaVersion, app: SchemaVersion): boolean {
  return file.migrations > app.migrations || file.lastMigrationAt > app.lastMigrationAt
}

/**
 * A backup written by the online backup API carries the live database's WAL flag. Switching the copy
 * to a rollback journal makes it one self-contained file that opens read-only anywhere (a WAL file
 * needs its -shm beside it). Safe: nobody else has the copy open.
 */
export function makeSelfContained(file: string): void {
  const db = new Database(file)
  try {
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

/** What SQLite said about a file, before it is put in words. */
interface Inspection {
  integrity: string[]
  brokenTables: string[]
  schema: { n: number; at: number }
}

const SCHEMA_SQL =
  'SELECT count(*) AS n, coalesce(max(CAST(created_at AS INTEGER)), 0) AS at FROM __drizzle_migrations'
const HAS_MIGRATIONS_SQL =
  "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'"

function inspect(file: string): Inspection {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return {
      integrity: (db.pragma('integrity_check') as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      ),
      brokenTables: (db.pragma('foreign_key_check') as { table: string }[]).map((r) => r.table),
      schema: db.prepare(HAS_MIGRATIONS_SQL).get()
        ? (db.prepare(SCHEMA_SQL).get() as { n: number; at: number })
        : { n: 0, at: 0 },
    }
  } finally {
    db.close()
  }
}

function verdict(found: Inspection, app?: SchemaVersion): FileCheck {
  const problems: string[] = []
  if (found.integrity.length !== 1 || found.integrity[0] !== 'ok') {
    problems.push(`SQLite found damage in the file: ${found.integrity.slice(0, 3).join('; ')}`)
  }
  if (found.brokenTables.length) {
    const tables = [...new Set(found.brokenTables)].join(', ')
    problems.push(`${found.brokenTables.length} row(s) in ${tables} point at rows that do not exist.`)
  }
  const schema = { migrations: found.schema.n, lastMigrationAt: found.schema.at }
  if (schema.migrations === 0) problems.push('The file holds no Affiliate Desk data (no schema version).')
  if (app && isNewerSchema(schema, app)) {
    problems.push(
      `The file was written by a newer version of Affiliate Desk (schema ${schema.migrations}, this app knows ${app.migrations}). Update the app first.`,
    )
  }
  return { ok: problems.length === 0, problems, schema }
}

const unreadable = (err: unknown): FileCheck => ({
  ok: false,
  problems: [`SQLite could not read the file: ${err instanceof Error ? err.message : String(err)}`],
  schema: null,
})

const notSqlite: FileCheck = {
  ok: false,
  problems: ['This is not an Affiliate Desk database or backup file.'],
  schema: null,
}

/** Opens the file read-only and asks SQLite whether every page and every reference is sound. */
export function checkDatabaseFile(file: string, app?: SchemaVersion): FileCheck {
  if (!looksLikeSqlite(file)) return notSqlite
  try {
    return verdict(inspect(file), app)
  } catch (err) {
    return unreadable(err)
  }
}

// integrity_check reads every page: seconds for a large database. In the running app it runs on a
// worker thread with its own connection, so the listener keeps answering while a backup is verified.
const CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.modulePath)
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  try {
    const integrity = db.pragma('integrity_check').map((r) => r.integrity_check)
    const brokenTables = db.pragma('foreign_key_check').map((r) => r.table)
    const schema = db.prepare(workerData.hasMigrationsSql).get()
      ? db.prepare(workerData.schemaSql).get()
      : { n: 0, at: 0 }
    parentPort.postMessage({ found: { integrity, brokenTables, schema } })
  } finally {
    db.close()
  }
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) })
}
`

/** checkDatabaseFile on a worker thread; falls back to this thread if no worker can start. */
export async function checkDatabaseFileOffThread(file: string, app?: SchemaVersion): Promise<FileCheck> {
  if (!looksLikeSqlite(file)) return notSqlite
  let worker: Worker
  try {
    worker = new Worker(CHECK_WORKER, {
      eval: true,
      workerData: {
        file,
        modulePath: createRequire(import.meta.url).resolve('better-sqlite3'),
        schemaSql: SCHEMA_SQL,
        hasMigrationsSql: HAS_MIGRATIONS_SQL,
      },
    })
  } catch {
    return checkDatabaseFile(file, app)
  }
  try {
    const [msg] = (await once(worker, 'message')) as [{ found?: Inspection; error?: string }]
    return msg.found ? verdict(msg.found, app) : unreadable(new Error(msg.error))
  } catch (err) {
    return unreadable(err)
  } finally {
    await worker.terminate()
  }
}

/**
 * A consistent copy of a database that another process may be writing (the CLI beside a running
 * app): one backup step holds a read transaction for the whole copy, so in WAL mode the app keeps
 * writing and the copy is the snapshot the step began with.
 */
export async function copyDatabaseFile(source: string, dest: string): Promise<void> {
  // Read-write, though it only reads: a read-only connection cannot recover a WAL left by a crash.
  const db = new Database(source, { fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  try {
    await db.backup(dest, { progress: () => 0x7fffffff })
  } finally {
    db.close()
  }
}

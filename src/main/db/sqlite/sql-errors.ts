import Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors'

/**
 * Turn SQLite's unique-constraint failure into a conflict the user can act on, naming the field so a
 * form can mark it; rethrow anything else.
 */
export function rethrowUnique(err: unknown, message: string, field?: string): never {
  if (
    err instanceof Database.SqliteError &&
    (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  ) {
    throw new AppError('conflict', message, field ? [{ path: field, message }] : [])
  }
  throw err
}

// SQLite's codes for "the storage said no": a full disk (or quota), a read-only file or folder, an
// I/O error. Primary codes only; extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED...)
// start with them.
const STORAGE_CODES = ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN']

/**
 * A write the storage refused, as an error the owner can act on; null for anything else. SQLite
 * rolls the transaction back, so nothing was half-saved and the same call can simply be retried.
 */
export function storageFailure(err: unknown): AppError | null {
  if (!(err instanceof Database.SqliteError)) return null
  if (!STORAGE_CODES.some((c) => err.code === c || err.code.startsWith(`${c}_`))) return null
  return new AppError(
    'unavailable',
    'Affiliate Desk cannot write to its data folder: the disk is full or the folder is read-only. ' +
      "Nothing was saved. Free some space (or fix the folder's permissions) and try again.",
  )
}

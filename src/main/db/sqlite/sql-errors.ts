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

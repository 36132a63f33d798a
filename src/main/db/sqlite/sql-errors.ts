import { AppError } from '../../../shared/errors'

/**
 * Turn SQLite's unique-constraint failure into a conflict the user can act on, naming the field so a
 * form can mark it; rethrow anything else.
 */
export function rethrowUnique(err: unknown, message: string, field?: string): never {
  const code = (err as { code?: string } | null)?.code
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw new AppError('conflict', message, field ? [{ path: field, message }] : [])
  }
  throw err
}

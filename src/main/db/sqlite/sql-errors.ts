import { conflict } from '../../../shared/errors'

/** Turn SQLite's unique-constraint failure into a conflict the user can act on; rethrow anything else. */
export function rethrowUnique(err: unknown, message: string): never {
  const code = (err as { code?: string } | null)?.code
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw conflict(message)
  throw err
}

// Rows from better-sqlite3 statements come back as `unknown`: these name the row type once per
// query instead of a cast at each call site. Nothing checks the type at run time (the SQL's column
// aliases are the contract), and nothing is done per row: the driver's objects come back as they are.
import type { Statement } from 'better-sqlite3'

/** The first row, or undefined when the query returns none. */
export function get<T>(stmt: Statement<unknown[], unknown>, ...params: unknown[]): T | undefined {
  return stmt.get(...params) as T | undefined
}

/** Every row. */
export function all<T>(stmt: Statement<unknown[], unknown>, ...params: unknown[]): T[] {
  return stmt.all(...params) as T[]
}

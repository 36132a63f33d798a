import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { rethrowUnique } from './sql-errors'

let db: Database.Database
beforeEach(() => {
  db = new Database(':memory:')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE)')
  db.prepare('INSERT INTO t (id, code) VALUES (1, ?)').run('A')
})
afterEach(() => db.close())

function thrownBy(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}
const failing = (sql: string) => thrownBy(() => db.prepare(sql).run())

it('turns a unique or primary-key violation into a conflict naming the field', () => {
  for (const err of [
    failing("INSERT INTO t (id, code) VALUES (2, 'A')"),
    failing("INSERT INTO t (id, code) VALUES (1, 'B')"),
  ]) {
    expect(thrownBy(() => rethrowUnique(err, 'taken', 'code'))).toMatchObject({
      name: 'AppError',
      code: 'conflict',
      issues: [{ path: 'code', message: 'taken' }],
    })
  }
})

it('rethrows other failures unchanged, including look-alikes that are not SQLite errors', () => {
  const notNull = failing('INSERT INTO t (id, code) VALUES (3, NULL)')
  for (const err of [notNull, { code: 'SQLITE_CONSTRAINT_UNIQUE' }, new Error('other')]) {
    expect(thrownBy(() => rethrowUnique(err, 'taken'))).toBe(err)
  }
})

// Assertions read the real SQLite file through their own connection, opened read-only so a test can
// look at what the store wrote but never change it behind the store's back.
import Database from 'better-sqlite3'

export interface ReadOnlyDb {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[]
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined
  /** The first column of the first row: a count, a sum, one id. */
  value<T = number>(sql: string, ...params: unknown[]): T
  close(): void
}

export function openReadOnly(dbFile: string): ReadOnlyDb {
  const db = new Database(dbFile, { readonly: true })
  return {
    all: (sql, ...params) => db.prepare(sql).all(...params) as never,
    get: (sql, ...params) => db.prepare(sql).get(...params) as never,
    value(sql, ...params) {
      const row = db
        .prepare(sql)
        .raw()
        .get(...params) as unknown[] | undefined
      // An empty result is a failed expectation, not a value to compare against.
      if (!row) throw new Error(`no row for: ${sql}`)
      return row[0] as never
    },
    close: () => db.close(),
  }
}

/** Several reads on one connection, closed whatever happens. */
export function withReadOnly<R>(dbFile: string, read: (db: ReadOnlyDb) => R): R {
  const db = openReadOnly(dbFile)
  try {
    return read(db)
  } finally {
    db.close()
  }
}

export const sqlRows = <T = Record<string, unknown>>(
  dbFile: string,
  sql: string,
  ...params: unknown[]
): T[] => withReadOnly(dbFile, (db) => db.all<T>(sql, ...params))

export const sqlValue = <T = number>(dbFile: string, sql: string, ...params: unknown[]): T =>
  withReadOnly(dbFile, (db) => db.value<T>(sql, ...params))

/**
 * payable_balances beside what it must equal, the ledger's approved lines no payout run holds
 * grouped by affiliate and currency (written out here, not taken from the store), both sorted and
 * without all-zero rows; only the given affiliates when there are some.
 */
export function balancesBesideLedger(
  dbFile: string,
  affiliateIds?: readonly number[],
): { balances: unknown[]; ledger: unknown[] } {
  const only = (from: string) =>
    `SELECT affiliate_id AS affiliate, currency, net, lines FROM (${from})
      WHERE (lines <> 0 OR net <> 0)${affiliateIds ? ' AND affiliate_id IN (SELECT value FROM json_each(?))' : ''}
      ORDER BY 1, 2`
  const params = affiliateIds ? [JSON.stringify(affiliateIds)] : []
  return withReadOnly(dbFile, (db) => ({
    balances: db.all(
      only(`SELECT affiliate_id, currency, net_minor AS net, lines FROM payable_balances`),
      ...params,
    ),
    ledger: db.all(
      only(`SELECT m.affiliate_id, m.currency, sum(m.amount_minor) AS net, count(*) AS lines
              FROM commissions m WHERE m.status = 'approved'
               AND NOT EXISTS (SELECT 1 FROM payout_locks k WHERE k.commission_id = m.id)
             GROUP BY 1, 2`),
      ...params,
    ),
  }))
}

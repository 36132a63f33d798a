import { afterEach, describe, expect, it } from 'vitest'
import { seedDemo } from '../src/main/demo/seed'
import { startTestCore, type TestCore } from './support/core'
import { openReadOnly } from './support/sql'

let t: TestCore
afterEach(async () => {
  await t.close()
})

describe('demo program', () => {
  it('creates a believable program through the contract and the live ingest path', async () => {
    t = await startTestCore()
    const result = await seedDemo(t.core, { affiliates: 120 })
    expect(result.created).toBe(true)
    const db = openReadOnly(t.core.dbFile)
    const one = <T>(sql: string) => db.get<T>(sql)!
    try {
      expect(one<{ n: number }>('SELECT count(*) AS n FROM affiliates').n).toBe(120)
      expect(one<{ n: number }>('SELECT max(depth) AS n FROM affiliate_hierarchy').n).toBeGreaterThanOrEqual(
        3,
      )
      expect(
        one<{ n: number }>("SELECT count(DISTINCT json_extract(plan, '$.type')) AS n FROM campaigns").n,
      ).toBe(5)
      const clicks = one<{ n: number; flagged: number; span: number }>(
        'SELECT count(*) AS n, sum(flagged) AS flagged, (max(created_at) - min(created_at)) / 86400000 AS span FROM clicks',
      )
      expect(clicks.n).toBeGreaterThan(1000)
      expect(clicks.flagged).toBeGreaterThan(0)
      expect(clicks.span).toBeGreaterThan(60)
      const conv = one<{ n: number; flagged: number; approved: number; refunded: number }>(
        `SELECT count(*) AS n, sum(flags != '[]') AS flagged, sum(status = 'approved') AS approved,
                sum(status = 'refunded') AS refunded FROM conversions`,
      )
      expect(conv.n).toBeGreaterThan(50)
      expect(conv.flagged).toBeGreaterThan(0)
      expect(conv.approved).toBeGreaterThan(0)
      // Every refunded conversion's ledger nets to zero; the rollups agree with the ledger.
      const net = db.all(
        `SELECT v.id, sum(c.amount_minor) AS s FROM conversions v JOIN commissions c ON c.conversion_id = v.id
          WHERE v.status IN ('refunded', 'rejected') GROUP BY v.id HAVING s != 0`,
      )
      expect(net).toEqual([])
      const ledger = one<{ s: number }>('SELECT sum(amount_minor) AS s FROM commissions').s
      const rollup = one<{ s: number }>('SELECT sum(commission_minor) AS s FROM daily_stats').s
      expect(rollup).toBe(ledger)
    } finally {
      db.close()
    }
    expect((await seedDemo(t.core)).created).toBe(false)
  }, 60_000)
})

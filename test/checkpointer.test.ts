import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from './support/core'
import { sqlValue } from './support/sql'

let t: TestCore
afterEach(async () => {
  await t.close()
})

/** What the main database file holds on its own, without the WAL: only checkpointed pages. */
function mainFileOnly(dbFile: string, dir: string): number {
  const copy = join(dir, 'main-only.sqlite')
  copyFileSync(dbFile, copy)
  return sqlValue(copy, 'SELECT count(*) AS n FROM affiliates')
}

describe('WAL checkpoints', () => {
  it('are done by the background worker, not by commits on the main thread', async () => {
    t = await startTestCore()
    for (let i = 0; i < 20; i++)
      await t.call('affiliates.create', { name: `A${i}`, email: `a${i}@x.example` })
    // Twenty rows are far below SQLite's automatic threshold (1000 pages), and the app's own
    // connection has automatic checkpoints off: the rows reach the main file only through the worker.
    await expect.poll(() => mainFileOnly(t.core.dbFile, t.dir), { timeout: 5000, interval: 250 }).toBe(20)
  })
})

// Two app instances (two processes, each with its own core and connection) commit and cancel payout
// runs over the same lines of one database file at the same time. No line may ever be locked twice,
// and every cent must still add up: in exactly one live item, or payable.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'
import { startTestCore, type TestCore } from './support/core'
import { payoutProgram } from './support/payouts'
import { openReadOnly } from './support/sql'

interface RacerResult {
  committed: number[]
  cancelled: number[]
  refused: number
  errors: string[]
  reasons: string[]
}

let t: TestCore | null = null
let leftover: string | null = null
afterEach(async () => {
  await t?.close()
  if (leftover) rmSync(leftover, { recursive: true, force: true })
})

async function racer(dataDir: string, startAt: number, seed: number, ids: number[]): Promise<RacerResult> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      new URL('./support/raw-import.mjs', import.meta.url).href,
      fileURLToPath(new URL('./support/payout-racer.ts', import.meta.url)),
      dataDir,
      String(startAt),
      String(seed),
      JSON.stringify(ids),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let text = ''
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const [code] = (await once(child, 'exit')) as [number]
  if (code !== 0) throw new Error(`racer ${seed} exited with ${code}`)
  return JSON.parse(text.trim().split('\n').at(-1)!) as RacerResult
}

it('two processes racing to commit runs never lock a line twice, and the totals add up', async () => {
  t = await startTestCore({ jobs: 'manual' })
  const codes = Array.from({ length: 30 }, (_, i) => `R${i}`)
  const p = await payoutProgram(t, codes)
  let order = 0
  for (const code of codes) for (let n = 0; n < 4; n++) await p.sale(code, `O${order++}`, 10_000 + n * 1_000)
  const dataDir = (leftover = t.dir)
  const dbFile = t.core.dbFile
  await t.core.close()
  t = null

  // Both start at the same instant, after both have opened their core (a loaded machine is slow).
  const startAt = Date.now() + 4_000
  const ids = codes.map((c) => p.ids[c]!)
  const [a, b] = await Promise.all([racer(dataDir, startAt, 1, ids), racer(dataDir, startAt, 2, ids)])
  expect([...a.errors, ...b.errors]).toEqual([])
  // Who wins each round is up to the scheduler; what matters is that they fought and nothing broke.
  expect(a.committed.length + b.committed.length, 'runs committed').toBeGreaterThan(1)
  expect(a.refused + b.refused, 'commits refused because the other held the lines').toBeGreaterThan(0)
  for (const reason of [...a.reasons, ...b.reasons])
    expect(reason).toMatch(/^Nothing to pay|^Another payout run is being written/)
  // Every run got a distinct id: two processes never shared one.
  expect(new Set([...a.committed, ...b.committed]).size).toBe(a.committed.length + b.committed.length)

  const db = openReadOnly(dbFile)
  try {
    expect(
      db.all(
        `SELECT i.id, i.amount_minor AS amount, (SELECT sum(m.amount_minor) FROM payout_locks k JOIN commissions m ON m.id = k.commission_id
                     WHERE k.payout_run_id = i.run_id AND m.affiliate_id = i.affiliate_id AND m.currency = i.currency) AS held
           FROM payout_items i WHERE i.status IN ('pending', 'processing', 'paid') AND held IS NOT i.amount_minor`,
      ),
      'each live item holds exactly its own lines (a line paid twice would leave one short)',
    ).toEqual([])
    expect(
      db.all(`SELECT m.id, m.status FROM payout_locks k JOIN commissions m ON m.id = k.commission_id
               LEFT JOIN payout_items i
                      ON i.run_id = k.payout_run_id AND i.affiliate_id = m.affiliate_id AND i.currency = m.currency
               WHERE m.status <> 'approved' OR i.id IS NULL OR i.status NOT IN ('pending', 'processing', 'paid')`),
      'only approved lines are locked, and only by live items',
    ).toEqual([])
    const earned = db.value('SELECT sum(amount_minor) FROM commissions')
    const inItems = db.value(
      "SELECT coalesce(sum(amount_minor), 0) FROM payout_items WHERE status <> 'cancelled'",
    )
    const payable = db.value(
      "SELECT coalesce(sum(amount_minor), 0) FROM commissions WHERE status = 'approved' AND id NOT IN (SELECT commission_id FROM payout_locks)",
    )
    expect(inItems + payable, 'every cent in one live item or payable').toBe(earned)
    expect(db.value("SELECT count(*) FROM payout_runs WHERE status = 'cancelled'"), 'cancelled runs').toBe(
      a.cancelled.length + b.cancelled.length,
    )
  } finally {
    db.close()
  }
}, 180_000)

// The store's fileItems reads a run's items in pages of JSON text (db/sqlite/payouts.ts). On a
// real SQLite file, a run grown past several pages by raw SQL must come back whole: every item
// still to pay exactly once, in id order, filtered by method, with the recipient read as written
// (an unreadable one gives no email and no bank), and nothing of another run or already settled.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from './support/core'
import { T0 } from './support/intent'
import { payoutProgram } from './support/payouts'

const DAY = 86_400_000
let t: TestCore
afterEach(async () => {
  await t?.close()
})

interface Expected {
  itemId: number
  method: string
  email: string | null
  bank: unknown
}

describe('fileItems', () => {
  it('returns every item still to pay once, in id order, across many pages', async () => {
    let clock = T0
    t = await startTestCore({ now: () => clock, jobs: 'manual' })
    const p = await payoutProgram(t, ['ANN', 'BEN'])
    await p.sale('ANN', 'O1', 100_00)
    await p.sale('BEN', 'O2', 250_00)
    clock += DAY
    const run = (await t.call('payouts.commit', { cutoff: clock, affiliateIds: [p.ids.ANN!] })).run.id
    const other = (await t.call('payouts.commit', { cutoff: clock, affiliateIds: [p.ids.BEN!] })).run.id

    const db = new Database(t.core.dbFile)
    db.pragma('busy_timeout = 5000')
    const insert = db.prepare(
      `INSERT INTO payout_items (run_id, affiliate_id, currency, method, amount_minor, line_count, status, recipient, updated_at)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?, 0)`,
    )
    const bank = { accountHolder: 'Bea "Q", Ltd', receiverType: 'PERSON', iban: 'DE89370400440532013000' }
    const statuses = ['pending', 'pending', 'processing', 'paid', 'failed'] as const
    db.transaction(() => {
      for (let i = 0; i < 12_000; i++) {
        const method = i % 3 === 0 ? 'bank' : i % 3 === 1 ? 'paypal' : 'wise'
        const recipient =
          i % 997 === 0
            ? 'not json {'
            : JSON.stringify({ email: `p${i}@x.example`, bank: method === 'bank' ? bank : null })
        // Every 50th item belongs to another run, interleaving ids between the two runs.
        const runId = i % 50 === 0 ? other : run
        // A currency of its own per item: a run has one item per affiliate and currency.
        insert.run(runId, p.ids.ANN!, `E${i}`, method, 100 + i, statuses[i % 5], recipient)
      }
    })()
    // What the pages must add up to, read the plain way.
    const expected = (
      db
        .prepare(
          `SELECT id AS itemId, method, recipient FROM payout_items
          WHERE run_id = ? AND status IN ('pending', 'processing') ORDER BY id`,
        )
        .all(run) as { itemId: number; method: string; recipient: string }[]
    ).map((r): Expected => {
      let rec: { email?: string; bank?: unknown } = {}
      try {
        rec = JSON.parse(r.recipient) as typeof rec
      } catch {
        // unreadable: no email, no bank
      }
      return { itemId: r.itemId, method: r.method, email: rec.email ?? null, bank: rec.bank ?? null }
    })
    db.close()
    expect(expected.length).toBeGreaterThan(3 * 2048)

    const pick = (items: Expected[]) =>
      items.map(({ itemId, method, email, bank }) => ({ itemId, method, email, bank }))
    const all = await t.core.store.payouts.fileItems(run)
    expect(pick(all.items)).toEqual(expected)
    expect(all.items.every((i) => i.runId === run && i.affiliateCode.length > 0)).toBe(true)
    expect(all.items.find((i) => i.bank)?.bank).toEqual(bank)

    const wise = await t.core.store.payouts.fileItems(run, ['wise', 'bank'])
    expect(pick(wise.items)).toEqual(expected.filter((i) => i.method === 'wise' || i.method === 'bank'))
  })
})

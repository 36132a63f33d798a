// Group-commit batches run without per-intent savepoints first; when one intent throws, the batch
// is rolled back and replayed with a savepoint per intent. Its neighbours must still be written
// exactly once, and the bad one must leave nothing behind.
import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { ConversionIntent } from '../src/main/commissions/ports'
import { startTestCore, type TestCore } from './support/core'
import { intent as buildIntent } from './support/intent'

const T0 = Date.UTC(2026, 10, 20, 12)
let t: TestCore
let base: Omit<ConversionIntent, 'orderId' | 'amountMinor'>

beforeEach(async () => {
  t = await startTestCore({ now: () => T0 })
  const adv = await t.call('advertisers.create', { name: 'Acme' })
  const campaign = await t.call('campaigns.create', {
    advertiserId: adv.id,
    name: 'Two-tier',
    destinationUrl: 'https://shop.example/',
    plan: { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] },
  })
  const parent = await t.call('affiliates.create', { name: 'P', email: 'p@x.example', code: 'PP' })
  const child = await t.call('affiliates.create', {
    name: 'C',
    email: 'c@x.example',
    code: 'CC',
    parentId: parent.id,
  })
  for (const id of [parent.id, child.id]) await t.call('affiliates.setStatus', { id, status: 'approved' })
  base = buildIntent({
    advertiserId: adv.id,
    click: { clickId: 'CLK', affiliateId: child.id, campaignId: campaign.id, linkId: null, createdAt: T0 },
  })
})
afterEach(async () => {
  await t.close()
})

it('keeps the good intents of a batch when one of them throws, and leaves nothing of the bad one', async () => {
  const results = await Promise.all([
    t.core.store.conversions.ingest({ ...base, orderId: 'GOOD-1', amountMinor: 10_000 }),
    // The engine refuses a negative amount after the conversion row was inserted.
    t.core.store.conversions.ingest({ ...base, orderId: 'BAD', amountMinor: -5 }),
    t.core.store.conversions.ingest({ ...base, orderId: 'GOOD-2', amountMinor: 20_000 }),
    t.core.store.conversions.ingest({ ...base, orderId: 'GOOD-1', amountMinor: 10_000 }),
  ])
  expect(results.map((r) => (r.ok ? [r.duplicate, r.ledgerRows] : r.code))).toEqual([
    [false, 2],
    'invalid_input',
    [false, 2],
    [true, 0],
  ])
  const db = new Database(t.core.dbFile, { readonly: true })
  try {
    expect(db.prepare('SELECT order_id FROM conversions ORDER BY id').pluck().all()).toEqual([
      'GOOD-1',
      'GOOD-2',
    ])
    expect(db.prepare('SELECT sum(amount_minor) FROM commissions').pluck().get()).toBe(
      1000 + 500 + 2000 + 1000,
    )
    expect(
      db
        .prepare('SELECT sum(conversions), sum(revenue_minor), sum(commission_minor) FROM daily_stats')
        .raw()
        .get(),
    ).toEqual([2, 30_000, 4500])
  } finally {
    db.close()
  }
})

import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConversionIntent } from '../src/main/commissions/ports'
import { newClickId } from '../src/main/tracking/click-id'
import { clickRecord, startTestCore, type TestCore } from './support/core'
import { intent as buildIntent } from './support/intent'

let t: TestCore
let ids: { adv: number; campaign: number; chain: number[]; link: number; click: string }
const T0 = Date.UTC(2026, 10, 20, 12)

beforeEach(async () => {
  t = await startTestCore({ now: () => T0 })
  const adv = await t.call('advertisers.create', { name: 'Acme' })
  const campaign = await t.call('campaigns.create', {
    advertiserId: adv.id,
    name: 'MLM',
    destinationUrl: 'https://shop.example/',
    holdDays: 30,
    plan: { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }, { rateBps: 200 }] },
  })
  const chain: number[] = []
  for (let i = 0; i < 3; i++) {
    const a = await t.call('affiliates.create', {
      name: `L${i}`,
      email: `l${i}@x.example`,
      code: `L${i}`,
      parentId: chain.at(-1) ?? null,
    })
    await t.call('affiliates.setStatus', { id: a.id, status: 'approved' })
    chain.push(a.id)
  }
  const link = await t.call('links.create', {
    affiliateId: chain[2]!,
    campaignId: campaign.id,
    code: 'LINK1',
  })
  const click = await t.core.store.tracking.recordClick(
    clickRecord({
      clickId: newClickId(),
      linkId: link.id,
      affiliateId: chain[2]!,
      campaignId: campaign.id,
      createdAt: T0,
    }),
  )
  ids = { adv: adv.id, campaign: campaign.id, chain, link: link.id, click }
})
afterEach(async () => {
  await t.close()
})

function intent(over: Partial<ConversionIntent> = {}): ConversionIntent {
  return buildIntent({
    advertiserId: ids.adv,
    click: {
      clickId: ids.click,
      affiliateId: ids.chain[2]!,
      campaignId: ids.campaign,
      linkId: ids.link,
      createdAt: T0,
    },
    receivedAt: T0 + 1000,
    ...over,
  })
}

function ledger(): {
  affiliate_id: number
  kind: string
  status: string
  amount_minor: number
  level: number
}[] {
  const db = new Database(t.core.dbFile, { readonly: true })
  try {
    return db
      .prepare('SELECT affiliate_id, kind, status, amount_minor, level FROM commissions ORDER BY id')
      .all() as never
  } finally {
    db.close()
  }
}

describe('conversion ingest (store + commission rules, one transaction)', () => {
  it('writes the conversion and one line per paid level', async () => {
    const r = await t.core.store.conversions.ingest(intent())
    expect(r).toMatchObject({ ok: true, duplicate: false, status: 'pending', ledgerRows: 3 })
    const [a0, a1, a2] = ids.chain
    expect(ledger()).toEqual([
      { affiliate_id: a2, kind: 'earning', status: 'pending', amount_minor: 1000, level: 1 },
      { affiliate_id: a1, kind: 'earning', status: 'pending', amount_minor: 500, level: 2 },
      { affiliate_id: a0, kind: 'earning', status: 'pending', amount_minor: 200, level: 3 },
    ])
  })

  it('treats the same advertiser + order + event as a duplicate that creates nothing', async () => {
    const first = await t.core.store.conversions.ingest(intent())
    const again = await Promise.all([
      t.core.store.conversions.ingest(intent()),
      t.core.store.conversions.ingest(intent()),
    ])
    for (const r of again) expect(r).toMatchObject({ ok: true, duplicate: true, ledgerRows: 0 })
    expect(first.ok && again[0].ok && again[0].conversionId === first.conversionId).toBe(true)
    expect(ledger()).toHaveLength(3)
  })

  it('approves, then a refund before payment reverses every line and nets to zero', async () => {
    await t.core.store.conversions.ingest(intent())
    expect(await t.core.store.conversions.ingest(intent({ status: 'approved' }))).toMatchObject({
      status: 'approved',
    })
    expect(ledger().every((r) => r.status === 'approved')).toBe(true)
    expect(await t.core.store.conversions.ingest(intent({ status: 'refunded' }))).toMatchObject({
      status: 'refunded',
      ledgerRows: 3,
    })
    const rows = ledger()
    expect(rows.reduce((s, r) => s + r.amount_minor, 0)).toBe(0)
    expect(rows.filter((r) => r.kind === 'reversal')).toHaveLength(3)
  })

  it('claws back a paid commission with a negative entry and leaves the paid row untouched', async () => {
    await t.core.store.conversions.ingest(intent({ status: 'approved' }))
    // Payout runs are not built yet: mark the rows paid the way a payout will, directly in the ledger.
    const db = new Database(t.core.dbFile)
    db.prepare("UPDATE commissions SET status = 'paid'").run()
    db.prepare("UPDATE conversions SET status = 'paid'").run()
    db.close()
    await t.core.store.conversions.ingest(intent({ status: 'refunded' }))
    const rows = ledger()
    expect(rows.filter((r) => r.kind === 'earning').every((r) => r.status === 'paid')).toBe(true)
    expect(rows.filter((r) => r.kind === 'clawback').map((r) => [r.status, r.amount_minor])).toEqual([
      ['approved', -1000],
      ['approved', -500],
      ['approved', -200],
    ])
  })

  it('never moves a final conversion: the other final word is refused, anything else is a duplicate', async () => {
    await t.core.store.conversions.ingest(intent({ status: 'rejected' }))
    const approved = await t.core.store.conversions.ingest(intent({ status: 'approved' }))
    expect(approved).toMatchObject({ ok: true, status: 'rejected', duplicate: true })
    const refunded = await t.core.store.conversions.ingest(intent({ status: 'refunded' }))
    expect(refunded).toMatchObject({ ok: false, code: 'conflict' })
    expect(ledger()).toEqual([])
  })

  it('refuses a replayed signature even within the same batch', async () => {
    const nonce = { signature: 'abc', expiresAt: T0 + 600_000 }
    const [a, b] = await Promise.all([
      t.core.store.conversions.ingest(intent({ nonce })),
      t.core.store.conversions.ingest(intent({ nonce })),
    ])
    expect(a).toMatchObject({ ok: true, duplicate: false })
    expect(b).toMatchObject({ ok: false, code: 'forbidden' })
    // A status change replayed in the batch that applies it moves the ledger once.
    const approve = { status: 'approved' as const, nonce: { signature: 'def', expiresAt: T0 + 600_000 } }
    const [c, d] = await Promise.all([
      t.core.store.conversions.ingest(intent(approve)),
      t.core.store.conversions.ingest(intent(approve)),
    ])
    expect(c).toMatchObject({ ok: true, status: 'approved', duplicate: false })
    expect(d).toMatchObject({ ok: false, code: 'forbidden' })
    expect(ledger().map((r) => r.status)).toEqual(['approved', 'approved', 'approved'])
  })

  it('refuses a replayed status change after a restart, when only the database remembers it', async () => {
    const { createCore } = await import('../src/main/core/core')
    const { MIGRATIONS } = await import('./support/core')
    await t.core.store.conversions.ingest(intent({ nonce: { signature: 'sale', expiresAt: T0 + 600_000 } }))
    const refund = { status: 'refunded' as const, nonce: { signature: 'refund', expiresAt: T0 + 600_000 } }
    await t.core.store.conversions.ingest(intent({ status: 'approved' }))
    expect(await t.core.store.conversions.ingest(intent(refund))).toMatchObject({
      ok: true,
      status: 'refunded',
    })
    const before = ledger()
    await t.core.close()
    t.core = await createCore({
      dataDir: t.dir,
      migrationsFolder: MIGRATIONS,
      shell: 'headless',
      version: 'test',
      noListener: true,
      now: () => T0,
      log: () => {},
    })
    for (const replay of [refund, { nonce: { signature: 'sale', expiresAt: T0 + 600_000 } }])
      expect(await t.core.store.conversions.ingest(intent(replay))).toMatchObject({
        ok: false,
        code: 'forbidden',
      })
    expect(ledger()).toEqual(before)
  })

  it('refuses a currency that is not the campaign currency', async () => {
    expect(await t.core.store.conversions.ingest(intent({ currency: 'EUR' }))).toMatchObject({
      ok: false,
      code: 'invalid_input',
    })
  })

  it('auto-approves after the hold period, but never a flagged conversion', async () => {
    await t.core.store.conversions.ingest(intent())
    await t.core.store.conversions.ingest(intent({ orderId: 'FLAGGED', flags: ['disposable_email'] }))
    expect(await t.core.store.conversions.approveDue(T0 + 29 * 86_400_000, 100)).toBe(0)
    expect(await t.core.store.conversions.approveDue(T0 + 31 * 86_400_000, 100)).toBe(1)
  })

  it('keeps daily rollups of conversions, revenue and commission', async () => {
    await t.core.store.conversions.ingest(intent())
    const db = new Database(t.core.dbFile, { readonly: true })
    const rows = db
      .prepare(
        'SELECT affiliate_id, link_id, clicks, conversions, revenue_minor, commission_minor FROM daily_stats ORDER BY affiliate_id',
      )
      .all()
    db.close()
    const [a0, a1, a2] = ids.chain
    expect(rows).toEqual([
      { affiliate_id: a0, link_id: 0, clicks: 0, conversions: 0, revenue_minor: 0, commission_minor: 200 },
      { affiliate_id: a1, link_id: 0, clicks: 0, conversions: 0, revenue_minor: 0, commission_minor: 500 },
      {
        affiliate_id: a2,
        link_id: ids.link,
        clicks: 1,
        conversions: 1,
        revenue_minor: 10_000,
        commission_minor: 1000,
      },
    ])
  })

  it('prices a tiered sale by the approved sales before it, not counting itself', async () => {
    await t.call('campaigns.update', {
      id: ids.campaign,
      plan: {
        type: 'tiered',
        basis: 'count',
        tiers: [
          { from: 0, rateBps: 1000 },
          { from: 11, rateBps: 1500 },
        ],
      },
    })
    const level1 = []
    for (let i = 1; i <= 11; i++) {
      await t.core.store.conversions.ingest(
        intent({ orderId: `T${i}`, status: 'approved', amountMinor: 1000 }),
      )
      level1.push(
        ledger()
          .filter((r) => r.level === 1)
          .at(-1)!.amount_minor,
      )
    }
    expect(level1).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 150])
  })
})

// The conversions and commissions methods through the contract, on a real database: the review
// list, "why this amount", manual status changes, balances with clawbacks, and the what-if simulator.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConversionIntent } from '../src/main/commissions/ports'
import type { PlanInput } from '../src/shared/plan'
import { startTestCore, type TestCore } from './support/core'
import { intent as buildIntent } from './support/intent'

const DAY = 86_400_000
const PLAN: PlanInput = { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] }
const T0 = Date.UTC(2026, 10, 20, 12)
let clock = T0
let t: TestCore
let ids: { adv: number; campaign: number; parent: number; child: number }

beforeEach(async () => {
  clock = T0
  t = await startTestCore({ now: () => clock })
  const adv = await t.call('advertisers.create', { name: 'Acme' })
  const campaign = await t.call('campaigns.create', {
    advertiserId: adv.id,
    name: 'Two-tier',
    destinationUrl: 'https://shop.example/',
    holdDays: 30,
    plan: { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] },
  })
  const parent = await t.call('affiliates.create', { name: 'Pat', email: 'pat@x.example', code: 'PAT' })
  const child = await t.call('affiliates.create', {
    name: 'Chris',
    email: 'chris@x.example',
    code: 'CHRIS',
    parentId: parent.id,
  })
  for (const id of [parent.id, child.id]) await t.call('affiliates.setStatus', { id, status: 'approved' })
  ids = { adv: adv.id, campaign: campaign.id, parent: parent.id, child: child.id }
})
afterEach(async () => {
  await t.close()
})

type Click = NonNullable<ConversionIntent['click']>
/** A test intent; a click without a time happened just now. */
type IntentOver = Partial<Omit<ConversionIntent, 'click'>> & {
  click?: (Omit<Click, 'createdAt'> & { createdAt?: number }) | null
}

function intent(over: IntentOver = {}): ConversionIntent {
  const { click, ...rest } = over
  return buildIntent({
    advertiserId: ids.adv,
    click:
      click === null
        ? null
        : {
            clickId: `CLK-${over.orderId ?? 'O1'}`,
            affiliateId: ids.child,
            campaignId: ids.campaign,
            linkId: null,
            createdAt: clock,
            ...click,
          },
    orderId: 'O1',
    receivedAt: clock,
    ...rest,
  })
}

async function ingest(over: IntentOver): Promise<number> {
  const r = await t.core.store.conversions.ingest(intent(over))
  if (!r.ok) throw new Error(r.reason)
  return r.conversionId
}

/** Stands in for a payout run, which is not built yet: marks a conversion and its earnings paid. */
function markPaid(conversionId: number) {
  const db = new Database(t.core.dbFile)
  db.prepare("UPDATE commissions SET status = 'paid' WHERE conversion_id = ? AND kind = 'earning'").run(
    conversionId,
  )
  db.prepare("UPDATE conversions SET status = 'paid' WHERE id = ?").run(conversionId)
  db.close()
}

describe('conversions.get explains every amount', () => {
  it('returns the lines with plan type, rule, level, base and rate', async () => {
    const id = await ingest({ orderId: 'WHY', amountMinor: 12_345 })
    const { conversion, lines } = await t.call('conversions.get', { id })
    expect(conversion).toMatchObject({
      id,
      orderId: 'WHY',
      affiliateCode: 'CHRIS',
      campaignName: 'Two-tier',
      status: 'pending',
      flags: [],
      holdUntil: T0 + 30 * DAY,
      commissionMinor: 1235 + 617,
    })
    expect(lines.map(({ id: _id, createdAt: _c, conversionId: _v, ...l }) => l)).toEqual([
      {
        affiliateId: ids.child,
        affiliateCode: 'CHRIS',
        kind: 'earning',
        status: 'pending',
        // 12 345 × 10 % = 1 234.5 → 1 235 (half away from zero).
        amountMinor: 1235,
        currency: 'USD',
        level: 1,
        planType: 'percentage',
        rule: 'percentage 10% of sale',
        baseMinor: 12_345,
        rateBps: 1000,
        reversesId: null,
        approvedAt: null,
      },
      {
        affiliateId: ids.parent,
        affiliateCode: 'PAT',
        kind: 'earning',
        status: 'pending',
        // 12 345 × 5 % = 617.25 → 617.
        amountMinor: 617,
        currency: 'USD',
        level: 2,
        planType: 'percentage',
        rule: 'upline level 2 (5%)',
        baseMinor: 12_345,
        rateBps: 500,
        reversesId: null,
        approvedAt: null,
      },
    ])
    expect(await t.raw('conversions.get', { id: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })
})

describe('conversions.setStatus (the review queue)', () => {
  it('approves, then refunds before payment: reversal rows, net zero, an audit row per change', async () => {
    const id = await ingest({ orderId: 'R1', flags: ['disposable_email'] })
    const approved = await t.call('conversions.setStatus', {
      id,
      status: 'approved',
      reason: 'checked by hand',
    })
    expect(approved.conversion).toMatchObject({ status: 'approved', reason: 'checked by hand' })
    expect(approved.lines.every((l) => l.status === 'approved' && l.approvedAt === T0)).toBe(true)

    const refunded = await t.call('conversions.setStatus', { id, status: 'refunded' })
    expect(refunded.conversion).toMatchObject({ status: 'refunded', commissionMinor: 0 })
    expect(refunded.lines.map((l) => [l.kind, l.status, l.amountMinor])).toEqual([
      ['earning', 'reversed', 1000],
      ['earning', 'reversed', 500],
      ['reversal', 'reversed', -1000],
      ['reversal', 'reversed', -500],
    ])
    const audit = await t.call('audit.list', { entity: 'conversion', page: 0, pageSize: 10 })
    expect(audit.rows.map((r) => r.action)).toEqual(['conversion.refunded', 'conversion.approved'])
  })

  it('refuses what the status machine forbids, and changes nothing', async () => {
    const id = await ingest({ orderId: 'R2', status: 'rejected' })
    const before = await t.call('conversions.get', { id })
    expect(await t.raw('conversions.setStatus', { id, status: 'approved' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'A rejected conversion is final and cannot become approved' },
    })
    expect(await t.raw('conversions.setStatus', { id, status: 'paid' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(await t.raw('conversions.setStatus', { id: 4242, status: 'approved' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(await t.call('conversions.get', { id })).toEqual(before)
    expect((await t.call('audit.list', { entity: 'conversion', page: 0, pageSize: 10 })).total).toBe(0)
  })

  it('claws back a paid commission: the paid rows stay, negative approved rows net against the next payout', async () => {
    const id = await ingest({ orderId: 'PAID', status: 'approved' })
    markPaid(id)
    const r = await t.call('conversions.setStatus', { id, status: 'refunded', reason: 'chargeback' })
    expect(r.lines.map((l) => [l.kind, l.status, l.amountMinor, l.reversesId !== null])).toEqual([
      ['earning', 'paid', 1000, false],
      ['earning', 'paid', 500, false],
      ['clawback', 'approved', -1000, true],
      ['clawback', 'approved', -500, true],
    ])
    expect(r.conversion.commissionMinor).toBe(0)
  })
})

describe('conversions.list', () => {
  it('filters, sorts and pages on the server', async () => {
    await ingest({ orderId: 'A', amountMinor: 3000 })
    clock += DAY
    await ingest({ orderId: 'B', amountMinor: 1000, flags: ['ip_velocity'], riskScore: 80 })
    clock += DAY
    await ingest({ orderId: 'C', amountMinor: 2000, status: 'approved' })
    await ingest({
      orderId: 'D',
      amountMinor: 500,
      click: { clickId: 'CLK-D', affiliateId: ids.parent, campaignId: ids.campaign, linkId: null },
    })

    const page = (q: object) =>
      t
        .call('conversions.list', { page: 0, pageSize: 50, ...q })
        .then((r) => [r.total, r.rows.map((c) => c.orderId)])
    expect(await page({})).toEqual([4, ['D', 'C', 'B', 'A']])
    expect(await page({ sort: { field: 'amountMinor', dir: 'asc' } })).toEqual([4, ['D', 'B', 'C', 'A']])
    expect(await page({ status: 'approved' })).toEqual([1, ['C']])
    expect(await page({ flaggedOnly: true })).toEqual([1, ['B']])
    expect(await page({ affiliateId: ids.parent })).toEqual([1, ['D']])
    expect(await page({ campaignId: ids.campaign, from: T0 + DAY, to: T0 + 2 * DAY })).toEqual([1, ['B']])
    expect(await page({ pageSize: 2, page: 1 })).toEqual([4, ['B', 'A']])
    const flagged = await t.call('conversions.list', { flaggedOnly: true })
    expect(flagged.rows[0]).toMatchObject({ flags: ['ip_velocity'], riskScore: 80, holdUntil: null })
    expect(await t.raw('conversions.list', { from: T0 + DAY, to: T0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
  })
})

describe('commissions.list and commissions.balances', () => {
  it('sums pending, approved-unpaid (clawbacks netted) and paid per affiliate and currency', async () => {
    await ingest({ orderId: 'PENDING', amountMinor: 10_000 }) // child 1000, parent 500 pending
    await ingest({ orderId: 'APPROVED', amountMinor: 20_000, status: 'approved' }) // 2000 / 1000 approved
    const paid = await ingest({ orderId: 'PAID', amountMinor: 30_000, status: 'approved' }) // 3000 / 1500
    markPaid(paid)
    const rejected = await ingest({ orderId: 'REJECTED', amountMinor: 40_000 })
    await t.call('conversions.setStatus', { id: rejected, status: 'rejected' })
    const clawed = await ingest({ orderId: 'CLAWED', amountMinor: 50_000, status: 'approved' }) // 5000 / 2500
    markPaid(clawed)
    await t.call('conversions.setStatus', { id: clawed, status: 'refunded' })

    const balances = await t.call('commissions.balances', {})
    expect(balances).toEqual({
      total: 2,
      rows: [
        {
          affiliateId: ids.parent,
          affiliateCode: 'PAT',
          affiliateName: 'Pat',
          currency: 'USD',
          pendingMinor: 500,
          approvedUnpaidMinor: 1000 - 2500,
          paidMinor: 1500 + 2500,
        },
        {
          affiliateId: ids.child,
          affiliateCode: 'CHRIS',
          affiliateName: 'Chris',
          currency: 'USD',
          pendingMinor: 1000,
          approvedUnpaidMinor: 2000 - 5000,
          paidMinor: 3000 + 5000,
        },
      ],
    })
    const one = await t.call('commissions.balances', { affiliateId: ids.child })
    expect(one.rows.map((r) => r.affiliateCode)).toEqual(['CHRIS'])

    const clawbacks = await t.call('commissions.list', { kind: 'clawback' })
    expect(clawbacks.rows.map((r) => [r.affiliateCode, r.amountMinor, r.status])).toEqual([
      ['PAT', -2500, 'approved'],
      ['CHRIS', -5000, 'approved'],
    ])
    const mine = await t.call('commissions.list', { affiliateId: ids.parent, status: 'pending' })
    expect(mine).toMatchObject({
      total: 1,
      rows: [{ amountMinor: 500, level: 2, rule: 'upline level 2 (5%)' }],
    })
    expect((await t.call('commissions.list', { pageSize: 3 })).rows).toHaveLength(3)
  })
})

describe('commissions.balances paging', () => {
  it('pages by affiliate, one row per currency, and filters by currency', async () => {
    const eur = await t.call('campaigns.create', {
      advertiserId: ids.adv,
      name: 'Euro shop',
      destinationUrl: 'https://shop.example/eu',
      currency: 'EUR',
      plan: { type: 'percentage', rateBps: 1000 },
    })
    await ingest({ orderId: 'USD-1', amountMinor: 10_000 })
    await ingest({
      orderId: 'EUR-1',
      amountMinor: 30_000,
      currency: 'EUR',
      click: { clickId: 'CLK-EUR', affiliateId: ids.child, campaignId: eur.id, linkId: null },
    })
    const page = (q: object) =>
      t
        .call('commissions.balances', q)
        .then((r) => [r.total, r.rows.map((b) => [b.affiliateCode, b.currency, b.pendingMinor])])

    expect(await page({ pageSize: 1 })).toEqual([2, [['PAT', 'USD', 500]]])
    expect(await page({ pageSize: 1, page: 1 })).toEqual([
      2,
      [
        ['CHRIS', 'EUR', 3000],
        ['CHRIS', 'USD', 1000],
      ],
    ])
    expect(await page({ currency: 'EUR' })).toEqual([1, [['CHRIS', 'EUR', 3000]]])
    expect(await page({ currency: 'GBP' })).toEqual([0, []])
    expect(await page({ affiliateId: ids.parent })).toEqual([1, [['PAT', 'USD', 500]]])
  })
})

describe('commissions.simulate (what-if)', () => {
  function fingerprint() {
    const hash = (f: string) =>
      existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : null
    const db = new Database(t.core.dbFile, { readonly: true })
    try {
      const counts = db
        .prepare(
          `SELECT (SELECT count(*) FROM conversions) AS conversions, (SELECT count(*) FROM commissions) AS commissions,
                  (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM daily_stats) AS rollups`,
        )
        .get()
      return { db: hash(t.core.dbFile), wal: hash(`${t.core.dbFile}-wal`), counts }
    } finally {
      db.close()
    }
  }

  it("prices the last N days under today's plan and a proposed one, per affiliate, without writing anything", async () => {
    clock = T0 - 40 * DAY
    await ingest({ orderId: 'TOO-OLD', amountMinor: 99_999, status: 'approved' })
    clock = T0 - 5 * DAY
    await ingest({ orderId: 'S1', amountMinor: 10_000, status: 'approved' })
    await ingest({ orderId: 'S2', amountMinor: 20_000 })
    const rejected = await ingest({ orderId: 'S3', amountMinor: 5000 })
    await t.call('conversions.setStatus', { id: rejected, status: 'rejected' })
    clock = T0

    const proposedPlan: PlanInput = { type: 'percentage', rateBps: 1500, upline: [{ rateBps: 200 }] }
    const db = new Database(t.core.dbFile, { readonly: true })
    const versionBefore = db.pragma('data_version', { simple: true })
    const before = fingerprint()

    const sim = await t.call('commissions.simulate', { campaignId: ids.campaign, proposedPlan, days: 30 })

    expect(fingerprint()).toEqual(before)
    expect(db.pragma('data_version', { simple: true })).toBe(versionBefore)
    db.close()
    expect(sim).toMatchObject({
      campaignId: ids.campaign,
      currency: 'USD',
      from: T0 - 30 * DAY,
      to: T0,
      totals: { currentMinor: 4500, proposedMinor: 5100, deltaMinor: 600, conversions: 2, skipped: 1 },
      affiliateCount: 2,
      rows: [
        {
          affiliateId: ids.child,
          affiliateCode: 'CHRIS',
          currentMinor: 3000,
          proposedMinor: 4500,
          deltaMinor: 1500,
        },
        {
          affiliateId: ids.parent,
          affiliateCode: 'PAT',
          currentMinor: 1500,
          proposedMinor: 600,
          deltaMinor: -900,
        },
      ],
    })
    expect(sim.assumptions.length).toBeGreaterThan(0)

    // "Current" is what the ledger recorded for the same conversions.
    const recorded = await t.call('commissions.list', { kind: 'earning', pageSize: 500 })
    const window = recorded.rows.filter((r) => r.status !== 'reversed' && r.baseMinor !== 99_999)
    expect(window.reduce((s, r) => s + r.amountMinor, 0)).toBe(sim.totals.currentMinor)
  })

  it("counts recurring periods the way ingest did, so today's plan costs what the ledger recorded", async () => {
    const campaign = await t.call('campaigns.create', {
      advertiserId: ids.adv,
      name: 'Subscriptions',
      destinationUrl: 'https://shop.example/',
      plan: { type: 'recurring', rateBps: 1000, maxMonths: 2 },
    })
    const click = { clickId: 'SUB', affiliateId: ids.child, campaignId: campaign.id, linkId: null }
    // Periods are calendar months of the subscription: September is period 1, November period 3.
    clock = Date.UTC(2026, 8, 20)
    await ingest({ orderId: 'M1', click, customerKey: 'cust-1', status: 'approved' })
    clock = Date.UTC(2026, 9, 20)
    await ingest({ orderId: 'M2', click, customerKey: 'cust-1', eventType: 'recurring', status: 'approved' })
    clock = Date.UTC(2026, 10, 5)
    await ingest({ orderId: 'M3', click, customerKey: 'cust-1', eventType: 'recurring', status: 'approved' })
    await ingest({ orderId: 'N1', click, customerKey: 'cust-2', eventType: 'recurring', status: 'approved' })
    clock = T0
    const recorded = await t.call('commissions.list', { kind: 'earning' })
    expect(recorded.rows.map((r) => r.rule).sort()).toEqual([
      'recurring 10% period 1/2',
      'recurring 10% period 1/2',
      'recurring 10% period 2/2',
    ])

    const sim = await t.call('commissions.simulate', {
      campaignId: campaign.id,
      proposedPlan: { type: 'recurring', rateBps: 1000, maxMonths: 3 },
      days: 90,
    })
    expect(sim.totals).toMatchObject({ currentMinor: 3000, proposedMinor: 4000, conversions: 4 })
  })

  it('counts a subscription by its click when no customer is named, including sales from before a switch to recurring', async () => {
    const campaign = await t.call('campaigns.create', {
      advertiserId: ids.adv,
      name: 'Becomes a subscription',
      destinationUrl: 'https://shop.example/',
      plan: { type: 'percentage', rateBps: 1000 },
    })
    const onClick = (clickId: string) => ({
      clickId,
      affiliateId: ids.child,
      campaignId: campaign.id,
      linkId: null,
    })
    clock = Date.UTC(2026, 8, 20)
    await ingest({ orderId: 'S1', click: onClick('K1'), status: 'approved' })
    await t.call('campaigns.update', {
      id: campaign.id,
      plan: { type: 'recurring', rateBps: 1000, maxMonths: 2 },
    })
    // K1's sale came before the switch and is period 1, so its first renewal is the last one paid.
    clock = Date.UTC(2026, 9, 20)
    await ingest({ orderId: 'R1', click: onClick('K1'), eventType: 'recurring', status: 'approved' })
    clock = T0
    await ingest({ orderId: 'R2', click: onClick('K1'), eventType: 'recurring', status: 'approved' })
    // Another click is another subscription, and a customer named on the same click is a third.
    await ingest({ orderId: 'R3', click: onClick('K2'), eventType: 'recurring', status: 'approved' })
    await ingest({
      orderId: 'R4',
      click: onClick('K1'),
      customerKey: 'K1',
      eventType: 'recurring',
      status: 'approved',
    })

    const recorded = await t.call('commissions.list', { kind: 'earning' })
    const rules = recorded.rows.map((r) => r.rule).filter((r) => r.startsWith('recurring'))
    expect(rules.sort()).toEqual([
      'recurring 10% period 1/2',
      'recurring 10% period 1/2',
      'recurring 10% period 2/2',
    ])
  })

  it('releases its read when a simulation stops early', async () => {
    clock = T0 - DAY
    await ingest({ orderId: 'S1' })
    await ingest({ orderId: 'S2' })
    clock = T0
    const input = await t.core.store.conversions.simulationInput({
      campaignId: ids.campaign,
      days: 7,
      recurringPeriods: false,
    })
    let seen = 0
    for (const c of input!.conversions) {
      expect(c).toMatchObject({
        affiliateId: ids.child,
        eventType: 'sale',
        status: 'pending',
        currency: 'USD',
      })
      seen++
      break
    }
    expect(seen).toBe(1)
    // The same prepared statement serves the next simulation only if the first one let go of it.
    const sim = await t.call('commissions.simulate', {
      campaignId: ids.campaign,
      proposedPlan: PLAN,
      days: 7,
    })
    expect(sim.totals.conversions).toBe(2)
  })

  it('follows a move for the what-if, and refuses an unknown campaign', async () => {
    clock = T0 - DAY
    await ingest({ orderId: 'S1', amountMinor: 10_000 })
    clock = T0
    await t.call('affiliates.move', { id: ids.child, parentId: null })
    const sim = await t.call('commissions.simulate', {
      campaignId: ids.campaign,
      proposedPlan: { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] },
      days: 7,
      limit: 1,
    })
    // Today's hierarchy applies: the parent no longer earns under either plan.
    expect(sim.totals).toMatchObject({ currentMinor: 1000, proposedMinor: 1000, deltaMinor: 0 })
    expect(sim.affiliateCount).toBe(1)
    expect(
      await t.raw('commissions.simulate', {
        campaignId: 777,
        proposedPlan: { type: 'percentage', rateBps: 1 },
        days: 1,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })
})

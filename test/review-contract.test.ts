// The review queue through the contract, on a real database: the queue's order and paging, one
// conversion's click, history and siblings, and decisions (one or many) landing in the ledger and
// the audit log through the manager's status path.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConversionIntent } from '../src/main/commissions/ports'
import { createClickIdGenerator } from '../src/main/tracking/click-id'
import { FINGERPRINT_CLICKS_SQL, SIBLINGS_SQL } from '../src/main/db/sqlite/review'
import { clickRecord, startTestCore, type TestCore } from './support/core'
import { openReadOnly } from './support/sql'
import { intent as buildIntent, T0 } from './support/intent'

const DAY = 86_400_000
let clock = T0
let t: TestCore
let ids: { adv: number; campaign: number; ada: number; bob: number }
const newClickId = createClickIdGenerator({ now: () => clock })

beforeEach(async () => {
  clock = T0
  t = await startTestCore({ now: () => clock })
  const adv = await t.call('advertisers.create', { name: 'Acme' })
  const campaign = await t.call('campaigns.create', {
    advertiserId: adv.id,
    name: 'Spring',
    destinationUrl: 'https://shop.example/',
    holdDays: 30,
    plan: { type: 'percentage', rateBps: 1000 },
  })
  const ada = await t.call('affiliates.create', { name: 'Ada', email: 'ada@x.example', code: 'ADA' })
  const bob = await t.call('affiliates.create', { name: 'Bob', email: 'bob@x.example', code: 'BOB' })
  for (const id of [ada.id, bob.id]) await t.call('affiliates.setStatus', { id, status: 'approved' })
  ids = { adv: adv.id, campaign: campaign.id, ada: ada.id, bob: bob.id }
})
afterEach(async () => {
  await t.close()
})

interface Sale {
  order: string
  affiliateId?: number
  flags?: string[]
  riskScore?: number
  ip?: string | null
  customerKey?: string | null
  fingerprint?: string | null
  at?: number
}

/** A recorded click (so the detail can show it) and a signed sale from it. */
async function sale(s: Sale): Promise<number> {
  const at = s.at ?? clock
  const affiliateId = s.affiliateId ?? ids.ada
  const clickId = await t.core.store.tracking.recordClick({
    ...clickRecord({
      clickId: newClickId(),
      linkId: null,
      affiliateId,
      campaignId: ids.campaign,
      createdAt: at,
    }),
    ip: s.ip ?? '198.51.100.7',
    fingerprint: s.fingerprint ?? null,
    sub1: 'newsletter',
    referer: 'https://blog.example/post',
  })
  const i: ConversionIntent = buildIntent({
    advertiserId: ids.adv,
    click: { clickId, affiliateId, campaignId: ids.campaign, linkId: null, createdAt: at },
    orderId: s.order,
    receivedAt: at,
    flags: s.flags ?? [],
    riskScore: s.riskScore ?? 0,
    ip: s.ip === undefined ? '198.51.100.7' : s.ip,
    customerKey: s.customerKey ?? null,
  })
  const r = await t.core.store.conversions.ingest(i)
  if (!r.ok) throw new Error(r.reason)
  return r.conversionId
}

describe('review.list', () => {
  it('lists pending flagged conversions first, highest score first, then oldest, and pages', async () => {
    const low = await sale({ order: 'LOW', flags: ['suspicious_click'], riskScore: 20 })
    const high = await sale({ order: 'HIGH', flags: ['suspicious_click'], riskScore: 90 })
    const highLater = await sale({ order: 'HIGH2', flags: ['ip_velocity: 7 in 24 h'], riskScore: 90 })
    const unflagged = await sale({ order: 'CLEAN', riskScore: 95 })
    const decided = await sale({ order: 'DONE', flags: ['suspicious_click'], riskScore: 99 })
    await t.call('review.decide', { ids: [decided], decision: 'reject' })

    const queue = await t.call('review.list', {})
    expect(queue.rows.map((r) => r.id)).toEqual([high, highLater, low])
    expect(queue.total).toBe(3)
    expect(queue.rows[1]).toMatchObject({
      affiliateCode: 'ADA',
      campaignName: 'Spring',
      amountMinor: 10_000,
      currency: 'USD',
      trust: 'signed',
      score: 90,
      reasons: [{ code: 'ip_velocity', detail: '7 in 24 h', weight: null }],
      modelTop: null,
    })

    // Every pending conversion: the flagged ones still come first, whatever the score says.
    const pending = await t.call('review.list', { flaggedOnly: false })
    expect(pending.rows.map((r) => r.id)).toEqual([high, highLater, low, unflagged])

    const page2 = await t.call('review.list', { pageSize: 2, page: 1 })
    expect(page2).toMatchObject({ total: 3, rows: [{ id: low }] })
    expect(await t.call('review.list', { affiliateId: ids.bob })).toEqual({ rows: [], total: 0 })
  })

  it('maps the ledger’s older flags to codes and keeps their words', async () => {
    await sale({ order: 'OLD', flags: ['affiliate not approved at approval time', 'Odd Thing!'] })
    const [row] = (await t.call('review.list', {})).rows
    expect(row!.reasons).toEqual([
      { code: 'affiliate_not_approved', detail: 'affiliate not approved at approval time', weight: null },
      { code: 'other', detail: 'Odd Thing!', weight: null },
    ])
  })
})

describe('review.detail', () => {
  it('shows the click and the history, and the siblings sharing IP, fingerprint or customer', async () => {
    const id = await sale({
      order: 'SUBJECT',
      flags: ['suspicious_click'],
      ip: '203.0.113.50',
      fingerprint: 'fp-farm',
      customerKey: 'eve@x.example',
    })
    clock += DAY
    const sameIp = await sale({ order: 'S-IP', affiliateId: ids.bob, ip: '203.0.113.50' })
    const sameFp = await sale({ order: 'S-FP', ip: '192.0.2.1', fingerprint: 'fp-farm' })
    const sameCustomer = await sale({ order: 'S-CUST', ip: '192.0.2.2', customerKey: 'eve@x.example' })
    const all3 = await sale({
      order: 'S-ALL',
      ip: '203.0.113.50',
      fingerprint: 'fp-farm',
      customerKey: 'eve@x.example',
    })
    await sale({ order: 'STRANGER', ip: '192.0.2.3', fingerprint: 'fp-other', customerKey: 'zed@x.example' })
    // Outside the bounded window: the same IP 31 days later is not looked at.
    clock = T0 + 31 * DAY
    await sale({ order: 'FAR', ip: '203.0.113.50' })
    clock = T0 + 2 * DAY
    await t.call('review.decide', { ids: [sameIp], decision: 'reject', reason: 'farm' })

    const d = await t.call('review.detail', { id })
    expect(d.row).toMatchObject({ id, orderId: 'SUBJECT', reasons: [{ code: 'suspicious_click' }] })
    expect(d).toMatchObject({ customerKey: 'eve@x.example', ip: '203.0.113.50', siblingWindowDays: 30 })
    expect(d.click).toMatchObject({
      at: T0,
      ip: '203.0.113.50',
      country: 'US',
      fingerprint: 'fp-farm',
      referer: 'https://blog.example/post',
      subIds: ['newsletter', null, null, null, null],
      flagged: false,
    })
    const byId = new Map(d.siblings.map((s) => [s.id, s]))
    expect([...byId.keys()].sort((a, b) => a - b)).toEqual(
      [sameIp, sameFp, sameCustomer, all3].sort((a, b) => a - b),
    )
    expect(byId.get(sameIp)).toMatchObject({ matches: ['ip'], status: 'rejected', affiliateCode: 'BOB' })
    expect(byId.get(sameFp)!.matches).toEqual(['fingerprint'])
    expect(byId.get(sameCustomer)!.matches).toEqual(['customer'])
    expect(byId.get(all3)!.matches).toEqual(['ip', 'fingerprint', 'customer'])
    expect(d.siblingsTruncated).toBe(false)

    // The sibling's side: the rejection is in its history.
    const other = await t.call('review.detail', { id: sameIp })
    expect(other.history.at(-1)).toMatchObject({ actor: 'owner', action: 'conversion.rejected' })
    expect(other.siblings.map((s) => s.id)).toContain(id)
  })

  it('looks siblings up through indexes only: no table scan of conversions or clicks', async () => {
    const db = openReadOnly(t.core.dbFile)
    try {
      const plan = (sql: string, ...params: unknown[]) =>
        db
          .all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...params)
          .map((r) => r.detail)
          .join('\n')
      const siblings = plan(SIBLINGS_SQL, {
        id: 1,
        at: 0,
        from: 0,
        to: 0,
        ip: 'x',
        customer: 'y',
        fpClicks: '[]',
      })
      expect(siblings).toMatch(/SEARCH c USING INDEX conversions_created \(created_at>\? AND created_at<\?\)/)
      expect(siblings).not.toMatch(/SCAN (c|conversions|clicks)\b(?! USING)/)
      expect(plan(FINGERPRINT_CLICKS_SQL, 'fp')).toMatch(/USING (COVERING )?INDEX clicks_fingerprint/)
    } finally {
      db.close()
    }
  })

  it('answers not_found for an unknown conversion', async () => {
    expect(await t.raw('review.detail', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })
})

describe('review.decide', () => {
  it('decides a batch through the status path; a final conversion inside is an error for that id only', async () => {
    const a = await sale({ order: 'A', flags: ['suspicious_click'] })
    const b = await sale({ order: 'B', flags: ['suspicious_click'] })
    const final = await sale({ order: 'F', flags: ['suspicious_click'] })
    await t.call('review.decide', { ids: [final], decision: 'reject', reason: 'bot' })

    const { results } = await t.call('review.decide', {
      ids: [a, final, b, 424242],
      decision: 'approve',
      reason: 'known customer',
    })
    expect(results).toEqual([
      { id: a, ok: true, status: 'approved', note: null },
      { id: final, ok: false, code: 'conflict', message: expect.stringMatching(/rejected/) as string },
      { id: b, ok: true, status: 'approved', note: null },
      { id: 424242, ok: false, code: 'not_found', message: expect.any(String) as string },
    ])

    // The ledger: approved lines for a and b; the rejected one nets to zero and stays rejected.
    for (const id of [a, b]) {
      const got = await t.call('conversions.get', { id })
      expect(got.conversion).toMatchObject({ status: 'approved', commissionMinor: 1_000 })
      expect(got.lines.map((l) => [l.kind, l.status, l.amountMinor])).toEqual([
        ['earning', 'approved', 1_000],
      ])
      expect(got.history.at(-1)).toMatchObject({
        actor: 'owner',
        action: 'conversion.approved',
        after: expect.objectContaining({ reason: 'known customer' }) as unknown,
      })
    }
    const rejected = await t.call('conversions.get', { id: final })
    expect(rejected.conversion).toMatchObject({ status: 'rejected', commissionMinor: 0 })
    expect(rejected.history.filter((h) => h.action.startsWith('conversion.'))).toHaveLength(1)
    expect((await t.call('review.list', {})).total).toBe(0)
  })

  it('rejecting again is an error too, and changes nothing', async () => {
    const id = await sale({ order: 'R', flags: ['suspicious_click'] })
    expect((await t.call('review.decide', { ids: [id], decision: 'reject' })).results).toEqual([
      { id, ok: true, status: 'rejected', note: null },
    ])
    const again = await t.call('review.decide', { ids: [id], decision: 'reject' })
    expect(again.results[0]).toMatchObject({ id, ok: false, code: 'conflict' })
  })

  it('refuses a batch naming a conversion twice, before deciding any', async () => {
    const id = await sale({ order: 'D', flags: ['suspicious_click'] })
    expect(await t.raw('review.decide', { ids: [id, id], decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect((await t.call('conversions.get', { id })).conversion.status).toBe('pending')
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PCT_PLAN, startTestCore, type TestCore } from './support/core'

let t: TestCore
beforeEach(async () => {
  t = await startTestCore()
})
afterEach(async () => {
  await t.close()
})

async function counts() {
  const sqlite = (await import('better-sqlite3')).default
  const db = new sqlite(t.core.dbFile, { readonly: true })
  try {
    const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    return {
      affiliates: n('affiliates'),
      audit: n('audit_log'),
      closure: n('affiliate_hierarchy'),
      campaigns: n('campaigns'),
    }
  } finally {
    db.close()
  }
}

describe('the contract over a real database', () => {
  it('creates an affiliate under a parent, with closure rows and an audit entry', async () => {
    const parent = await t.call('affiliates.create', {
      name: 'Parent',
      email: 'p@example.com',
      code: 'PARENT',
    })
    const child = await t.call('affiliates.create', {
      name: 'Child',
      email: 'C@Example.com',
      parentId: parent.id,
    })
    expect(child.parentId).toBe(parent.id)
    expect(child.parentCode).toBe('PARENT')
    expect(child.email).toBe('c@example.com')
    expect(child.status).toBe('pending')
    expect(child.code).toMatch(/^[A-Z2-9]{8}$/)
    const again = await t.call('affiliates.get', { id: parent.id })
    expect(again.downlineCount).toBe(1)
    expect(await counts()).toMatchObject({ affiliates: 2, closure: 3, audit: 2 })
  })

  it('refuses a duplicate affiliate code with a clear conflict and changes nothing', async () => {
    await t.call('affiliates.create', { name: 'A', email: 'a@example.com', code: 'SAME' })
    const before = await counts()
    const res = await t.raw('affiliates.create', { name: 'B', email: 'b@example.com', code: 'SAME' })
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'An affiliate with code "SAME" already exists' },
    })
    expect(await counts()).toEqual(before)
  })

  it('rejects wrong types at the boundary with the field named', async () => {
    const before = await counts()
    const res = await t.raw('affiliates.create', { name: 42, email: 'not-an-email' })
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('invalid_input')
    expect(res.error.issues.map((i) => i.path).sort()).toEqual(['email', 'name'])
    expect(await counts()).toEqual(before)
  })

  it('rejects unknown fields instead of silently dropping them', async () => {
    const res = await t.raw('affiliates.create', { name: 'X', email: 'x@example.com', isAdmin: true })
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('answers not_found for unknown ids and unknown parents, and writes nothing', async () => {
    const before = await counts()
    expect(await t.raw('affiliates.get', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(await t.raw('affiliates.setStatus', { id: 999, status: 'approved' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(
      await t.raw('affiliates.create', { name: 'O', email: 'o@example.com', parentId: 12345 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Parent affiliate 12345 does not exist' },
    })
    expect(await t.raw('campaigns.update', { id: 77, name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(await counts()).toEqual(before)
  })

  it('answers not_found for a method that is not in the contract', async () => {
    expect(await t.raw('affiliates.drop', {})).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('approves and suspends, recording approval time and the audit trail', async () => {
    const a = await t.call('affiliates.create', { name: 'A', email: 'a@example.com' })
    const approved = await t.call('affiliates.setStatus', { id: a.id, status: 'approved' })
    expect(approved.status).toBe('approved')
    expect(approved.approvedAt).not.toBeNull()
    const suspended = await t.call('affiliates.setStatus', { id: a.id, status: 'suspended' })
    expect(suspended.status).toBe('suspended')
    const log = await t.call('audit.list', { entity: 'affiliate' })
    expect(log.rows.map((r) => r.action)).toEqual([
      'affiliate.suspend',
      'affiliate.approve',
      'affiliate.create',
    ])
    expect(log.rows[0]).toMatchObject({ before: { status: 'approved' }, after: { status: 'suspended' } })
  })

  it('lists affiliates server-side: filter, search, sort and paginate', async () => {
    for (const [i, name] of ['Carol', 'alice', 'Bob', 'Dave', 'Eve'].entries()) {
      const a = await t.call('affiliates.create', {
        name,
        email: `${name.toLowerCase()}@x.example`,
        code: `C${i}`,
      })
      if (i % 2 === 0) await t.call('affiliates.setStatus', { id: a.id, status: 'approved' })
    }
    const page = await t.call('affiliates.list', {
      pageSize: 2,
      page: 1,
      sort: { field: 'name', dir: 'asc' },
    })
    expect(page.total).toBe(5)
    expect(page.rows.map((r) => r.name)).toEqual(['Carol', 'Dave'])
    const approved = await t.call('affiliates.list', { status: 'approved' })
    expect(approved.rows.map((r) => r.name).sort()).toEqual(['Carol', 'Bob', 'Eve'].sort())
    const search = await t.call('affiliates.list', { search: 'EV' })
    expect(search.rows.map((r) => r.name)).toEqual(['Eve'])
    const literal = await t.call('affiliates.list', { search: '%' })
    expect(literal.total).toBe(0)
  })

  it('creates and edits a campaign with a validated plan', async () => {
    const adv = await t.call('advertisers.create', { name: 'Acme' })
    const c = await t.call('campaigns.create', {
      advertiserId: adv.id,
      name: 'Spring',
      destinationUrl: 'https://shop.example/landing',
      plan: PCT_PLAN,
    })
    expect(c).toMatchObject({
      advertiserName: 'Acme',
      clickIdParam: 'clickid',
      cookieDays: 30,
      plan: { rateBps: 1000, upline: [] },
    })
    const bad = await t.raw('campaigns.update', {
      id: c.id,
      plan: { type: 'tiered', basis: 'count', tiers: [{ from: 5, rateBps: 1 }] },
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const unsafeUrl = await t.raw('campaigns.update', { id: c.id, destinationUrl: 'javascript:alert(1)' })
    expect(unsafeUrl).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const edited = await t.call('campaigns.update', { id: c.id, status: 'paused', cookieDays: 60 })
    expect(edited).toMatchObject({ status: 'paused', cookieDays: 60, name: 'Spring' })
    expect((await t.call('campaigns.list', { status: 'paused' })).total).toBe(1)
  })

  it('refuses a campaign for an unknown advertiser', async () => {
    const res = await t.raw('campaigns.create', {
      advertiserId: 5,
      name: 'X',
      destinationUrl: 'https://x.example',
      plan: PCT_PLAN,
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('keeps settings with defaults and audits changes', async () => {
    const s = await t.call('settings.get', {})
    expect(s.listenerPort).toBe(8787)
    const next = await t.call('settings.update', {
      publicBaseUrl: 'https://track.example.com',
      durability: 'full',
    })
    expect(next).toMatchObject({
      publicBaseUrl: 'https://track.example.com',
      durability: 'full',
      listenerPort: 8787,
    })
    const log = await t.call('audit.list', { entity: 'settings' })
    expect(log.rows[0]?.after).toEqual({ publicBaseUrl: 'https://track.example.com', durability: 'full' })
    expect(await t.raw('settings.update', { listenerPort: 70000 })).toMatchObject({ ok: false })
  })

  it('never exposes an advertiser secret through the contract', async () => {
    const adv = await t.call('advertisers.create', { name: 'Acme' })
    const { secret, token } = await t.secrets(adv.id)
    const shown = JSON.stringify([adv, await t.call('advertisers.list', {})])
    expect(shown).not.toContain(secret)
    expect(shown).not.toContain(token)
    // Only whether this machine can read them, never the values or their sealed form.
    expect(Object.keys(adv).filter((k) => /secret|token/i.test(k))).toEqual(['secretReadable'])
    expect(shown).not.toMatch(/enc:/)
  })

  it('an edit changes only the fields it sends: nothing falls back to a create-time default', async () => {
    const a = await t.call('affiliates.create', {
      name: 'V',
      email: 'v@example.com',
      tier: 'vip',
      overrideRateBps: 2500,
      paymentMethod: 'wise',
      paymentEmail: 'pay@example.com',
      payoutCurrency: 'EUR',
    })
    const edited = await t.call('affiliates.update', { id: a.id, name: 'V2' })
    expect(edited).toMatchObject({
      name: 'V2',
      tier: 'vip',
      overrideRateBps: 2500,
      paymentMethod: 'wise',
      paymentEmail: 'pay@example.com',
      payoutCurrency: 'EUR',
    })
    const adv = await t.call('advertisers.create', { name: 'Acme' })
    const c = await t.call('campaigns.create', {
      advertiserId: adv.id,
      name: 'C',
      description: 'keep me',
      status: 'paused',
      destinationUrl: 'https://shop.example/',
      fallbackUrl: 'https://shop.example/ended',
      clickIdParam: 'cid',
      cookieDays: 7,
      holdDays: null,
      plan: PCT_PLAN,
    })
    const renamed = await t.call('campaigns.update', { id: c.id, name: 'C2' })
    expect(renamed).toMatchObject({
      name: 'C2',
      description: 'keep me',
      status: 'paused',
      fallbackUrl: 'https://shop.example/ended',
      clickIdParam: 'cid',
      cookieDays: 7,
      holdDays: null,
    })
  })
})

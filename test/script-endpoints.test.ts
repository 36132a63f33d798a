// The first-party script's endpoints over real HTTP: /t.js, /v1/track/click, /v1/track/conversion.
import { afterEach, describe, expect, it } from 'vitest'
import { click, nowSeconds, postback, signedQuery, startProgram, type Program } from './support/listener'
import { sqlRows } from './support/sql'

let p: Program
afterEach(async () => {
  await p?.t.close()
})

const ORIGIN = 'https://shop.example'
const post = (path: string, body: unknown, origin: string | null = ORIGIN) =>
  fetch(`${p.base}${path}`, {
    method: 'POST',
    // The script sends text/plain so browsers skip the preflight; the body is JSON all the same.
    headers: { 'content-type': 'text/plain', ...(origin ? { origin } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const rows = <T>(sql: string, ...args: unknown[]) => sqlRows<T>(p.t.core.dbFile, sql, ...args)

describe('first-party script endpoints', () => {
  it('serves /t.js pointing at the public base URL', async () => {
    p = await startProgram()
    const res = await fetch(`${p.base}/t.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('javascript')
    const text = await res.text()
    expect(text).toContain('/v1/track/conversion')
    expect(text).toContain('AffiliateDesk')
  })

  it('answers the CORS preflight only for an advertiser-configured origin', async () => {
    p = await startProgram()
    const ok = await fetch(`${p.base}/v1/track/click`, { method: 'OPTIONS', headers: { origin: ORIGIN } })
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    const evil = await fetch(`${p.base}/v1/track/click`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    })
    expect(evil.status).toBe(403)
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('records a direct-link click (?ref=CODE) with its fingerprint and returns its click id', async () => {
    p = await startProgram()
    const fp = 'ab'.repeat(32)
    const res = await post('/v1/track/click', {
      ref: p.linkCode,
      fingerprint: fp,
      subs: { sub2: 'email' },
      referrer: 'https://blog.example/',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    const { clickId } = (await res.json()) as { clickId: string }
    expect(rows('SELECT source, fingerprint, sub2 FROM clicks WHERE click_id = ?', clickId)).toEqual([
      { source: 'script', fingerprint: fp, sub2: 'email' },
    ])
  })

  it('attaches the fingerprint to a click that came through the redirect', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    const fp = 'cd'.repeat(32)
    expect((await post('/v1/track/click', { clickId, fingerprint: fp })).status).toBe(200)
    expect(rows('SELECT fingerprint FROM clicks WHERE click_id = ?', clickId)).toEqual([{ fingerprint: fp }])
    expect((await post('/v1/track/click', { clickId: '01UNKNOWN', fingerprint: fp })).status).toBe(404)
  })

  it('refuses other origins, unknown links, bad JSON and oversized bodies, recording nothing', async () => {
    p = await startProgram()
    expect((await post('/v1/track/click', { ref: p.linkCode }, 'https://evil.example')).status).toBe(403)
    expect((await post('/v1/track/click', { ref: p.linkCode }, null)).status).toBe(403)
    expect((await post('/v1/track/click', { ref: 'NOPE' })).status).toBe(404)
    expect((await post('/v1/track/click', '{"ref":')).status).toBe(400)
    expect((await post('/v1/track/click', '[1,2]')).status).toBe(400)
    expect((await post('/v1/track/click', { ref: p.linkCode, pad: 'x'.repeat(20_000) })).status).toBe(413)
    expect(rows('SELECT id FROM clicks')).toEqual([])
  })

  it('records a browser-reported conversion as lower trust, never auto-approved, and lets the signed postback settle it', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    const res = await post('/v1/track/conversion', {
      clickId,
      orderId: 'WEB-1',
      amount: '80.00',
      currency: 'USD',
      email: 'Buyer@Example.com',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, duplicate: false })
    expect(
      rows(
        'SELECT trust, hold_until AS hold, customer_key AS customer, amount_minor AS amount FROM conversions',
      ),
    ).toEqual([{ trust: 'client', hold: null, customer: 'buyer@example.com', amount: 8000 }])
    // The same order from the browser again is a duplicate; the advertiser's signed postback approves it.
    expect(
      await (await post('/v1/track/conversion', { clickId, orderId: 'WEB-1', amount: '80.00' })).json(),
    ).toMatchObject({ duplicate: true })
    const signed = await postback(
      p.base,
      signedQuery(p.secret, {
        clickid: clickId!,
        order_id: 'WEB-1',
        amount: '80.00',
        status: 'approved',
        timestamp: nowSeconds(),
      }),
    )
    expect(signed.body).toMatchObject({ ok: true, status: 'approved' })
  })

  it('refuses malformed conversions from the browser', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    for (const bad of [
      { orderId: 'X' },
      { clickId },
      { clickId, orderId: 'X', amount: '1e3' },
      { clickId, orderId: 'X', amount: '-4' },
      { clickId, orderId: 'X', amount: '1.234' },
    ]) {
      expect((await post('/v1/track/conversion', bad)).status, JSON.stringify(bad)).toBe(400)
    }
    expect((await post('/v1/track/conversion', { clickId: '01NOPE', orderId: 'X' })).status).toBe(404)
    expect(
      (await post('/v1/track/conversion', { clickId, orderId: 'X' }, 'https://evil.example')).status,
    ).toBe(403)
    expect(rows('SELECT id FROM conversions')).toEqual([])
  })
})

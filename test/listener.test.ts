import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { click, nowSeconds, postback, signedQuery, startProgram, type Program } from './support/listener'
import { sqlRows } from './support/sql'

let p: Program
afterEach(async () => {
  await p?.t.close()
})

const rows = <T>(sql: string, ...args: unknown[]) => sqlRows<T>(p.t.core.dbFile, sql, ...args)

function sale(clickid: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    clickid,
    order_id: 'ORD-1',
    amount: '100.00',
    currency: 'USD',
    event: 'sale',
    timestamp: nowSeconds(),
    ...over,
  }
}

describe('GET /c/:code', () => {
  it('records the click before answering and redirects to the configured destination with the click id and subs', async () => {
    p = await startProgram()
    const r = await click(p.base, p.linkCode, '?sub1=email&sub3=spring&ref=x&url=https://evil.example')
    expect(r.status).toBe(302)
    const loc = new URL(r.location!)
    expect(loc.origin + loc.pathname).toBe('https://shop.example/landing')
    expect(loc.searchParams.get('utm')).toBe('aff')
    expect(loc.searchParams.get('sub1')).toBe('email')
    expect(loc.searchParams.get('sub3')).toBe('spring')
    expect(loc.searchParams.has('url')).toBe(false)
    const stored = rows<{
      sub1: string
      ref_param: string
      device_type: string
      country: string
      affiliate_id: number
    }>('SELECT sub1, ref_param, device_type, country, affiliate_id FROM clicks WHERE click_id = ?', r.clickId)
    expect(stored).toEqual([
      {
        sub1: 'email',
        ref_param: 'x',
        device_type: 'unknown',
        country: 'unknown',
        affiliate_id: p.affiliateIds[1],
      },
    ])
    expect(rows('SELECT clicks FROM daily_stats WHERE link_id > 0')).toEqual([{ clicks: 1 }])
  })

  it('hands out unique, time-ordered click ids', async () => {
    p = await startProgram()
    const ids = []
    for (let i = 0; i < 20; i++) ids.push((await click(p.base, p.linkCode)).clickId!)
    expect(new Set(ids).size).toBe(20)
    expect([...ids].sort()).toEqual(ids)
  })

  it('answers an unknown code with a plain 404', async () => {
    p = await startProgram()
    for (const code of ['NOPE', '%E0%A4%A', '..%2F..%2Fetc', 'x'.repeat(40)]) {
      const r = await click(p.base, code)
      expect(r.status).toBe(404)
      expect(r.location).toBeNull()
    }
  })

  it('never redirects to a URL taken from the request', async () => {
    p = await startProgram()
    const attempts = [
      '/c/%2F%2Fevil.example',
      '/c/https:%2F%2Fevil.example',
      `/c/${p.linkCode}?redirect=https://evil.example&url=//evil.example&destination=https://evil.example`,
      `/c/${p.linkCode}/..%2F..%2F%2Fevil.example`,
      `//evil.example/c/${p.linkCode}`,
    ]
    for (const path of attempts) {
      const res = await fetch(p.base + path, { redirect: 'manual' })
      const loc = res.headers.get('location')
      if (loc) expect(new URL(loc).origin).toBe('https://shop.example')
      expect(res.status).toBeLessThan(500)
    }
  })

  it('sends a paused campaign to its fallback URL at once, and records nothing', async () => {
    p = await startProgram()
    await p.t.call('campaigns.update', { id: p.campaignId, status: 'paused' })
    const r = await click(p.base, p.linkCode)
    expect(r).toMatchObject({ status: 302, location: 'https://shop.example/ended' })
    expect(rows('SELECT * FROM clicks')).toEqual([])
  }, 15_000)

  it('refuses an oversized request line', async () => {
    p = await startProgram()
    const r = await fetch(`${p.base}/c/${p.linkCode}?sub1=${'x'.repeat(5000)}`, { redirect: 'manual' })
    expect(r.status).toBe(414)
  })

  it('serves only the tracking routes: no UI contract on this port', async () => {
    p = await startProgram()
    for (const path of ['/api/rpc/app.info', '/', '/index.html', '/admin']) {
      const r = await fetch(p.base + path, { method: path.startsWith('/api') ? 'POST' : 'GET' })
      expect(r.status).toBe(404)
    }
  })
})

describe('/postback', () => {
  it('records a signed sale with its commission lines, and answers JSON', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    const r = await postback(p.base, signedQuery(p.secret, sale(clickId!)))
    expect(r).toMatchObject({
      status: 200,
      body: { ok: true, status: 'pending', duplicate: false, reason: null },
    })
    expect(
      rows('SELECT affiliate_id AS a, amount_minor AS m, level FROM commissions ORDER BY level'),
    ).toEqual([
      { a: p.affiliateIds[1], m: 1000, level: 1 },
      { a: p.affiliateIds[0], m: 500, level: 2 },
    ])
  })

  it('accepts a form POST as well as GET', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    const res = await fetch(`${p.base}/postback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: signedQuery(p.secret, sale(clickId!)),
    })
    expect(res.status).toBe(200)
  })

  it('answers a repeat of the same order and event as a duplicate that creates nothing', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    const first = await postback(p.base, signedQuery(p.secret, sale(clickId!)))
    const again = await postback(
      p.base,
      signedQuery(p.secret, sale(clickId!, { timestamp: String(Number(nowSeconds()) + 1) })),
    )
    expect(again).toMatchObject({
      status: 200,
      body: { ok: true, duplicate: true, conversion_id: first.body.conversion_id },
    })
    expect(rows('SELECT id FROM conversions')).toHaveLength(1)
    expect(rows('SELECT id FROM commissions')).toHaveLength(2)
  })

  it('moves status: approve, then refund reverses the commissions', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    await postback(p.base, signedQuery(p.secret, sale(clickId!)))
    const ts = Number(nowSeconds())
    expect(
      (
        await postback(
          p.base,
          signedQuery(p.secret, sale(clickId!, { status: 'approved', timestamp: String(ts + 1) })),
        )
      ).body,
    ).toMatchObject({ status: 'approved' })
    expect(
      (
        await postback(
          p.base,
          signedQuery(p.secret, sale(clickId!, { status: 'refunded', timestamp: String(ts + 2) })),
        )
      ).body,
    ).toMatchObject({ status: 'refunded' })
    expect(rows<{ s: number }>('SELECT sum(amount_minor) AS s FROM commissions')[0]!.s).toBe(0)
    // A refunded conversion is final: a later "approved" changes nothing and is told so.
    const late = await postback(
      p.base,
      signedQuery(p.secret, sale(clickId!, { status: 'approved', timestamp: String(ts + 3) })),
    )
    expect(late).toMatchObject({ status: 200, body: { status: 'refunded', duplicate: true } })
    const contradiction = await postback(
      p.base,
      signedQuery(p.secret, sale(clickId!, { status: 'rejected', timestamp: String(ts + 4) })),
    )
    expect(contradiction.status).toBe(409)
  })

  it('rejects a forged hash, a stale timestamp and a replay with 403, storing nothing', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    const forged = signedQuery('not-the-secret', sale(clickId!))
    expect((await postback(p.base, forged)).status).toBe(403)
    const tampered = signedQuery(p.secret, sale(clickId!)).replace('amount=100.00', 'amount=9999.00')
    expect((await postback(p.base, tampered)).body).toMatchObject({
      ok: false,
      reason: 'signature does not match',
    })
    const stale = signedQuery(p.secret, sale(clickId!, { timestamp: String(Number(nowSeconds()) - 301) }))
    expect((await postback(p.base, stale)).body).toMatchObject({
      reason: 'timestamp is outside the 300 s window',
    })
    expect(rows('SELECT id FROM conversions')).toEqual([])
    const q = signedQuery(p.secret, sale(clickId!))
    expect((await postback(p.base, q)).status).toBe(200)
    const replay = await postback(p.base, q)
    expect(replay).toMatchObject({ status: 403, body: { reason: 'replay: this signature was already used' } })
  })

  it('refuses a replay even after a restart of the app', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    const q = signedQuery(p.secret, sale(clickId!))
    expect((await postback(p.base, q)).status).toBe(200)
    // A second core on the same data folder: the in-memory guard is empty, the database is not.
    await p.t.restart()
    expect((await postback(p.t.core.listenerUrl!, q)).status).toBe(403)
  })

  it('answers 404 for an unknown click and 400 for malformed input', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    expect((await postback(p.base, signedQuery(p.secret, sale('01UNKNOWNCLICK')))).status).toBe(404)
    const bads: Record<string, string>[] = [
      { amount: '12,50' },
      { amount: '1e3' },
      { amount: '-5' },
      { amount: '1.234' },
      { currency: 'DOLLARS' },
      { event: 'purchase' },
      { status: 'paid' },
    ]
    for (const bad of bads) {
      const r = await postback(p.base, signedQuery(p.secret, sale(clickId!, bad)))
      expect(r.status, JSON.stringify(bad)).toBe(400)
      expect(typeof r.body.reason).toBe('string')
    }
    expect((await postback(p.base, 'order_id=1')).status).toBe(400)
    expect((await postback(p.base, `clickid=${clickId}&clickid=${clickId}`)).status).toBe(400)
    expect(rows('SELECT id FROM conversions')).toEqual([])
  })

  it('refuses an oversized body with 413', async () => {
    p = await startProgram()
    const r = await fetch(`${p.base}/postback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'clickid=x&pad=' + 'y'.repeat(20_000),
    })
    expect(r.status).toBe(413)
  })

  it('enforces the advertiser IP allow-list', async () => {
    p = await startProgram({ allowedIps: ['203.0.113.0/24'] })
    const { clickId } = await click(p.base, p.linkCode)
    const r = await postback(p.base, signedQuery(p.secret, sale(clickId!)))
    expect(r).toMatchObject({ status: 403, body: { reason: 'ip not allowed' } })
  })

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    p = await startProgram({ allowedIps: ['203.0.113.0/24'] })
    const { clickId } = await click(p.base, p.linkCode)
    // Loopback is a trusted proxy by default (the tunnel daemon runs on this machine).
    const viaTunnel = await postback(p.base, signedQuery(p.secret, sale(clickId!)), {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    })
    expect(viaTunnel.status).toBe(200)
    await p.t.call('settings.update', { trustedProxies: [] })
    const base = p.t.core.listenerUrl!
    const spoofed = await postback(base, signedQuery(p.secret, sale(clickId!, { order_id: 'ORD-2' })), {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    })
    expect(spoofed.status).toBe(403)
  })

  it('accepts the simple clickid:payout:timestamp signature when the advertiser uses it', async () => {
    p = await startProgram({ signingMode: 'simple' })
    const { clickId } = await click(p.base, p.linkCode)
    // Exactly the seed's sender: clickid, payout, timestamp and hash, no order id.
    const seed = { clickid: clickId!, payout: '12.00', timestamp: String(Math.floor(Date.now() / 1000)) }
    const r = await postback(p.base, signedQuery(p.secret, seed, 'simple'))
    expect(r).toMatchObject({ status: 200, body: { ok: true, duplicate: false } })
    expect(rows('SELECT advertiser_payout_minor AS p, amount_minor AS a, trust FROM conversions')).toEqual([
      { p: 1200, a: 1200, trust: 'signed' },
    ])
  })

  it('accepts token-only postbacks when configured, marked lower trust', async () => {
    p = await startProgram({ signingMode: 'token' })
    const { clickId } = await click(p.base, p.linkCode)
    const bad = await postback(p.base, new URLSearchParams({ ...sale(clickId!), token: 'wrong' }).toString())
    expect(bad.status).toBe(403)
    const good = await postback(p.base, new URLSearchParams({ ...sale(clickId!), token: p.token }).toString())
    expect(good.status).toBe(200)
    expect(rows('SELECT trust FROM conversions')).toEqual([{ trust: 'token' }])
  })

  it('answers malformed HTTP with 400 and keeps serving', async () => {
    p = await startProgram()
    const url = new URL(p.base)
    const status = await new Promise<number>((resolve) => {
      const req = request(
        { host: url.hostname, port: url.port, path: '/postback', headers: { 'x-big': 'z'.repeat(20_000) } },
        (res) => {
          res.resume()
          resolve(res.statusCode!)
        },
      )
      req.on('error', () => resolve(431))
      req.end()
    })
    expect(status).toBe(431)
    expect((await click(p.base, p.linkCode)).status).toBe(302)
  })
})

describe('advertiser postback setup', () => {
  it('gives a URL template with macros and a recipe, and the test postback runs the real path', async () => {
    p = await startProgram()
    const setup = await p.t.call('advertisers.postbackSetup', { id: p.advertiserId })
    expect(setup.postbackUrl).toContain('/postback?clickid={clickid}&order_id={order_id}&amount={amount}')
    expect(setup.postbackUrl).toContain('&hash={hash}')
    expect(setup.secret).toBe(p.secret)
    const result = await p.t.call('advertisers.sendTestPostback', { id: p.advertiserId })
    expect(result.steps.map((s) => s.ok)).toEqual([true, true])
    expect(result.ok).toBe(true)
    // The test conversion is stored rejected: visible, but it pays nobody.
    expect(rows('SELECT status FROM conversions')).toEqual([{ status: 'rejected' }])
    expect(rows('SELECT id FROM commissions')).toEqual([])
  })

  it('rotating the secret makes old signatures fail at once', async () => {
    p = await startProgram()
    const { clickId } = await click(p.base, p.linkCode)
    await p.t.call('advertisers.rotateSecret', { id: p.advertiserId })
    expect((await postback(p.base, signedQuery(p.secret, sale(clickId!)))).status).toBe(403)
    const fresh = await p.t.secrets(p.advertiserId)
    expect((await postback(p.base, signedQuery(fresh.secret, sale(clickId!)))).status).toBe(200)
  }, 15_000)

  it('normalises allowed origins and refuses malformed IP entries', async () => {
    p = await startProgram()
    const updated = await p.t.call('advertisers.update', {
      id: p.advertiserId,
      allowedOrigins: ['https://Shop.example/checkout'],
    })
    expect(updated.allowedOrigins).toEqual(['https://shop.example'])
    expect(
      await p.t.raw('advertisers.update', { id: p.advertiserId, allowedIps: ['300.1.1.1'] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
  })
})

// Thousands of random malformed requests at every public route of the listener (/c/:code, /postback
// GET and POST with form and JSON bodies, /t.js, /v1/track/click|conversion, /healthz), with the
// inputs a security review found (token headers and bodies, huge amounts, lone and split surrogates,
// forged forwarding headers, over-long click ids): never a 5xx, never a crash, memory flat, and
// nothing stored from a request that was refused.
import { connect } from 'node:net'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seededRandom } from '../src/main/demo/random'
import { defaultDbFile } from '../src/main/db/open'
import { click, nowSeconds, signedQuery, startProgram, type Program } from './support/listener'
import { withReadOnly } from './support/sql'
import { wellFormed } from '../src/main/tracking/text'

// A lone surrogate cannot travel in a URL (UTF-8 has no bytes for it): it arrives as U+FFFD, or as
// the raw bytes %ED%A0%BD, which JUNK sends too.
const enc = (s: string) => encodeURIComponent(wellFormed(s))

const isWellFormed = (s: string): boolean => {
  try {
    encodeURIComponent(s)
    return true
  } catch {
    return false
  }
}

let p: Program
let clickId: string
beforeAll(async () => {
  p = await startProgram()
  clickId = (await click(p.base, p.linkCode)).clickId!
})
afterAll(async () => {
  await p.t.close()
})

const rnd = seededRandom(4242)
const JUNK = [
  '%',
  '%zz',
  '%00',
  '%E0%A4%A',
  '\u0000',
  '..',
  '//',
  '\\',
  '"',
  "'",
  '<script>',
  '&&',
  '==',
  '?',
  '#',
  ';',
  '\u2028',
  '😀',
  '\ud83d',
  '\ude00',
  '%ED%A0%BD',
  '%F0%9F',
  '+',
  ' ',
]
const KEYS = [
  'clickid',
  'order_id',
  'amount',
  'currency',
  'payout',
  'event',
  'status',
  'timestamp',
  'hash',
  'token',
  'sub1',
  'email',
  'customer_id',
  'x',
  'sub2',
  'adv1',
]

const HUGE = ['90071992547409.91', '999999999999999', '9007199254740993', '1e308', '1000000.01', '0.001']

function junk(max: number): string {
  let s = ''
  const n = rnd.int(0, max)
  for (let i = 0; i < n; i++) s += rnd.chance(0.3) ? rnd.pick(JUNK) : String.fromCharCode(rnd.int(32, 126))
  return s
}

function randomQuery(): string {
  const pairs: string[] = []
  for (let i = rnd.int(0, 8); i > 0; i--) {
    const k = rnd.chance(0.8) ? rnd.pick(KEYS) : junk(10)
    const v = rnd.chance(0.2) ? clickId : rnd.chance(0.2) ? String(rnd.int(-10, 1e9)) : junk(40)
    pairs.push(rnd.chance(0.8) ? `${enc(k)}=${enc(v)}` : `${k}=${v}`)
  }
  return pairs.join(rnd.chance(0.9) ? '&' : ';')
}

/** Order ids of requests that must be refused; none may ever be stored. */
const REFUSED_PREFIX = 'refused-'
let refusedSeq = 0

function randomRequest(): {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
  mustRefuse?: boolean
} {
  // Requests built to be refused whatever else is random about them.
  if (rnd.chance(0.1)) return refusedRequest()
  const path = rnd.pick([
    () => `/c/${rnd.chance(0.3) ? p.linkCode : junk(40)}?${randomQuery()}`,
    () =>
      `/c/${p.linkCode}?sub1=${encodeURIComponent(`${'a'.repeat(rnd.int(250, 256))}😀`)}&sub2=${junk(300)}`,
    () => `/postback?${randomQuery()}`,
    () =>
      `/postback?${signedQuery(p.secret, { clickid: clickId, order_id: junk(20) || 'o', amount: rnd.pick(HUGE), timestamp: nowSeconds() })}`,
    () => '/healthz',
    () =>
      `/postback?${signedQuery(p.secret, { clickid: clickId, order_id: junk(20) || 'o', amount: junk(6), timestamp: nowSeconds() })}`,
    () => '/t.js',
    () => `/v1/track/${rnd.pick(['click', 'conversion', 'x'])}`,
    () => `/${junk(30)}`,
  ])()
  const method = rnd.pick(['GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'])
  const headers: Record<string, string> = {}
  if (rnd.chance(0.5))
    headers['content-type'] = rnd.pick([
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      junk(20),
    ])
  if (rnd.chance(0.3)) headers.origin = rnd.pick(['https://shop.example', 'https://evil.example', junk(20)])
  if (rnd.chance(0.3)) headers['x-forwarded-for'] = rnd.pick(['203.0.113.9', junk(30), '1.1.1.1, 2.2.2.2'])
  if (rnd.chance(0.2))
    headers['cf-connecting-ip'] = rnd.pick(['9.9.9.9', '::1', junk(30), '1.1.1.1, 2.2.2.2'])
  if (rnd.chance(0.2)) headers['x-postback-token'] = rnd.pick([p.token, junk(40), '', 'x'.repeat(2000)])
  if (rnd.chance(0.2)) headers['user-agent'] = junk(600)
  const body =
    method === 'POST'
      ? rnd.pick([
          () => randomQuery(),
          () => junk(200),
          () => JSON.stringify({ clickId, orderId: junk(10), amount: junk(5) }),
          () => JSON.stringify({ clickId, orderId: junk(10), amount: rnd.pick(HUGE), currency: junk(4) }),
          () =>
            JSON.stringify({ clickid: clickId, order_id: junk(10), token: rnd.pick([p.token, junk(20)]) }),
          () => JSON.stringify({ linkCode: p.linkCode, subs: { sub1: `${'a'.repeat(254)}\ud83d` } }),
          () => `token=${enc(junk(30))}&${randomQuery()}`,
          () => '{"a":',
        ])()
      : undefined
  return { method, path, headers, ...(body !== undefined ? { body } : {}) }
}

function refusedRequest(): ReturnType<typeof randomRequest> {
  const order = `${REFUSED_PREFIX}${++refusedSeq}`
  const ts = nowSeconds()
  return rnd.pick([
    // Over the campaign's largest amount, correctly signed.
    () => ({
      method: 'GET',
      path: `/postback?${signedQuery(p.secret, { clickid: clickId, order_id: order, amount: rnd.pick(HUGE.slice(0, 5)), timestamp: ts })}`,
      headers: {},
    }),
    // A click id we never issued, however long.
    () => ({
      method: 'GET',
      path: `/postback?${signedQuery(p.secret, { clickid: 'A'.repeat(rnd.int(27, 64)), order_id: order, amount: '1', timestamp: ts })}`,
      headers: {},
    }),
    // Unsigned, with a token header (the program signs params, so a token proves nothing).
    () => ({
      method: 'POST',
      path: '/postback',
      headers: { 'content-type': 'application/json', 'x-postback-token': p.token },
      body: JSON.stringify({ clickid: clickId, order_id: order, amount: '1', token: p.token }),
    }),
    // A browser report from an origin nobody allowed, with a forged forwarding header.
    () => ({
      method: 'POST',
      path: '/v1/track/conversion',
      headers: {
        'content-type': 'application/json',
        origin: 'https://evil.example',
        'cf-connecting-ip': '9.9.9.9',
      },
      body: JSON.stringify({ clickId, orderId: order, amount: '1' }),
    }),
    // A browser report over the campaign's largest amount.
    () => ({
      method: 'POST',
      path: '/v1/track/conversion',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
      body: JSON.stringify({ clickId, orderId: order, amount: rnd.pick(HUGE.slice(0, 5)) }),
    }),
  ])()
}

function send(r: ReturnType<typeof randomRequest>): Promise<number> {
  const url = new URL(p.base)
  return new Promise((resolve) => {
    let path = r.path
    // node:http refuses to send some invalid paths itself; those are sent raw below instead.
    if (/[^\x21-\x7e]/.test(path)) path = encodeURI(wellFormed(path))
    try {
      const req = request(
        { host: url.hostname, port: url.port, method: r.method, path, headers: r.headers },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        },
      )
      req.on('error', () => resolve(-1))
      req.end(r.body)
    } catch {
      // node:http will not send this (illegal header bytes, say): send the same request raw instead.
      const head = [
        `${r.method} ${r.path} HTTP/1.1`,
        `Host: ${url.host}`,
        ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`),
      ]
      const raw = Buffer.from(
        `${head.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(r.body ?? '')}\r\nConnection: close\r\n\r\n${r.body ?? ''}`,
        'latin1',
      )
      void sendRaw(raw).then((answer) => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? -2)))
    }
  })
}

function sendRaw(bytes: Buffer): Promise<string> {
  const url = new URL(p.base)
  return new Promise((resolve) => {
    const s = connect(Number(url.port), url.hostname)
    let out = ''
    s.on('data', (d) => (out += d.toString('latin1')))
    s.on('error', () => resolve(out))
    s.on('close', () => resolve(out))
    s.setTimeout(2000, () => s.destroy())
    s.end(bytes)
  })
}

describe('listener under random malformed input', () => {
  it('never answers 5xx and keeps memory flat over thousands of requests', async () => {
    const statuses = new Map<number, number>()
    const heap: number[] = []
    const refusedAnswers: number[] = []
    for (let round = 0; round < 6; round++) {
      for (let batch = 0; batch < 20; batch++) {
        const requests = Array.from({ length: 32 }, () => randomRequest())
        const results = await Promise.all(requests.map((r) => send(r)))
        results.forEach((s, i) => {
          statuses.set(s, (statuses.get(s) ?? 0) + 1)
          if (requests[i]!.path.includes(REFUSED_PREFIX) || requests[i]!.body?.includes(REFUSED_PREFIX)) {
            refusedAnswers.push(s)
          }
        })
      }
      ;(globalThis as { gc?: () => void }).gc?.()
      heap.push(process.memoryUsage().heapUsed)
    }
    const fiveHundreds = [...statuses].filter(([s]) => s >= 500)
    expect(fiveHundreds).toEqual([])
    const total = [...statuses.values()].reduce((a, b) => a + b, 0)
    expect(total).toBe(6 * 20 * 32)
    // Most requests reached the server and got an answer (client-side refusals are -1/-2).
    expect((statuses.get(-1) ?? 0) + (statuses.get(-2) ?? 0)).toBeLessThan(total / 10)
    // Growth after warm-up stays small: no per-request state is kept without bound.
    expect(heap.at(-1)! - heap[1]!).toBeLessThan(40 * 1024 * 1024)
    expect((await click(p.base, p.linkCode)).status).toBe(302)

    // Everything built to be refused was refused with a 4xx, and left nothing behind.
    expect(refusedAnswers.length).toBeGreaterThan(50)
    expect(refusedAnswers.filter((s) => s < 400 || s >= 500)).toEqual([])
    withReadOnly(defaultDbFile(p.t.dir), (db) => {
      expect(
        db.value(
          `SELECT count(*) FROM conversions WHERE order_id LIKE '${REFUSED_PREFIX}%' OR order_ref LIKE '${REFUSED_PREFIX}%'`,
        ),
      ).toBe(0)
      // No stored amount is over the campaign's limit, and every stored text is well formed.
      expect(db.value('SELECT count(*) FROM conversions WHERE amount_minor > 100000000')).toBe(0)
      for (const r of db.all<{ t: string | null }>(
        'SELECT sub1 AS t FROM clicks UNION ALL SELECT sub2 FROM clicks UNION ALL SELECT user_agent FROM clicks',
      )) {
        if (r.t !== null) expect(r.t.includes('\ufffd\ufffd\ufffd') || isWellFormed(r.t)).toBe(true)
      }
      // A forged CF-Connecting-IP (tunnel kind: proxy, the default) never became a visitor's address.
      expect(db.value("SELECT count(*) FROM clicks WHERE ip = '9.9.9.9'")).toBe(0)
    })
  }, 120_000)

  it('answers raw protocol garbage with 4xx or a closed socket, never 5xx', async () => {
    for (let i = 0; i < 200; i++) {
      const len = rnd.int(1, 3000)
      const bytes = Buffer.alloc(len)
      for (let j = 0; j < len; j++) bytes[j] = rnd.int(0, 255)
      const prefix = rnd.chance(0.5)
        ? Buffer.from(`${rnd.pick(['GET', 'POST', 'XYZ'])} /${junk(20)} HTTP/1.1\r\n`)
        : Buffer.alloc(0)
      const answer = await sendRaw(Buffer.concat([prefix, bytes]))
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer)
      if (m) expect(Number(m[1])).toBeLessThan(500)
    }
    expect((await click(p.base, p.linkCode)).status).toBe(302)
  }, 120_000)
})

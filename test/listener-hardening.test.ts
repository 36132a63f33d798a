// The hostile inputs a security review found on the listener (issue 14), each replayed against a
// real core on loopback: forged forwarding headers, malformed click ids, split surrogate pairs,
// huge amounts, click floods and tokens outside the URL.
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRollupStage } from '../src/main/db/sqlite/rollups'
import { defaultDbFile } from '../src/main/db/open'
import { withReadOnly } from './support/sql'
import { CLICK_FLOOD_MULTIPLE, startListener, type Listener } from '../src/main/tracking/listener/server'
import type { Store } from '../src/main/db/store'
import { click, postback, signedQuery, startProgram, nowSeconds, type Program } from './support/listener'

let p: Program
beforeAll(async () => {
  p = await startProgram()
})
afterAll(async () => {
  await p.t.close()
})

const dbFile = () => defaultDbFile(p.t.dir)

async function clickWith(headers: Record<string, string>): Promise<{ ip: string; country: string }> {
  const res = await fetch(`${p.t.core.listenerUrl!}/c/${p.linkCode}`, { redirect: 'manual', headers })
  await res.arrayBuffer()
  expect(res.status).toBe(302)
  const id = new URL(res.headers.get('location')!).searchParams.get('clickid')!
  return withReadOnly(dbFile(), (db) =>
    db.get<{ ip: string; country: string }>('SELECT ip, country FROM clicks WHERE click_id = ?', id)!,
  )
}

describe('forwarding headers follow the tunnel kind', () => {
  it('ignores CF-Connecting-IP from loopback unless the tunnel is cloudflared', async () => {
    const forged = { 'cf-connecting-ip': '9.9.9.9' }
    // The default (another reverse proxy) and ngrok: anyone can send the header through them.
    expect((await p.t.call('settings.get', {})).tunnelKind).toBe('proxy')
    expect(await clickWith(forged)).toEqual({ ip: '127.0.0.1', country: 'unknown' })
    await p.t.call('settings.update', { tunnelKind: 'ngrok' })
    expect(await clickWith(forged)).toEqual({ ip: '127.0.0.1', country: 'unknown' })
    expect((await clickWith({ ...forged, 'x-forwarded-for': '8.8.8.8' })).ip).toBe('8.8.8.8')
    await p.t.call('settings.update', { tunnelKind: 'none' })
    expect((await clickWith({ ...forged, 'x-forwarded-for': '8.8.8.8' })).ip).toBe('127.0.0.1')
    // Behind cloudflared the loopback peer is the tunnel daemon, which passes Cloudflare's header on.
    await p.t.call('settings.update', { tunnelKind: 'cloudflared' })
    expect((await clickWith(forged)).ip).toBe('9.9.9.9')
    await p.t.call('settings.update', { tunnelKind: 'proxy' })
  })
})

/** A second listener on the program's store, with a store whose click lookups are counted. */
async function countingListener(): Promise<{ listener: Listener; lookups: () => number }> {
  let lookups = 0
  const store = p.t.core.store
  const counted: Store = {
    ...store,
    tracking: {
      ...store.tracking,
      findClick: (id) => {
        lookups++
        return store.tracking.findClick(id)
      },
    },
  }
  const listener = await startListener({
    store: counted,
    port: 0,
    publicBaseUrl: 'http://127.0.0.1',
    trustedProxies: [],
  })
  return { listener, lookups: () => lookups }
}

describe('click id format before lookup', () => {
  it('looks up and caches nothing for ids that are not ours, however long', async () => {
    const { listener, lookups } = await countingListener()
    try {
      for (let i = 0; i < 300; i++) {
        const clickid = i % 2 ? `${'A'.repeat(1000)}${i}` : `01UNKNOWN${i}`
        const r = await postback(
          listener.url,
          signedQuery(p.secret, { clickid, order_id: `o${i}`, amount: '1', timestamp: nowSeconds() }),
        )
        expect(r.status, clickid).toBe(i % 2 ? 400 : 404)
      }
      expect(lookups()).toBe(0)
      expect(listener.cacheSizes().clicks).toBe(0)
      // An id in our format is looked up once, and its miss remembered.
      const ours = '01KBZZZZZZZZZZZZZZZZZZZZZZ'
      for (let i = 0; i < 3; i++) {
        const q = signedQuery(p.secret, {
          clickid: ours,
          order_id: 'o',
          amount: '1',
          timestamp: nowSeconds(),
        })
        expect((await postback(listener.url, q)).status).toBe(404)
      }
      expect(lookups()).toBe(1)
      expect(listener.cacheSizes().clicks).toBe(1)
    } finally {
      await listener.close()
    }
  })
})

describe('surrogate pairs', () => {
  it('redirects a sub id of 254 a and an emoji (302) and stores it whole and well formed', async () => {
    for (const [sub, stored] of [
      [`${'a'.repeat(254)}😀`, `${'a'.repeat(254)}😀`],
      [`${'b'.repeat(255)}😀`, 'b'.repeat(255)],
    ] as const) {
      const r = await click(p.t.core.listenerUrl!, p.linkCode, `?sub1=${encodeURIComponent(sub)}`)
      expect(r.status).toBe(302)
      expect(new URL(r.location!).searchParams.get('sub1')).toBe(stored)
      const row = withReadOnly(dbFile(), (db) =>
        db.get<{ sub1: string; hex: string }>(
          'SELECT sub1, hex(sub1) AS hex FROM clicks WHERE click_id = ?',
          r.clickId,
        ),
      )!
      expect(row.sub1).toBe(stored)
      // The bytes on disk are the UTF-8 of the text: no replacement character, no half pair.
      expect(row.hex).toBe(Buffer.from(stored, 'utf8').toString('hex').toUpperCase())
    }
  })
})

describe('token mode outside the URL', () => {
  it('accepts the token in X-Postback-Token or a POST body, and the setup recommends the header', async () => {
    const tp = await startProgram({ signingMode: 'token' })
    try {
      const sale = (clickid: string, order: string) => ({ clickid, order_id: order, amount: '10.00' })
      const clickId = (await click(tp.base, tp.linkCode)).clickId!
      const q = (o: string) => new URLSearchParams(sale(clickId, o)).toString()
      const header = { 'X-Postback-Token': tp.token }
      expect((await postback(tp.base, q('h1'), { headers: header })).status).toBe(200)
      expect((await postback(tp.base, q('h2'), { headers: { 'X-Postback-Token': 'wrong' } })).status).toBe(
        403,
      )
      // Header and query disagree: refused rather than picking one.
      expect((await postback(tp.base, `${q('h3')}&token=wrong`, { headers: header })).status).toBe(403)
      const form = await fetch(`${tp.base}/postback`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...sale(clickId, 'f1'), token: tp.token }),
      })
      expect(form.status).toBe(200)
      const json = await fetch(`${tp.base}/postback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...sale(clickId, 'j1'), token: tp.token }),
      })
      expect(json.status).toBe(200)
      expect((await postback(tp.base, q('none'))).status).toBe(403)
      const orders = withReadOnly(defaultDbFile(tp.t.dir), (db) =>
        db.all<{ o: string; trust: string }>('SELECT order_id AS o, trust FROM conversions ORDER BY id'),
      )
      expect(orders).toEqual(['h1', 'f1', 'j1'].map((o) => ({ o, trust: 'token' })))

      const setup = await tp.t.call('advertisers.postbackSetup', { id: tp.advertiserId })
      expect(setup.postbackUrl).not.toContain('token')
      expect(setup.recipe[0]).toContain('X-Postback-Token')
      expect(setup.snippets[0]!.code).toContain('X-Postback-Token')
      // The built-in test postback sends the header too, through the real listener.
      expect((await tp.t.call('advertisers.sendTestPostback', { id: tp.advertiserId })).ok).toBe(true)
    } finally {
      await tp.t.close()
    }
  })
})

describe('huge amounts', () => {
  it('refuses amounts over the campaign limit (400), so two postbacks of 90071992547409.91 cannot break the dashboard', async () => {
    const clickId = (await click(p.t.core.listenerUrl!, p.linkCode)).clickId!
    const before = withReadOnly(dbFile(), (db) => db.value('SELECT count(*) FROM conversions'))
    for (const [i, field] of [
      [1, 'amount'],
      [2, 'amount'],
      [3, 'payout'],
    ] as const) {
      const r = await postback(
        p.t.core.listenerUrl!,
        signedQuery(p.secret, {
          clickid: clickId,
          order_id: `huge-${i}`,
          [field]: '90071992547409.91',
          timestamp: nowSeconds(),
        }),
      )
      expect(r.status).toBe(400)
      expect(r.body.reason).toBe(
        `${field} 90071992547409.91 USD is more than this campaign accepts for one conversion (1000000.00 USD); the owner can raise the limit in the campaign's settings`,
      )
    }
    expect(withReadOnly(dbFile(), (db) => db.value('SELECT count(*) FROM conversions'))).toBe(before)
    await p.t.call('stats.overview', { days: 7 })

    // The limit is the campaign's: raised, the same sale goes through.
    await p.t.call('campaigns.update', { id: p.campaignId, maxPostbackAmountMinor: 10_000_000_000 })
    const ok = await postback(
      p.t.core.listenerUrl!,
      signedQuery(p.secret, {
        clickid: clickId,
        order_id: 'big-ok',
        amount: '99999999.99',
        timestamp: nowSeconds(),
      }),
    )
    expect(ok.status).toBe(200)
    await p.t.call('campaigns.update', { id: p.campaignId, maxPostbackAmountMinor: 100_000_000 })
  })

  it('clamps rollups and dashboard sums to safe integers rather than failing the stats contract', async () => {
    const day = new Date().toISOString().slice(0, 10)
    const db = new Database(dbFile())
    try {
      // Two increments that together pass 2^53, through the real rollup stage.
      const stage = createRollupStage(db)
      for (let i = 0; i < 2; i++) {
        stage.stage({
          day,
          campaignId: p.campaignId,
          affiliateId: p.affiliateIds[0]!,
          linkId: 0,
          conversions: 1,
          revenueMinor: 2 ** 52 + 7,
          commissionMinor: 1,
        })
        db.transaction(() => stage.flush())()
      }
      const stored = db
        .prepare(
          'SELECT revenue_minor AS r FROM daily_stats WHERE day = ? AND link_id = 0 AND affiliate_id = ?',
        )
        .get(day, p.affiliateIds[0]!) as { r: number }
      expect(stored.r).toBe(Number.MAX_SAFE_INTEGER)
      // Another safe row for the same currency on another day: the dashboard sum would pass 2^53.
      db.prepare(
        `INSERT INTO daily_stats (day, campaign_id, affiliate_id, link_id, revenue_minor) VALUES ('2000-01-01', ?, ?, 0, ?)`,
      ).run(p.campaignId, p.affiliateIds[0]!, Number.MAX_SAFE_INTEGER)
      db.prepare(`UPDATE daily_stats SET day = ? WHERE day = '2000-01-01'`).run(
        new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      )
    } finally {
      db.close()
    }
    const stats = await p.t.call('stats.overview', { days: 7 })
    expect(stats.money.find((m) => m.currency === 'USD')!.revenueMinor).toBe(Number.MAX_SAFE_INTEGER)
  })
})

describe('clicks far over budget', () => {
  it('stores at most CLICK_FLOOD_MULTIPLE budgets of one IP and counts the rest, still redirecting', async () => {
    const at = Date.now()
    // Budget 10/min (burst 120) on a frozen clock: no refill, so the numbers are exact.
    const listener = await startListener({
      store: p.t.core.store,
      port: 0,
      publicBaseUrl: 'http://127.0.0.1',
      trustedProxies: [],
      clicksPerMinute: 10,
      now: () => at,
    })
    const day = new Date(at).toISOString().slice(0, 10)
    const counts = () =>
      withReadOnly(dbFile(), (db) => ({
        rows: db.value('SELECT count(*) FROM clicks'),
        flaggedRows: db.value("SELECT count(*) FROM clicks WHERE flag_reason LIKE '%rate_limited%'"),
        ...db.get<{ clicks: number; flagged: number; unstored: number }>(
          `SELECT total(clicks) AS clicks, total(flagged_clicks) AS flagged, total(unstored_clicks) AS unstored
             FROM daily_stats WHERE day = ?`,
          day,
        )!,
      }))
    try {
      const before = counts()
      const total = 600
      const statuses: number[] = []
      for (let i = 0; i < total; i += 50) {
        const batch = await Promise.all(Array.from({ length: 50 }, () => click(listener.url, p.linkCode)))
        statuses.push(...batch.map((r) => r.status))
      }
      expect(statuses.filter((s) => s !== 302)).toEqual([])
      const after = counts()
      const burst = 120
      const stored = burst * CLICK_FLOOD_MULTIPLE
      expect(after.rows - before.rows).toBe(stored)
      expect(after.flaggedRows - before.flaggedRows).toBe(stored - burst)
      expect(after.clicks - before.clicks).toBe(total)
      expect(after.flagged - before.flagged).toBe(total - burst)
      expect(after.unstored - before.unstored).toBe(total - stored)
    } finally {
      await listener.close()
    }
  }, 60_000)
})

// A full disk, simulated by SQLite itself: PRAGMA max_page_count caps the file at its current size,
// so the next write fails with SQLITE_FULL exactly as on a full disk or quota. The listener must
// answer 503 (retry later), the contract a clear `unavailable`, nothing may be half-written, and
// service must resume by itself once there is room again.
import type Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from './support/core'
import { nowSeconds, signedQuery } from './support/listener'
import { createProgram } from './support/program'
import { withReadOnly } from './support/sql'

let t: TestCore | null = null
afterEach(async () => {
  await t?.close()
  t = null
})

describe('a full disk', () => {
  it('answers 503 and `unavailable`, keeps the file sound, and resumes when space returns', async () => {
    let writer: Database.Database | null = null
    t = await startTestCore({
      noListener: false,
      listenerPort: 0,
      listenerLimits: { clicksPerMinute: 1_000_000, postbacksPerMinute: 1_000_000 },
      onDatabaseOpen: (sqlite) => (writer = sqlite),
    })
    const program = await createProgram(t, {
      plan: { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] },
      chain: ['PARENT', 'CHILD'],
    })
    await t.call('links.create', {
      affiliateId: program.affiliateIds[1]!,
      campaignId: program.campaignId,
      code: 'FULL',
    })
    const { secret } = await t.secrets(program.advertiserId)
    const base = t.core.listenerUrl!
    const click = async () => {
      const res = await fetch(`${base}/c/FULL`, { redirect: 'manual' })
      return {
        status: res.status,
        clickId: new URL(res.headers.get('location') ?? 'x:/').searchParams.get('clickid'),
      }
    }
    const sale = (clickId: string, orderId: string, n: number) =>
      fetch(
        `${base}/postback?${signedQuery(secret, { clickid: clickId, order_id: orderId, amount: `${50 + n}.00`, timestamp: nowSeconds() })}`,
      )
    const before = await click()
    expect(before.status).toBe(302)

    // The disk fills up: no page may be added from now on.
    const db = writer as Database.Database | null
    if (!db) throw new Error('the core did not hand over its writing connection')
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    // Free room inside existing pages still takes a few rows; keep writing until the storage says no
    // to a click and to a sale.
    const clicks: number[] = []
    const acked: string[] = []
    let refusedOrder: string | null = null
    for (let i = 0; i < 3000 && (refusedOrder === null || !clicks.includes(503)); i++) {
      clicks.push((await click()).status)
      if (refusedOrder !== null) continue
      const res = await sale(before.clickId!, `FULL-${i}`, i)
      if (res.status === 200) acked.push(`FULL-${i}`)
      else {
        expect(res.status, 'a sale when nothing can be stored').toBe(503)
        expect(res.headers.get('retry-after') ?? (await res.text())).toBeTruthy()
        refusedOrder = `FULL-${i}`
      }
    }
    expect(clicks.at(-1), 'a click when nothing can be stored').toBe(503)
    expect(clicks.every((s) => s === 302 || s === 503)).toBe(true)
    if (refusedOrder === null) throw new Error('the full disk never refused a sale')

    // The same for the owner's own edits: some fit in free room, then a clear `unavailable`.
    const created: string[] = []
    let refusedCode: string | null = null
    for (let i = 0; i < 500 && refusedCode === null; i++) {
      const env = await t.raw('affiliates.create', {
        name: `Late ${i}`,
        email: `late${i}@x.example`,
        code: `LATE${i}`,
      })
      if (env.ok) created.push(`LATE${i}`)
      else {
        expect(env.error.code).toBe('unavailable')
        expect(env.error.message).toMatch(/disk is full or the folder is read-only.*Nothing was saved/)
        refusedCode = `LATE${i}`
      }
    }
    if (refusedCode === null) throw new Error('the full disk never refused an edit')
    // Reading still works: the owner can look at the books while fixing the disk.
    expect((await t.call('affiliates.list', {})).rows.map((a) => a.code)).toEqual(
      expect.arrayContaining(['PARENT', 'CHILD']),
    )

    // Space returns: the same requests now succeed, and nothing was half-saved meanwhile.
    db.pragma('max_page_count = 4294967294')
    expect((await click()).status).toBe(302)
    const retried = await sale(before.clickId!, refusedOrder, 0)
    expect(retried.status).toBe(200)
    await t.call('affiliates.create', { name: 'Late', email: 'late@x.example', code: refusedCode })
    await t.core.close()
    withReadOnly(t.core.dbFile, (ro) => {
      expect(ro.value<string>('SELECT integrity_check AS n FROM pragma_integrity_check')).toBe('ok')
      expect(ro.value(`SELECT count(*) AS n FROM conversions WHERE order_id = 'FULL-1'`)).toBe(1)
      expect(
        ro.value(
          `SELECT count(*) AS n FROM commissions m JOIN conversions c ON c.id = m.conversion_id WHERE c.order_id = 'FULL-1'`,
        ),
      ).toBe(2)
      expect(
        ro
          .all<{ code: string }>(`SELECT code FROM affiliates WHERE code LIKE 'LATE%'`)
          .map((r) => r.code)
          .sort(),
      ).toEqual([...created, refusedCode].sort())
    })
  }, 60_000)
})

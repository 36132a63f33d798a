// After a kill -9 under load, nothing the listener acknowledged may be missing.
import type { ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from './support/core'
import { startCoreProcess } from './support/core-process'
import { nowSeconds, signedQuery } from './support/listener'
import { createProgram } from './support/program'
import { withReadOnly } from './support/sql'

let child: ChildProcess | null = null
let childExit: Promise<unknown[]> = Promise.resolve([])
let setup: TestCore | null = null
afterEach(async () => {
  child?.kill('SIGKILL')
  await setup?.close()
})

async function startChild(dataDir: string): Promise<string> {
  // Node's fetch converting within a second of its click reads as a bot injecting clicks: the
  // fraud checks would reject every sale, and this test counts their commission rows.
  const c = await startCoreProcess(dataDir, ['--fraud-off'])
  child = c.process
  childExit = c.exit
  return c.listenerUrl
}

describe('durability', () => {
  it('keeps every acknowledged click and postback after kill -9 under load', async () => {
    // Build the program with one core, then hand the folder to a separate process to kill.
    setup = await startTestCore()
    const t = setup
    const program = await createProgram(t)
    const { secret } = await t.secrets(program.advertiserId)
    await t.call('links.create', {
      affiliateId: program.affiliateIds[0]!,
      campaignId: program.campaignId,
      code: 'K9',
    })
    await t.core.close()

    const base = await startChild(t.dir)
    const ackedClicks: string[] = []
    const ackedOrders: string[] = []
    let stop = false
    let order = 0
    const worker = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${base}/c/K9`, { redirect: 'manual' })
          const loc = res.headers.get('location')
          if (res.status !== 302 || !loc) continue
          const clickId = new URL(loc).searchParams.get('clickid')!
          ackedClicks.push(clickId)
          if (ackedClicks.length % 3 === 0) {
            const orderId = `O-${order++}`
            const q = signedQuery(secret, {
              clickid: clickId,
              order_id: orderId,
              amount: '10.00',
              timestamp: nowSeconds(),
            })
            const pb = await fetch(`${base}/postback?${q}`)
            if (pb.status === 200) ackedOrders.push(orderId)
          }
        } catch {
          // The process is gone: requests in flight are not acknowledged, so they are not counted.
        }
      }
    }
    const workers = Array.from({ length: 32 }, worker)
    // Kill once the load is real: at least 1.5 s and enough acknowledgements to be worth checking
    // (a loaded machine starts the child and serves it more slowly; waiting on a count, not a clock).
    const started = Date.now()
    while (Date.now() - started < 1500 || ackedClicks.length <= 200 || ackedOrders.length <= 20)
      await new Promise((r) => setTimeout(r, 20))
    child!.kill('SIGKILL')
    stop = true
    await Promise.all(workers)
    await childExit
    expect(ackedClicks.length).toBeGreaterThan(200)
    expect(ackedOrders.length).toBeGreaterThan(20)

    // Reopen exactly as the app would (WAL recovery happens here), then look for every acknowledgement.
    await t.restart()
    await t.core.close()
    withReadOnly(t.core.dbFile, (db) => {
      const clicks = new Set(db.all<{ id: string }>('SELECT click_id AS id FROM clicks').map((r) => r.id))
      const orders = new Set(
        db.all<{ id: string }>('SELECT order_id AS id FROM conversions').map((r) => r.id),
      )
      expect(ackedClicks.filter((id) => !clicks.has(id))).toEqual([])
      expect(ackedOrders.filter((id) => !orders.has(id))).toEqual([])
      expect(db.value('SELECT count(*) AS n FROM commissions')).toBeGreaterThanOrEqual(ackedOrders.length)
    })
  }, 30_000)
})

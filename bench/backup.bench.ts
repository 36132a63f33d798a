// npm run bench:backup — what an online backup costs the listener. Clicks are sent through the real
// listener by concurrent clients while nothing else runs, then while a backup of the same database
// runs (the backup API copying 256 pages per event-loop turn, then verification); the two are
// measured in interleaved rounds and the median round's ratios are printed. Client and server share
// one process, so a stall of the event loop shows in the clients' latencies as it would in a tunnel's.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../src/main/core/core'
import { newClickId } from '../src/main/tracking/click-id'
import { clickRecord, MIGRATIONS } from '../test/support/core'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const HISTORY = Number(process.env.BENCH_CLICKS ?? 200_000)
const CLIENTS = 16

interface Sample {
  p50: number
  p99: number
  max: number
  count: number
  ms: number
}

function summarize(lat: number[], ms: number): Sample {
  const s = [...lat].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN
  return { p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? NaN, count: s.length, ms }
}

async function clicksWhile(base: string, until: () => boolean): Promise<number[]> {
  const lat: number[] = []
  const client = async () => {
    while (!until()) {
      const t = performance.now()
      const res = await fetch(`${base}/c/BENCH`, { redirect: 'manual' })
      await res.arrayBuffer()
      if (res.status === 302) lat.push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client))
  return lat
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number) => n.toFixed(2).padStart(8)

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'affdesk-bench-backup-'))
  const core = await createCore({
    dataDir: dir,
    migrationsFolder: MIGRATIONS,
    shell: 'headless',
    version: 'bench',
    listenerPort: 0,
    listenerLimits: { clicksPerMinute: 10_000_000, postbacksPerMinute: 10_000_000 },
    jobs: 'off',
    log: () => {},
  })
  try {
    const call = async (m: string, input: unknown) => {
      const env = await core.dispatch(m, input)
      if (!env.ok) throw new Error(env.error.message)
      return env.value as { id: number }
    }
    const adv = await call('advertisers.create', { name: 'Bench' })
    const campaign = await call('campaigns.create', {
      advertiserId: adv.id,
      name: 'Bench',
      destinationUrl: 'https://shop.example/',
      plan: { type: 'percentage', rateBps: 1000 },
    })
    const aff = await call('affiliates.create', { name: 'A', email: 'a@x.example', code: 'BENCHA' })
    await call('affiliates.setStatus', { id: aff.id, status: 'approved' })
    await call('links.create', { affiliateId: aff.id, campaignId: campaign.id, code: 'BENCH' })
    for (let i = 0; i < HISTORY; i += 10_000) {
      await Promise.all(
        Array.from({ length: 10_000 }, () =>
          core.store.tracking.recordClick(
            clickRecord({
              clickId: newClickId(),
              linkId: null,
              affiliateId: aff.id,
              campaignId: campaign.id,
              createdAt: Date.now(),
            }),
          ),
        ),
      )
    }
    const base = core.listenerUrl!
    console.log(
      `database ${(statSync(core.dbFile).size / 1e6).toFixed(1)} MB (+WAL), ${HISTORY} clicks of history, ${CLIENTS} clients`,
    )

    const rows: { idle: Sample; backup: Sample; backupMs: number }[] = []
    for (let r = 0; r < ROUNDS; r++) {
      // Idle first, for as long as the previous backup took (2 s in the first round).
      const span = rows.at(-1)?.backupMs ?? 2000
      let t0 = performance.now()
      const idleLat = await clicksWhile(base, () => performance.now() - t0 > span)
      const idle = summarize(idleLat, performance.now() - t0)

      t0 = performance.now()
      let done = false
      const run = core.backups.run('manual').then((res) => {
        done = true
        if (!res.ok) throw new Error(res.message)
        return res
      })
      const busyLat = await clicksWhile(base, () => done)
      await run
      const backupMs = performance.now() - t0
      rows.push({ idle, backup: summarize(busyLat, backupMs), backupMs })
      const b = rows.at(-1)!.backup
      console.log(
        `round ${r + 1}: idle p50 ${fmt(idle.p50)} p99 ${fmt(idle.p99)} max ${fmt(idle.max)} ms ${(idle.count / (idle.ms / 1000)).toFixed(0)} clicks/s | ` +
          `during backup (${backupMs.toFixed(0)} ms) p50 ${fmt(b.p50)} p99 ${fmt(b.p99)} max ${fmt(b.max)} ms ${(b.count / (b.ms / 1000)).toFixed(0)} clicks/s`,
      )
    }
    const ratio = (k: keyof Sample) => median(rows.map((x) => x.backup[k] / x.idle[k]))
    const rate = median(rows.map((x) => x.backup.count / x.backup.ms / (x.idle.count / x.idle.ms)))
    console.log(
      `median ratios during backup / idle: p50 ${ratio('p50').toFixed(2)}x, p99 ${ratio('p99').toFixed(2)}x, ` +
        `max ${ratio('max').toFixed(2)}x, click throughput ${rate.toFixed(2)}x; backup ${median(rows.map((x) => x.backupMs)).toFixed(0)} ms`,
    )
  } finally {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()

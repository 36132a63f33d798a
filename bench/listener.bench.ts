// npm run bench:listener — the listener against a bare node:http server measured in the same run.
// Clicks: everything a click records (link lookup, device type, country, rate check, rollups) and
// every click durable before its 302. Postbacks: each verified, deduplicated and stored with its
// commission rows. Prints ratios against the bare server; absolute numbers drift between machines.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createCore } from '../src/main/core/core'
import { signParams } from '../src/main/tracking/postback-signature'
import { MIGRATIONS } from '../test/support/core'
import { load, type LoadResult } from './lib/load'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6)
const CONNECTIONS = 64
const children: ChildProcess[] = []

async function startProcess(
  script: string,
  args: string[] = [],
  nodeArgs: string[] = [],
): Promise<Record<string, string>> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  children.push(child)
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
  return JSON.parse(line) as Record<string, string>
}

function show(name: string, r: LoadResult): void {
  console.log(
    `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50ms.toFixed(2)} ms   p99 ${r.p99ms.toFixed(2)} ms` +
      (r.non2xx3xx || r.errors ? `   (non-2xx/3xx ${r.non2xx3xx}, socket errors ${r.errors})` : ''),
  )
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'affdesk-bench-'))
  try {
    // A small program, created through the contract.
    const setup = await createCore({
      dataDir: dir,
      migrationsFolder: MIGRATIONS,
      shell: 'headless',
      version: 'bench',
      noListener: true,
      log: () => {},
    })
    const call = async (m: string, input: unknown) => {
      const r = await setup.dispatch(m, input)
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`)
      return r.value as { id: number; code: string }
    }
    const adv = await call('advertisers.create', { name: 'Bench advertiser' })
    const secret = (await setup.store.tracking.advertiserAuth(adv.id))!.postbackSecret
    const campaign = await call('campaigns.create', {
      advertiserId: adv.id,
      name: 'Bench',
      destinationUrl: 'https://shop.example/landing',
      plan: {
        type: 'percentage',
        rateBps: 1000,
        upline: [{ rateBps: 500 }, { rateBps: 200 }, { rateBps: 100 }, { rateBps: 50 }],
      },
    })
    let parentId: number | null = null
    let affiliate = { id: 0, code: '' }
    for (let i = 0; i < 5; i++) {
      affiliate = await call('affiliates.create', { name: `A${i}`, email: `a${i}@bench.example`, parentId })
      await call('affiliates.setStatus', { id: affiliate.id, status: 'approved' })
      parentId = affiliate.id
    }
    const link = await call('links.create', {
      affiliateId: affiliate.id,
      campaignId: campaign.id,
      code: 'BENCH',
    })
    await setup.close()

    const bare = await startProcess('./lib/bare-server.ts')
    // BENCH_PROFILE=DIR writes a CPU profile of the listener process there (for finding hot spots).
    const profile = process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
      : []
    const core = await startProcess('../test/support/serve-core.ts', [dir, '--real-click-limit'], profile)
    const listener = core.listenerUrl!

    console.log(
      `Listener benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run, loopback, same machine`,
    )
    // Warm both servers (JIT, caches) before measuring.
    await load(`${bare.url}/c/BENCH`, 1, CONNECTIONS)
    await load(`${listener}/c/${link.code}`, 1, CONNECTIONS)

    const bareRun = await load(`${bare.url}/c/BENCH`, SECONDS, CONNECTIONS)
    show('bare node:http 302 (baseline)', bareRun)
    const clickRun = await load(`${listener}/c/${link.code}`, SECONDS, CONNECTIONS)
    show('GET /c/:code (durable click)', clickRun)

    // Postbacks: each request is a distinct sale (its own order id and signature) on a real click.
    const clicks: string[] = []
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${listener}/c/${link.code}`, { redirect: 'manual' })
      clicks.push(new URL(res.headers.get('location')!).searchParams.get('clickid')!)
    }
    const ts = String(Math.floor(Date.now() / 1000))
    const count = Math.ceil(Math.max(60_000, bareRun.rps * 0.5) * (SECONDS + 1))
    const paths: string[] = []
    for (let i = 0; i < count; i++) {
      const params = {
        clickid: clicks[i % clicks.length]!,
        order_id: `B-${i}`,
        amount: '49.90',
        currency: 'USD',
        event: 'sale',
        timestamp: ts,
      }
      paths.push(`/postback?${new URLSearchParams({ ...params, hash: signParams(secret, params) })}`)
    }
    const postbackRun = await load(listener, SECONDS, CONNECTIONS, paths)
    show('GET /postback (signed, stored)', postbackRun)
    if (postbackRun.rps * SECONDS > count)
      console.log('  note: the pre-signed postbacks ran out; later requests were duplicates/replays')

    const clickRatio = clickRun.rps / bareRun.rps
    const postbackRatio = postbackRun.rps / bareRun.rps
    console.log('')
    console.log(
      `clicks    ratio ${clickRatio.toFixed(2)}x of bare (target >= 0.60)   p99 ${clickRun.p99ms.toFixed(2)} ms (target <= 10)`,
    )
    console.log(`postbacks ratio ${postbackRatio.toFixed(2)}x of bare (target >= 0.15)`)
    console.log(
      `load tool: ${bareRun.tool}; clicks/s vs a published 120 clicks/s commercial tracker: ${(clickRun.rps / 120).toFixed(0)}x`,
    )
  } finally {
    for (const c of children) c.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 1000))
    for (const c of children) c.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
process.exit(0)

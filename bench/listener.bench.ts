// npm run bench:listener — the listener against a bare node:http server measured in the same run.
// Clicks: everything a click records (link lookup, device type, country, rate check, rollups) and
// every click durable before its 302. Postbacks: each verified, deduplicated and stored with its
// commission rows. Prints ratios against the bare server; absolute numbers drift between machines.
// Fraud checks: the same postbacks against a second listener with the checks off (a copy of the
// same database), interleaved in the same rounds; the ratio is their cost (target <= 1.20), and
// each server's CPU per postback (from /proc) is printed beside it, steadier on a shared machine. Then
// the fraud windows' memory with 1,000,000 distinct IPs (target < 200 MB).
// Runs drift by ±10 % from one to the next on this 2-core machine, so the three servers are measured
// in interleaved rounds (bare, clicks, postbacks, bare, ...) and the median round's ratio counts.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createCore } from '../src/main/core/core'
import type { Store } from '../src/main/db/store'
import { createFraudRuntime } from '../src/main/fraud/runtime'
import { signParams } from '../src/main/tracking/postback-signature'
import { MIGRATIONS } from '../test/support/core'
import { load, type LoadResult } from './lib/load'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONNECTIONS = 64
const FRAUD_PAIRS = Number(process.env.BENCH_FRAUD_PAIRS ?? 6)
const FRAUD_SECONDS = 2
const children: ChildProcess[] = []
const RAW_IMPORT = new URL('../test/support/raw-import.mjs', import.meta.url).href

async function startProcess(
  script: string,
  args: string[] = [],
  nodeArgs: string[] = [],
): Promise<Record<string, string>> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--import',
      'tsx',
      '--import',
      RAW_IMPORT,
      fileURLToPath(new URL(script, import.meta.url)),
      ...args,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  children.push(child)
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
  return JSON.parse(line) as Record<string, string>
}

/**
 * CPU seconds a child process has used (user + system, its threads included), from /proc; null
 * where there is no /proc. Throughput swings with whatever else runs on the machine; the CPU a
 * server spends per request much less so.
 */
const CLOCK_TICKS = existsSync('/proc/self/stat')
  ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  : 0
function cpuSeconds(pid: number | undefined): number | null {
  if (!CLOCK_TICKS || pid === undefined) return null
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the parenthesised name: state is the 3rd field; utime and stime the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
}

/** A load run and the microseconds of the server's CPU it took per request (null without /proc). */
async function measured(pid: number | undefined, run: () => Promise<LoadResult>, seconds: number) {
  const before = cpuSeconds(pid)
  const result = await run()
  const after = cpuSeconds(pid)
  const requests = result.rps * seconds
  const cpuUs =
    before === null || after === null || requests === 0 ? null : ((after - before) * 1e6) / requests
  return { result, cpuUs }
}

function show(name: string, r: LoadResult): void {
  console.log(
    `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50ms.toFixed(2)} ms   p99 ${r.p99ms.toFixed(2)} ms` +
      (r.non2xx3xx || r.errors ? `   (non-2xx/3xx ${r.non2xx3xx}, socket errors ${r.errors})` : ''),
  )
}

/** Heap held by the fraud windows after 1,000,000 distinct IPs clicked (and 10 % converted). */
function fraudMemory(): string {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
  // observeClick reads no store: the windows and the self-referral memory are all it touches.
  const fraud = createFraudRuntime({ store: {} as Store, country: () => 'US' })
  const t0 = Date.UTC(2026, 10, 20)
  for (let i = 0; i < 1_000_000; i++) {
    const ip = `${11 + (i >>> 16)}.${(i >>> 8) & 255}.${i & 255}.${1 + (i % 7)}`
    const at = t0 + i * 50
    fraud.observeClick({ at, ip, affiliateId: 1 + (i % 500), fingerprint: null })
    if (i % 10 === 0)
      fraud.state.observeConversion({ at, ip, fingerprint: `fp${i % 50_000}`, affiliateId: 1 + (i % 500) })
  }
  gc()
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
  const mb = (b: number) => (b / 1_048_576).toFixed(0)
  return `${fraud.state.size().ips} IPs: heap delta ${mb(after - before)} MB, approxBytes ${mb(fraud.state.approxBytes())} MB (target < 200 MB)`
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
    const secret = (await setup.store.tracking.advertiserAuth(adv.id))!.postbackSecret!
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
    // The common program shape: the affiliate and one upline level (2-tier), two ledger rows a sale.
    const twoTier = await call('campaigns.create', {
      advertiserId: adv.id,
      name: 'Bench 2-tier',
      destinationUrl: 'https://shop.example/landing',
      plan: { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] },
    })
    const twoTierLink = await call('links.create', {
      affiliateId: affiliate.id,
      campaignId: twoTier.id,
      code: 'BENCH2',
    })
    await setup.close()
    const plainDir = `${dir}-nofraud`
    cpSync(dir, plainDir, { recursive: true })
    // The copy's sealed secrets open only with the same key, which lives beside the folder.
    cpSync(`${dir}.key`, `${plainDir}.key`)

    const bare = await startProcess('./lib/bare-server.ts')
    // BENCH_PROFILE=DIR writes a CPU profile of the listener process there (for finding hot spots).
    const profile = process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
      : []
    // Clicks run under a budget no single IP reaches: past four budgets a flood's clicks are only
    // counted (click-route.ts), which would measure less work than a real click does.
    const core = await startProcess('../test/support/serve-core.ts', [dir], profile)
    const corePid = children.at(-1)!.pid
    const listener = core.listenerUrl!
    const plain = (
      await startProcess('../test/support/serve-core.ts', [plainDir, '--real-click-limit', '--fraud-off'])
    ).listenerUrl!
    const plainPid = children.at(-1)!.pid

    console.log(
      `Listener benchmark: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per server, loopback, same machine`,
    )
    // Warm both servers (JIT, caches) before measuring.
    await load(`${bare.url}/c/BENCH`, 1, CONNECTIONS)
    await load(`${listener}/c/${link.code}`, 1, CONNECTIONS)

    // Postbacks: each request is a distinct sale (its own order id and signature) on a real click.
    // From public addresses (the listener believes loopback's X-Forwarded-For), so the fraud
    // checks count every window a real visitor's conversion would.
    const clicksOf = async (code: string, base = listener) => {
      const ids: string[] = []
      for (let i = 0; i < 200; i++) {
        const res = await fetch(`${base}/c/${code}`, {
          redirect: 'manual',
          headers: { 'x-forwarded-for': `81.2.${69 + (i >> 8)}.${(i & 255) + 1}` },
        })
        ids.push(new URL(res.headers.get('location')!).searchParams.get('clickid')!)
      }
      return ids
    }
    const deepClicks = await clicksOf(link.code)
    const twoTierClicks = await clicksOf(twoTierLink.code)
    const plainTwoTierClicks = await clicksOf(twoTierLink.code, plain)
    await load(`${plain}/c/${link.code}`, 1, CONNECTIONS)
    // Signed just before each run, so every timestamp is fresh; more than a run can use.
    const signed = (clicks: string[], prefix: string, count: number) => {
      const ts = String(Math.floor(Date.now() / 1000))
      const paths: string[] = []
      for (let i = 0; i < count; i++) {
        const params = {
          clickid: clicks[i % clicks.length]!,
          order_id: `${prefix}-${i}`,
          amount: '49.90',
          currency: 'USD',
          event: 'sale',
          timestamp: ts,
        }
        paths.push(`/postback?${new URLSearchParams({ ...params, hash: signParams(secret, params) })}`)
      }
      return paths
    }

    const rounds: {
      bare: LoadResult
      click: LoadResult
      deep: LoadResult
      twoTier: LoadResult
      noFraud: LoadResult
    }[] = []
    for (let r = 0; r < ROUNDS; r++) {
      console.log(`round ${r + 1}`)
      const bareRun = await load(`${bare.url}/c/BENCH`, SECONDS, CONNECTIONS)
      show('  bare node:http 302 (baseline)', bareRun)
      const clickRun = await load(`${listener}/c/${link.code}`, SECONDS, CONNECTIONS)
      show('  GET /c/:code (durable click)', clickRun)
      const count = Math.ceil(Math.max(30_000, bareRun.rps * 0.3) * (SECONDS + 1))
      const deepRun = await load(listener, SECONDS, CONNECTIONS, signed(deepClicks, `D${r}`, count))
      show('  GET /postback, 5 ledger rows', deepRun)
      const twoTierRun = await load(listener, SECONDS, CONNECTIONS, signed(twoTierClicks, `T${r}`, count))
      show('  GET /postback, 2 ledger rows', twoTierRun)
      const noFraudRun = await load(plain, SECONDS, CONNECTIONS, signed(plainTwoTierClicks, `N${r}`, count))
      show('  GET /postback, 2 rows, fraud off', noFraudRun)
      for (const run of [deepRun, twoTierRun, noFraudRun])
        if (run.rps * SECONDS > count)
          console.log('  note: the pre-signed postbacks ran out; later requests were duplicates/replays')
      rounds.push({ bare: bareRun, click: clickRun, deep: deepRun, twoTier: twoTierRun, noFraud: noFraudRun })
    }

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    const ratio = (pick: (r: (typeof rounds)[number]) => LoadResult) =>
      median(rounds.map((r) => pick(r).rps / r.bare.rps))
    const list = (pick: (r: (typeof rounds)[number]) => LoadResult) =>
      rounds.map((r) => (pick(r).rps / r.bare.rps).toFixed(2)).join(' ')
    const clickP99 = median(rounds.map((r) => r.click.p99ms))
    console.log('')
    console.log(`median of ${ROUNDS} rounds (each round's ratio in brackets):`)
    console.log(
      `clicks              ratio ${ratio((r) => r.click).toFixed(2)}x of bare [${list((r) => r.click)}] (target >= 0.60)   p99 ${clickP99.toFixed(2)} ms (target <= 10)`,
    )
    console.log(
      `postbacks, 5 rows   ratio ${ratio((r) => r.deep).toFixed(2)}x of bare [${list((r) => r.deep)}] (target >= 0.15)`,
    )
    console.log(
      `postbacks, 2 rows   ratio ${ratio((r) => r.twoTier).toFixed(2)}x of bare [${list((r) => r.twoTier)}]`,
    )
    // The fraud checks' cost on its own: short on/off pairs, the order swapped every pair (ABBA), so
    // the other helpers' load drifting during a run hits both sides alike; the median pair counts.
    // Beside throughput, each server's own CPU per postback (from /proc): the other helpers' load
    // moves req/s far more than it moves what one request costs the server.
    const pairs: number[] = []
    const cpuPairs: number[] = []
    for (let i = 0; i < FRAUD_PAIRS; i++) {
      const count = Math.ceil(Math.max(20_000, rounds[0]!.bare.rps * 0.3) * (FRAUD_SECONDS + 1))
      const on = () =>
        measured(
          corePid,
          () => load(listener, FRAUD_SECONDS, CONNECTIONS, signed(twoTierClicks, `F${i}`, count)),
          FRAUD_SECONDS,
        )
      const off = () =>
        measured(
          plainPid,
          () => load(plain, FRAUD_SECONDS, CONNECTIONS, signed(plainTwoTierClicks, `G${i}`, count)),
          FRAUD_SECONDS,
        )
      let onRun: Awaited<ReturnType<typeof on>>
      let offRun: Awaited<ReturnType<typeof off>>
      if (i % 2 === 0) {
        onRun = await on()
        offRun = await off()
      } else {
        offRun = await off()
        onRun = await on()
      }
      pairs.push(offRun.result.rps / onRun.result.rps)
      const cpu =
        onRun.cpuUs !== null && offRun.cpuUs !== null
          ? `; server CPU per postback on ${onRun.cpuUs.toFixed(0)} us, off ${offRun.cpuUs.toFixed(0)} us, ${(onRun.cpuUs / offRun.cpuUs).toFixed(2)}x`
          : ''
      if (onRun.cpuUs !== null && offRun.cpuUs !== null) cpuPairs.push(onRun.cpuUs / offRun.cpuUs)
      console.log(
        `  pair ${i + 1}: fraud on ${onRun.result.rps.toFixed(0)} req/s, off ${offRun.result.rps.toFixed(0)} req/s, cost ${(offRun.result.rps / onRun.result.rps).toFixed(2)}x${cpu}`,
      )
    }
    const fraudCost = median(pairs)
    const roundCost = median(rounds.map((r) => r.noFraud.rps / r.twoTier.rps))
    console.log(
      `fraud checks        postback cost ${fraudCost.toFixed(2)}x of fraud off, median of ${FRAUD_PAIRS} on/off pairs [${pairs
        .map((x) => x.toFixed(2))
        .join(' ')}] (target <= 1.20); in the rounds ${roundCost.toFixed(2)}x`,
    )
    if (cpuPairs.length > 0)
      console.log(
        `                    server CPU per postback ${median(cpuPairs).toFixed(2)}x of fraud off, median of the pairs [${cpuPairs
          .map((x) => x.toFixed(2))
          .join(' ')}]`,
      )
    console.log(`fraud state         ${fraudMemory()}`)
    const clicksPerSecond = median(rounds.map((r) => r.click.rps))
    console.log(
      `load tool: ${rounds[0]!.bare.tool}; clicks/s vs a published 120 clicks/s commercial tracker: ${(clicksPerSecond / 120).toFixed(0)}x`,
    )
  } finally {
    for (const c of children) c.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 1000))
    for (const c of children) c.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    rmSync(`${dir}-nofraud`, { recursive: true, force: true })
    rmSync(`${dir}.key`, { force: true })
    rmSync(`${dir}-nofraud.key`, { force: true })
  }
}

await main()
process.exit(0)

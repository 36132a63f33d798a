// npm run bench:commissions — the commission engine on a generated program against bare SQLite
// baselines measured in the same run. BENCH_SCALE=0.01 shrinks everything for a smoke run.
//
// Program: 100,000 affiliates up to 20 levels deep (bulk-loaded through the data layer, closure
// rows included), one campaign with a 5-level MLM plan (10 % + 5/3/2/1 % upline).
//  1. compute + persist 1,000,000 conversions through the real ingest path (group commit), vs a
//     bare loop inserting the same conversion + 5 commission rows, same schema and indexes, 5,000
//     conversions per transaction; the two alternate in 10 rounds so machine load hits both alike;
//  2. upline at depth 20 (the store's query), vs a primary-key lookup of one affiliate;
//  3. moving a 10,000-affiliate subtree, vs inserting 10,000 closure rows bare;
//  4. the what-if simulator over the 1,000,000 conversions, vs a bare read of the same rows.
// Absolute figures drift between machines and with load; the ratios are what to compare.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createCore } from '../src/main/core/core'
import { startCheckpointer } from '../src/main/db/checkpointer'
import { defaultDbFile, openDatabase } from '../src/main/db/open'
import { bulkInsertAffiliates, type BulkAffiliate } from '../src/main/db/sqlite/bulk'
import type { ConversionIntent } from '../src/main/commissions/ports'
import { closureFromParents } from '../test/support/closure-oracle'
import { MIGRATIONS } from '../test/support/core'
import { generateHierarchy, mulberry32 } from './lib/commission-program'

const SCALE = Number(process.env.BENCH_SCALE ?? '1')
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('BENCH_SCALE must be in (0, 1]')
const AFFILIATES = Math.max(2000, Math.round(100_000 * SCALE))
const CONVERSIONS = Math.max(10_000, Math.round(1_000_000 * SCALE))
const SUBTREE = Math.max(200, Math.round(10_000 * SCALE))
const MAX_DEPTH = 20
const NOW = Date.UTC(2026, 10, 20, 12)
const DAY = 86_400_000
const WINDOW = 30 * DAY
const RATES = [1000, 500, 300, 200, 100]
const PLAN = {
  type: 'percentage',
  rateBps: RATES[0],
  upline: RATES.slice(1).map((rateBps) => ({ rateBps })),
} as const
const RULES = [
  'percentage 10% of sale',
  ...RATES.slice(1).map((r, i) => `upline level ${i + 2} (${r / 100}%)`),
]

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6
const now = () => process.hrtime.bigint()
function line(label: string, value: string, note = '') {
  console.log(`  ${label.padEnd(30)} ${value.padStart(16)}  ${note}`)
}

/** half away from zero, as the ledger rounds (amounts here are positive). */
const bps = (amount: number, rate: number) => Math.floor((amount * rate + 5000) / 10_000)

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'affdesk-commissions-bench-'))
  const log = (msg: string, err?: unknown) => console.error(msg, err ?? '')
  try {
    console.log(
      `commissions benchmark: ${fmt(AFFILIATES)} affiliates, ${fmt(CONVERSIONS)} conversions, ` +
        `subtree ${fmt(SUBTREE)}, scale ${SCALE}`,
    )

    // ---------- the program ----------
    const rand = mulberry32(42)
    const tree = generateHierarchy({
      count: AFFILIATES,
      subtreeSize: SUBTREE,
      maxDepth: MAX_DEPTH,
      moveDepth: 5,
      rand,
    })
    const rows: BulkAffiliate[] = []
    for (let id = 1; id <= AFFILIATES; id++) {
      rows.push({
        id,
        parentId: tree.parent[id]!,
        code: `A${id}`,
        name: `Affiliate ${id}`,
        email: `a${id}@bench.example`,
        status: 'approved',
        tier: 'standard',
        overrideRateBps: null,
      })
    }
    const realDir = join(root, 'real')
    mkdirSync(realDir)
    const realFile = defaultDbFile(realDir)
    let t0 = now()
    const loading = openDatabase({ file: realFile, migrationsFolder: MIGRATIONS })
    bulkInsertAffiliates(loading, rows, { at: NOW - 365 * DAY, actor: 'bench' })
    const closureRows = loading.sqlite
      .prepare('SELECT count(*) FROM affiliate_hierarchy')
      .pluck()
      .get() as number
    loading.sqlite.close()
    let expectedClosure = 0
    const histogram = new Array<number>(MAX_DEPTH + 1).fill(0)
    for (let id = 1; id <= AFFILIATES; id++) {
      expectedClosure += tree.depth[id]! + 1
      histogram[tree.depth[id]!]!++
    }
    if (closureRows !== expectedClosure)
      throw new Error(`closure rows ${closureRows}, expected ${expectedClosure}`)
    console.log(
      `  loaded in ${fmt(ms(t0) / 1000, 1)} s: ${fmt(closureRows)} closure rows; affiliates per depth 0..20: ${histogram.join(' ')}`,
    )

    const core = await createCore({
      dataDir: realDir,
      migrationsFolder: MIGRATIONS,
      shell: 'headless',
      version: 'bench',
      noListener: true,
      jobs: 'off',
      now: () => NOW,
      log,
    })
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(method, input)
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
      return r.value as T
    }
    const adv = await call<{ id: number }>('advertisers.create', { name: 'Bench advertiser' })
    const campaign = await call<{ id: number }>('campaigns.create', {
      advertiserId: adv.id,
      name: 'MLM',
      destinationUrl: 'https://shop.example/',
      plan: PLAN,
    })

    // Who converts: affiliates with at least four ancestors, so every conversion pays five lines.
    const eligible: number[] = []
    for (let id = 1; id <= AFFILIATES; id++) if (tree.depth[id]! >= RATES.length - 1) eligible.push(id)
    const convRand = mulberry32(7)
    const affiliateOf = new Int32Array(CONVERSIONS)
    const amountOf = new Int32Array(CONVERSIONS)
    for (let i = 0; i < CONVERSIONS; i++) {
      affiliateOf[i] = eligible[Math.floor(convRand() * eligible.length)]!
      amountOf[i] = 1000 + Math.floor(convRand() * 99_000)
    }
    const createdAt = (i: number) => NOW - WINDOW + Math.floor((i * WINDOW) / CONVERSIONS)
    const orderId = (i: number) => `ORD-${String(i).padStart(8, '0')}`
    const clickId = (i: number) => `CLK-${String(i).padStart(8, '0')}`
    const ancestors = (id: number, n: number) => {
      const out: number[] = []
      for (let p = tree.parent[id]!; p !== null && out.length < n; p = tree.parent[p]!) out.push(p)
      return out
    }

    // ---------- 1. ingest vs bare inserts ----------
    console.log('\n1. compute + persist conversions (5 ledger rows each)')
    const baseDir = join(root, 'baseline')
    mkdirSync(baseDir)
    const base = openDatabase({ file: join(baseDir, 'baseline.sqlite'), migrationsFolder: MIGRATIONS })
    const bs = base.sqlite
    // The page cache the store gives its connection (db/sqlite/store.ts): both sides get the same memory.
    bs.pragma('cache_size = -65536')
    // And the same WAL checkpointing: the core checkpoints from a worker thread (db/checkpointer.ts),
    // so the baseline does too, or the real path would be credited with work moved off its thread.
    const baseCheckpointer = await startCheckpointer(join(baseDir, 'baseline.sqlite'), {
      writer: bs,
      log: () => {},
    })
    if (baseCheckpointer) bs.pragma('wal_autocheckpoint = 0')
    // The same parent rows the real database has, so both pay the same foreign-key checks (not timed).
    bs.prepare(`INSERT INTO advertisers (id, name, postback_secret) VALUES (?, 'Bench advertiser', 'x')`).run(
      adv.id,
    )
    bs.prepare(
      `INSERT INTO campaigns (id, advertiser_id, name, destination_url, plan) VALUES (?, ?, 'MLM', 'https://shop.example/', ?)`,
    ).run(campaign.id, adv.id, JSON.stringify(PLAN))
    const baseAffiliate = bs.prepare(
      `INSERT INTO affiliates (id, parent_id, code, name, email, status) VALUES (?, ?, ?, ?, ?, 'approved')`,
    )
    bs.transaction(() => {
      for (const r of rows) baseAffiliate.run(r.id, r.parentId, r.code, r.name, r.email)
    })()

    const insConv = bs.prepare(
      `INSERT INTO conversions (click_id, affiliate_id, campaign_id, advertiser_id, event_type, order_id, customer_key,
          amount_minor, currency, advertiser_payout_minor, status, trust, risk_score, flags, ip, created_at,
          status_changed_at, hold_until, reason)
       VALUES (?, ?, ?, ?, 'sale', ?, NULL, ?, 'USD', NULL, 'pending', 'signed', 0, '[]', NULL, ?, ?, ?, NULL)`,
    )
    const insLine = bs.prepare(
      `INSERT INTO commissions (conversion_id, affiliate_id, kind, status, amount_minor, currency, level, plan_type, rule,
          base_minor, rate_bps, reverses_id, created_at, approved_at)
       VALUES (?, ?, 'earning', 'pending', ?, 'USD', ?, 'percentage', ?, ?, ?, NULL, ?, NULL)`,
    )
    const baseBatch = bs.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const at = createdAt(i)
        const a = affiliateOf[i]!
        const amount = amountOf[i]!
        const id = insConv.run(
          clickId(i),
          a,
          campaign.id,
          adv.id,
          orderId(i),
          amount,
          at,
          at,
          at + 30 * DAY,
        ).lastInsertRowid
        const payees = [a, ...ancestors(a, RATES.length - 1)]
        for (let l = 0; l < payees.length; l++) {
          insLine.run(id, payees[l], bps(amount, RATES[l]!), l + 1, RULES[l], amount, RATES[l], at)
        }
      }
    })
    const intent = (i: number): ConversionIntent => ({
      trust: 'signed',
      advertiserId: adv.id,
      click: {
        clickId: clickId(i),
        affiliateId: affiliateOf[i]!,
        campaignId: campaign.id,
        linkId: null,
        createdAt: createdAt(i),
      },
      orderId: orderId(i),
      eventType: 'sale',
      status: 'pending',
      amountMinor: amountOf[i]!,
      currency: 'USD',
      advertiserPayoutMinor: null,
      customerKey: null,
      subscriptionId: null,
      ip: null,
      receivedAt: createdAt(i),
      flags: [],
      riskScore: 0,
    })
    const CHUNK = 20_000
    let ledgerRows = 0
    const bare = async (from: number, to: number) => {
      for (let i = from; i < to; i += 5000) baseBatch(i, Math.min(to, i + 5000))
    }
    // Enqueued a chunk at a time so memory stays bounded; the store batches them (group commit).
    const real = async (from: number, to: number) => {
      for (let i = from; i < to; i += CHUNK) {
        const pending: ReturnType<typeof core.store.conversions.ingest>[] = []
        for (let j = i; j < Math.min(to, i + CHUNK); j++)
          pending.push(core.store.conversions.ingest(intent(j)))
        for (const r of await Promise.all(pending)) {
          if (!r.ok || r.duplicate) throw new Error(`ingest failed: ${JSON.stringify(r)}`)
          ledgerRows += r.ledgerRows
        }
      }
    }
    // Rounds alternate the two, in alternating order, so a change in machine load (this is a shared
    // machine) hits both sides alike instead of whichever happened to run second.
    const ROUND = Math.max(10_000, Math.round(CONVERSIONS / 10))
    let bareMs = 0
    let realMs = 0
    const roundRatios: number[] = []
    for (let start = 0, k = 0; start < CONVERSIONS; start += ROUND, k++) {
      const end = Math.min(CONVERSIONS, start + ROUND)
      const timed = async (f: (a: number, b: number) => Promise<void>) => {
        const t = now()
        await f(start, end)
        return ms(t)
      }
      let b: number
      let r: number
      if (k % 2 === 0) {
        b = await timed(bare)
        r = await timed(real)
      } else {
        r = await timed(real)
        b = await timed(bare)
      }
      bareMs += b
      realMs += r
      roundRatios.push(b / r)
    }
    if (ledgerRows !== CONVERSIONS * RATES.length)
      throw new Error(`${ledgerRows} ledger rows, expected 5 per conversion`)
    const realRate = CONVERSIONS / (realMs / 1000)
    const bareRate = CONVERSIONS / (bareMs / 1000)
    line(
      'ingest (real path)',
      `${fmt(realRate)} conv/s`,
      `${fmt(realMs / 1000, 1)} s, ${fmt(ledgerRows)} ledger rows`,
    )
    line('bare insert loop (baseline)', `${fmt(bareRate)} conv/s`, `${fmt(bareMs / 1000, 1)} s`)
    const sorted = [...roundRatios].sort((x, y) => x - y)
    const median = (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2
    line(
      'ratio ingest/bare',
      (realRate / bareRate).toFixed(2),
      `target >= 0.60; per round of ${fmt(ROUND)}: ${sorted[0]!.toFixed(2)}-${sorted.at(-1)!.toFixed(2)}, median ${median.toFixed(2)}`,
    )
    // Every round in order: a drift as the tables grow reads differently from the machine's noise.
    console.log(`  rounds: ${roundRatios.map((x) => x.toFixed(2)).join(' ')}`)

    // ---------- 2. upline at depth 20 ----------
    console.log('\n2. upline at depth 20')
    const deepest: number[] = []
    for (let id = 1; id <= AFFILIATES; id++) if (tree.depth[id] === MAX_DEPTH) deepest.push(id)
    const upline = await core.store.hierarchy.upline(deepest[0]!)
    if (upline.length !== MAX_DEPTH) throw new Error(`upline of ${deepest[0]} has ${upline.length} rows`)
    const LOOKUPS = 20_000
    const pick = (k: number) => deepest[(k * 7919) % deepest.length]!
    for (let k = 0; k < 500; k++) await core.store.hierarchy.upline(pick(k)) // warm
    t0 = now()
    for (let k = 0; k < LOOKUPS; k++) await core.store.hierarchy.upline(pick(k))
    const uplineMs = ms(t0) / LOOKUPS
    const reader = new Database(realFile, { readonly: true })
    const pk = reader.prepare('SELECT id, code, name, status, parent_id FROM affiliates WHERE id = ?')
    for (let k = 0; k < 500; k++) pk.get(pick(k))
    t0 = now()
    for (let k = 0; k < LOOKUPS * 5; k++) pk.get(pick(k))
    const pkMs = ms(t0) / (LOOKUPS * 5)
    line(
      'upline, 20 ancestors (store)',
      `${uplineMs.toFixed(4)} ms`,
      `avg of ${fmt(LOOKUPS)} lookups, target < 0.05 ms`,
    )
    line('primary-key lookup (baseline)', `${pkMs.toFixed(4)} ms`)
    line('ratio upline/pk', (uplineMs / pkMs).toFixed(1))

    // ---------- 3. what-if over every conversion ----------
    console.log('\n3. what-if simulation')
    const proposedPlan = {
      type: 'percentage',
      rateBps: 1200,
      upline: [{ rateBps: 400 }, { rateBps: 300 }, { rateBps: 200 }],
    }
    t0 = now()
    const sim = await call<{ totals: { conversions: number; currentMinor: number; proposedMinor: number } }>(
      'commissions.simulate',
      { campaignId: campaign.id, proposedPlan, days: 31 },
    )
    const simMs = ms(t0)
    if (sim.totals.conversions !== CONVERSIONS)
      throw new Error(`simulated ${sim.totals.conversions} conversions`)
    const ledgerTotal = reader
      .prepare("SELECT sum(amount_minor) FROM commissions WHERE kind = 'earning'")
      .pluck()
      .get()
    if (ledgerTotal !== sim.totals.currentMinor) {
      throw new Error(
        `what-if current ${sim.totals.currentMinor} differs from the ledger's ${String(ledgerTotal)}`,
      )
    }
    const bareRead = reader
      .prepare(
        `SELECT affiliate_id, event_type, amount_minor, currency, status, created_at FROM conversions
          WHERE campaign_id = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, id`,
      )
      .raw(true)
    t0 = now()
    let readSum = 0
    let readRows = 0
    for (const r of bareRead.iterate(campaign.id, NOW - 31 * DAY, NOW) as Iterable<unknown[]>) {
      readSum += r[2] as number
      readRows++
    }
    const readMs = ms(t0)
    if (readRows !== CONVERSIONS || readSum <= 0) throw new Error('bare read saw different rows')
    line(
      'what-if (contract call)',
      `${fmt(simMs / 1000, 2)} s`,
      `${fmt(CONVERSIONS)} conversions, target < 5 s; current = ledger`,
    )
    line('bare read of the rows (baseline)', `${fmt(readMs / 1000, 2)} s`)
    line('ratio what-if/read', (simMs / readMs).toFixed(2))

    // ---------- 4. move a subtree ----------
    console.log('\n4. move a subtree')
    const before = reader
      .prepare('SELECT count(*) FROM affiliate_hierarchy WHERE ancestor_id = ?')
      .pluck()
      .get(tree.subtreeRoot) as number
    if (before !== tree.subtreeSize)
      throw new Error(`subtree has ${before} affiliates, expected ${tree.subtreeSize}`)
    t0 = now()
    await core.store.hierarchy.move(tree.subtreeRoot, tree.moveTarget, 'bench')
    const moveMs = ms(t0)
    const audit = JSON.parse(
      reader
        .prepare("SELECT after FROM audit_log WHERE action = 'affiliate.move' ORDER BY id DESC")
        .pluck()
        .get() as string,
    ) as { closureRowsRemoved: number; closureRowsAdded: number }
    const closure = bs.prepare(
      'INSERT INTO affiliate_hierarchy (ancestor_id, descendant_id, depth) VALUES (?, ?, 0)',
    )
    t0 = now()
    bs.transaction(() => {
      for (let id = 1; id <= tree.subtreeSize; id++) closure.run(id, id)
    })()
    const closureMs = ms(t0)
    line(
      `move ${fmt(tree.subtreeSize)} affiliates`,
      `${fmt(moveMs, 1)} ms`,
      `${fmt(audit.closureRowsRemoved)} closure rows removed, ${fmt(audit.closureRowsAdded)} added, target < 1 s`,
    )
    line(`insert ${fmt(tree.subtreeSize)} closure rows (baseline)`, `${fmt(closureMs, 1)} ms`)
    line('ratio move/insert', (moveMs / closureMs).toFixed(1))

    // The whole closure table still equals its recomputation from parent_id.
    tree.parent[tree.subtreeRoot] = tree.moveTarget
    const parents = new Map<number, number | null>()
    for (let id = 1; id <= AFFILIATES; id++) parents.set(id, tree.parent[id]!)
    const expected = closureFromParents(parents)
    const key = (a: number, d: number) => a * 1_000_000 + d
    const expectedDepth = new Map<number, number>()
    for (const r of expected) expectedDepth.set(key(r.ancestorId, r.descendantId), r.depth)
    let checked = 0
    for (const r of reader
      .prepare('SELECT ancestor_id, descendant_id, depth FROM affiliate_hierarchy')
      .raw(true)
      .iterate() as Iterable<number[]>) {
      if (expectedDepth.get(key(r[0]!, r[1]!)) !== r[2])
        throw new Error(`closure row ${r.join(',')} is wrong`)
      checked++
    }
    if (checked !== expected.length)
      throw new Error(`closure has ${checked} rows, expected ${expected.length}`)
    console.log(
      `  closure verified after the move: ${fmt(checked)} rows equal the recomputation from parent_id`,
    )

    reader.close()
    await baseCheckpointer?.stop()
    bs.close()
    await core.close()
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})

// Quick in-process measurement of what the fraud checks add to one postback (the full HTTP
// comparison is `npm run bench:listener`): the same signed-postback path the listener takes after
// verification (fraud report, assess, ingest with its group commit, observe), with the checks on and
// off, in interleaved rounds of 64 concurrent reports, CPU time per conversion, medians.
// Run: npx tsx --import ./test/support/raw-import.mjs bench/fraud-cost.quick.ts
// FRAUD_QUICK_ROUNDS (default 12) and FRAUD_QUICK_PER_ROUND (default 4000) shorten or lengthen it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../src/main/core/core'
import type { ConversionIntent } from '../src/main/commissions/ports'
import { createFraudRuntime, type FraudRuntime } from '../src/main/fraud/runtime'
import { clickFlags, fraudReport, intentClick } from '../src/main/tracking/listener/conversion-report'
import type { ClickLookup } from '../src/main/tracking/types'
import { createCountryLookup } from '../src/main/tracking/geo'
import { MIGRATIONS } from '../test/support/core'

const ROUNDS = Number(process.env.FRAUD_QUICK_ROUNDS ?? 12)
const PER_ROUND = Number(process.env.FRAUD_QUICK_PER_ROUND ?? 4000)
const CONCURRENCY = 64

const dir = mkdtempSync(join(tmpdir(), 'affdesk-fraud-quick-'))
try {
  const core = await createCore({
    dataDir: dir,
    migrationsFolder: MIGRATIONS,
    shell: 'headless',
    version: 'bench',
    listenerPort: 0,
    listenerLimits: { clicksPerMinute: 10_000_000, postbacksPerMinute: 10_000_000 },
    log: () => {},
  })
  const call = async (m: string, input: unknown) => {
    const r = await core.dispatch(m, input)
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`)
    return r.value as { id: number; code: string }
  }
  const adv = await call('advertisers.create', { name: 'Bench advertiser' })
  const campaign = await call('campaigns.create', {
    advertiserId: adv.id,
    name: 'Bench 2-tier',
    destinationUrl: 'https://shop.example/landing',
    plan: { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] },
  })
  let parentId: number | null = null
  let affiliate = { id: 0, code: '' }
  for (let i = 0; i < 2; i++) {
    affiliate = await call('affiliates.create', { name: `A${i}`, email: `a${i}@bench.example`, parentId })
    await call('affiliates.setStatus', { id: affiliate.id, status: 'approved' })
    parentId = affiliate.id
  }
  const link = await call('links.create', {
    affiliateId: affiliate.id,
    campaignId: campaign.id,
    code: 'QUICK',
  })
  // The listener's country lookup (the bundled database), as the core hands it to the fraud runtime.
  const country = createCountryLookup({})
  const on = createFraudRuntime({ store: core.store, country })
  const off = createFraudRuntime({ store: core.store, country, enabled: false })
  await on.reload()
  await off.reload()
  // Clicks as bench:listener makes them: Node's fetch, public addresses, no referer.
  const clicks: ClickLookup[] = []
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${core.listenerUrl}/c/${link.code}`, {
      redirect: 'manual',
      headers: { 'x-forwarded-for': `81.2.${69 + (i >> 8)}.${(i & 255) + 1}` },
    })
    const id = new URL(res.headers.get('location')!).searchParams.get('clickid')!
    const click = (await core.store.tracking.findClick(id))!
    on.observeClick({ at: click.createdAt, ip: click.ip, affiliateId: click.affiliateId, fingerprint: null })
    clicks.push(click)
  }

  let seq = 0
  const one = async (fraud: FraudRuntime, click: ClickLookup): Promise<void> => {
    const now = Date.now()
    const report = fraudReport(click, {
      at: now,
      trust: 'signed',
      eventType: 'sale',
      amountMinor: 4990,
      currency: 'USD',
      customerEmail: null,
    })
    const part = await fraud.assess(report)
    const intent: ConversionIntent = {
      trust: 'signed',
      advertiserId: click.advertiserId,
      click: intentClick(click),
      orderId: `O-${++seq}`,
      orderRef: null,
      eventType: 'sale',
      status: 'pending',
      amountMinor: 4990,
      currency: 'USD',
      advertiserPayoutMinor: null,
      customerKey: null,
      subscriptionId: null,
      ip: click.ip || null,
      receivedAt: now,
      flags: clickFlags(click),
      ...part,
      nonce: { signature: `sig-${seq}`, expiresAt: now + 600_000 },
    }
    const result = await core.store.conversions.ingest(intent)
    if (!result.ok) throw new Error(result.reason)
    if (result.created) fraud.observeConversion(report, part)
  }
  /** CPU microseconds per conversion for `n` reports, CONCURRENCY in flight. */
  const run = async (fraud: FraudRuntime, n: number): Promise<number> => {
    const t = process.cpuUsage()
    let next = 0
    const worker = async () => {
      while (next < n) await one(fraud, clicks[next++ % clicks.length]!)
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    const d = process.cpuUsage(t)
    return (d.user + d.system) / n
  }
  const shown = await on.assess(
    fraudReport(clicks[0]!, {
      at: Date.now(),
      trust: 'signed',
      eventType: 'sale',
      amountMinor: 4990,
      currency: 'USD',
      customerEmail: null,
    }),
  )
  if (process.env.FRAUD_QUICK_SHOW) console.log(JSON.stringify(shown.risk))
  await run(on, 2000)
  await run(off, 2000)
  if (process.env.FRAUD_QUICK_SHOW) {
    // Where the difference goes: assess alone, and the store's risk row alone.
    const assessUs = async (fraud: FraudRuntime) => {
      const n = 50_000
      const t = process.cpuUsage()
      for (let i = 0; i < n; i++)
        await fraud.assess(
          fraudReport(clicks[i % clicks.length]!, {
            at: Date.now(),
            trust: 'signed',
            eventType: 'sale',
            amountMinor: 4990,
            currency: 'USD',
            customerEmail: null,
          }),
        )
      const d = process.cpuUsage(t)
      return (d.user + d.system) / n
    }
    for (let k = 0; k < 3; k++)
      console.log(
        `assess on ${(await assessUs(on)).toFixed(2)} us, off ${(await assessUs(off)).toFixed(2)} us`,
      )
    const risk = shown.risk!
    const n = 200_000
    let t = process.cpuUsage()
    for (let i = 0; i < n; i++) JSON.stringify(risk.input)
    let d = process.cpuUsage(t)
    console.log(`JSON input ${((d.user + d.system) / n).toFixed(2)} us`)
    t = process.cpuUsage()
    for (let i = 0; i < n; i++) JSON.stringify(risk.verdict.reasons)
    d = process.cpuUsage(t)
    console.log(`JSON reasons ${((d.user + d.system) / n).toFixed(2)} us`)
  }
  const ratios: number[] = []
  const onUs: number[] = []
  const offUs: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const first = r % 2 === 0 ? on : off
    const a = await run(first, PER_ROUND)
    const b = await run(first === on ? off : on, PER_ROUND)
    const [onT, offT] = first === on ? [a, b] : [b, a]
    onUs.push(onT)
    offUs.push(offT)
    ratios.push(onT / offT)
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!
  console.log(
    `fraud on ${median(onUs).toFixed(1)} us/conversion, off ${median(offUs).toFixed(1)} us, ` +
      `difference ${(median(onUs) - median(offUs)).toFixed(1)} us, ratio ${median(ratios).toFixed(3)} ` +
      `[${ratios.map((x) => x.toFixed(2)).join(' ')}] (CPU time, store + fraud path only, no HTTP)`,
  )
  await core.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
  rmSync(`${dir}.key`, { force: true })
}

// One app instance racing another on the same database file: it builds its own core, waits for the
// shared start time, then commits (and sometimes cancels) payout runs over overlapping affiliates.
// Prints one JSON line: what it committed and how often it was refused.
import { createCore } from '../../src/main/core/core'
import { MIGRATIONS } from './core'

const [dataDir, startAtText, seedText, idsText] = process.argv.slice(2)
if (!dataDir || !startAtText || !seedText || !idsText)
  throw new Error('usage: payout-racer.ts DATA_DIR START_AT SEED IDS_JSON')
const ids = JSON.parse(idsText) as number[]
let seed = Number(seedText)
const random = () => {
  // mulberry32: reproducible per racer.
  seed = (seed + 0x6d2b79f5) | 0
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}

const core = await createCore({
  dataDir,
  migrationsFolder: MIGRATIONS,
  shell: 'headless',
  version: 'test',
  noListener: true,
  jobs: 'manual',
  log: () => {},
})
const out = {
  committed: [] as number[],
  cancelled: [] as number[],
  refused: 0,
  errors: [] as string[],
  reasons: new Set<string>(),
}
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAtText) - Date.now())))
for (let round = 0; round < 25; round++) {
  // Sometimes everyone, mostly an overlapping slice of the affiliates.
  const from = Math.floor(random() * ids.length)
  const who = random() < 0.25 ? undefined : ids.slice(from, from + 1 + Math.floor(random() * ids.length))
  const env = await core.dispatch('payouts.commit', {
    cutoff: Date.now(),
    ...(who ? { affiliateIds: who } : {}),
  })
  if (!env.ok) {
    if (env.error.code === 'conflict') {
      out.refused++
      out.reasons.add(env.error.message)
    } else out.errors.push(`${env.error.code}: ${env.error.message}`)
    continue
  }
  const runId = (env.value as { run: { id: number } }).run.id
  out.committed.push(runId)
  // Most runs are cancelled again, so their lines are fought over in the next rounds.
  if (random() < 0.8) {
    const cancel = await core.dispatch('payouts.cancel', { runId })
    if (cancel.ok) out.cancelled.push(runId)
    else out.errors.push(`cancel ${runId}: ${cancel.error.code}: ${cancel.error.message}`)
  }
}
await core.close()
process.stdout.write(JSON.stringify({ ...out, reasons: [...out.reasons] }) + '\n')

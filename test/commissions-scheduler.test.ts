// The job scheduler on a real database with a fake clock: due jobs run, others wait, and the
// schedule survives closing and reopening the core.
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../src/main/core/core'
import type { ConversionIntent } from '../src/main/commissions/ports'
import { APPROVE_CHUNK } from '../src/main/jobs/jobs'
import { createScheduler } from '../src/main/jobs/scheduler'
import { MIGRATIONS, tempDir } from './support/core'
import { intent as buildIntent } from './support/intent'

const MIN = 60_000
const DAY = 86_400_000
const T0 = Date.UTC(2026, 10, 20, 12)

let clock = T0
let dir: { dir: string; cleanup: () => void }
let core: Core | null = null

const open = (jobs: 'manual' | 'auto', jobTickMs?: number) =>
  createCore({
    dataDir: dir.dir,
    migrationsFolder: MIGRATIONS,
    shell: 'headless',
    version: 'test',
    noListener: true,
    jobs,
    jobTickMs,
    now: () => clock,
    log: () => {},
    // The ledger's two jobs; the fraud checks' training job runs only with the checks on.
    fraud: 'off',
  })

async function call<T>(method: string, input: unknown): Promise<T> {
  const env = await core!.dispatch(method, input)
  if (!env.ok) throw new Error(env.error.message)
  return env.value as T
}

const BALANCES_OK = 'repaired 0 payable balance(s)'

function jobRows() {
  const db = new Database(`${dir.dir}/affiliate-desk.sqlite`, { readonly: true })
  try {
    return db
      .prepare(
        // The backup job has its own test (test/backups.test.ts); these are the ledger's jobs.
        "SELECT name, last_run_at AS lastRunAt, next_run_at AS nextRunAt, last_result AS lastResult FROM jobs WHERE name != 'backup' ORDER BY name",
      )
      .all()
  } finally {
    db.close()
  }
}

let seq = 0
async function seed(): Promise<{ intent: (over?: Partial<ConversionIntent>) => ConversionIntent }> {
  const adv = await call<{ id: number }>('advertisers.create', { name: 'Acme' })
  const campaign = await call<{ id: number }>('campaigns.create', {
    advertiserId: adv.id,
    name: 'Held',
    destinationUrl: 'https://shop.example/',
    holdDays: 30,
    plan: { type: 'percentage', rateBps: 1000 },
  })
  const aff = await call<{ id: number }>('affiliates.create', {
    name: 'A',
    email: 'a@x.example',
    code: 'AFF',
  })
  await call('affiliates.setStatus', { id: aff.id, status: 'approved' })
  return {
    intent: (over = {}) =>
      buildIntent({
        advertiserId: adv.id,
        click: {
          clickId: `C${++seq}`,
          affiliateId: aff.id,
          campaignId: campaign.id,
          linkId: null,
          createdAt: clock,
        },
        orderId: `O${seq}`,
        receivedAt: clock,
        ...over,
      }),
  }
}

async function statuses(): Promise<Record<string, number>> {
  const db = new Database(`${dir.dir}/affiliate-desk.sqlite`, { readonly: true })
  try {
    const rows = db.prepare('SELECT status, count(*) AS n FROM conversions GROUP BY status').all() as {
      status: string
      n: number
    }[]
    return Object.fromEntries(rows.map((r) => [r.status, r.n]))
  } finally {
    db.close()
  }
}

beforeEach(() => {
  clock = T0
  dir = tempDir()
})
afterEach(async () => {
  await core?.close()
  core = null
  dir.cleanup()
})

describe('scheduled jobs', () => {
  it('runs due jobs, leaves the rest, and resumes the same schedule after a restart', async () => {
    core = await open('manual')
    const { intent } = await seed()
    await core.store.conversions.ingest(intent())
    await core.store.conversions.ingest(intent({ flags: ['disposable_email'] }))
    await core.store.conversions.ingest(intent({ nonce: { signature: 'sig-1', expiresAt: T0 + 10 * MIN } }))

    // First start: nothing has run yet, so everything is due.
    await core.jobs!.tick()
    expect(jobRows()).toEqual([
      { name: 'auto-approve', lastRunAt: T0, nextRunAt: T0 + 10 * MIN, lastResult: 'approved 0' },
      { name: 'payable-balances-check', lastRunAt: T0, nextRunAt: T0 + DAY, lastResult: BALANCES_OK },
      { name: 'prune-nonces', lastRunAt: T0, nextRunAt: T0 + 60 * MIN, lastResult: 'pruned 0' },
    ])

    clock = T0 + 5 * MIN
    await core.jobs!.tick()
    expect(jobRows()).toMatchObject([{ lastRunAt: T0 }, { lastRunAt: T0 }, { lastRunAt: T0 }])

    // Past the hold: the unflagged conversions are approved, the flagged one waits for a person.
    clock = T0 + 31 * DAY
    await core.jobs!.tick()
    expect(jobRows()).toEqual([
      { name: 'auto-approve', lastRunAt: clock, nextRunAt: clock + 10 * MIN, lastResult: 'approved 2' },
      { name: 'payable-balances-check', lastRunAt: clock, nextRunAt: clock + DAY, lastResult: BALANCES_OK },
      { name: 'prune-nonces', lastRunAt: clock, nextRunAt: clock + 60 * MIN, lastResult: 'pruned 1' },
    ])
    expect(await statuses()).toEqual({ approved: 2, pending: 1 })

    // Restart: the schedule is read back, so nothing runs again before it is due.
    await core.close()
    const ranAt = clock
    clock += MIN
    core = await open('manual')
    await core.jobs!.tick()
    expect(jobRows()).toMatchObject([{ lastRunAt: ranAt }, { lastRunAt: ranAt }, { lastRunAt: ranAt }])

    clock = ranAt + 11 * MIN
    await core.jobs!.tick()
    expect(jobRows()).toMatchObject([
      { name: 'auto-approve', lastRunAt: clock },
      { name: 'payable-balances-check', lastRunAt: ranAt },
      { name: 'prune-nonces', lastRunAt: ranAt },
    ])
  })

  it('approves more than one chunk in a single run', async () => {
    core = await open('manual')
    const { intent } = await seed()
    const n = APPROVE_CHUNK * 2 + 7
    await Promise.all(Array.from({ length: n }, () => core!.store.conversions.ingest(intent())))
    clock = T0 + 30 * DAY
    await core.jobs!.tick()
    expect(await statuses()).toEqual({ approved: n })
    expect(jobRows()[0]).toMatchObject({ name: 'auto-approve', lastResult: `approved ${n}` })
  })

  it('records a failing job and still runs the others', async () => {
    core = await open('manual')
    const errors: string[] = []
    const scheduler = createScheduler({
      repo: core.store.jobs,
      now: () => clock,
      log: (msg) => errors.push(msg),
      jobs: [
        {
          name: 'broken',
          everyMs: MIN,
          run: () => Promise.reject(new Error('disk full')),
        },
        { name: 'fine', everyMs: MIN, run: async () => 'ok' },
      ],
    })
    await scheduler.tick()
    expect(jobRows()).toEqual([
      { name: 'broken', lastRunAt: T0, nextRunAt: T0 + MIN, lastResult: 'failed: disk full' },
      { name: 'fine', lastRunAt: T0, nextRunAt: T0 + MIN, lastResult: 'ok' },
    ])
    expect(errors).toEqual(['job broken failed'])
    await scheduler.stop()
  })

  it('ticks on its own timer in auto mode and stops with the core', async () => {
    core = await open('auto', 20)
    for (let i = 0; i < 100 && jobRows().length < 3; i++) await new Promise((r) => setTimeout(r, 20))
    expect(jobRows()).toHaveLength(3)
    await core.close()
    core = null
  })
})

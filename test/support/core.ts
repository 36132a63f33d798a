import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract'
import { createCore, type Core, type CoreOptions } from '../../src/main/core/core'
import type { ClickRecord } from '../../src/main/tracking/types'
import type { Envelope } from '../../src/shared/methods'

export const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url))

export function tempDir(prefix = 'affdesk-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  // The secret key file lives beside the data folder (core.ts defaultKeyFile), so it goes too.
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true })
      rmSync(`${dir}.key`, { force: true })
    },
  }
}

export interface TestCore {
  core: Core
  dir: string
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  raw(method: string, input: unknown): Promise<Envelope<unknown>>
  /** The core's clock. */
  now(): number
  /** Closes the core and opens a new one on the same folder, as after a restart of the app. */
  restart(over?: Partial<CoreOptions>): Promise<void>
  /** The advertiser's postback secret and token, read from the database (the contract never returns them). */
  secrets(advertiserId: number): Promise<{ secret: string; token: string }>
  close(): Promise<void>
}

/** A real core on a real SQLite file in a fresh temp folder. */
export async function startTestCore(opts: Partial<CoreOptions> = {}): Promise<TestCore> {
  const { dir, cleanup } = tempDir()
  let options: CoreOptions = {
    dataDir: dir,
    migrationsFolder: MIGRATIONS,
    shell: 'headless',
    version: 'test',
    noListener: true,
    log: () => {},
    // Tests click and convert within a second from Node's fetch (a "headless" agent): the fraud
    // rules would hold or reject everything. Tests of the fraud checks turn them on.
    fraud: 'off',
    ...opts,
  }
  const core = await createCore(options)
  // Every helper goes through t.core: a test may swap in a new core on the same folder (a restart).
  const t: TestCore = {
    core,
    dir,
    async call(method, input) {
      const env = await t.core.dispatch(method, input)
      if (!env.ok) throw Object.assign(new Error(env.error.message), { wire: env.error })
      return env.value as never
    },
    raw: (method, input) => t.core.dispatch(method, input),
    now: () => (options.now ?? Date.now)(),
    async restart(over = {}) {
      await t.core.close()
      options = { ...options, ...over }
      t.core = await createCore(options)
    },
    async secrets(advertiserId) {
      const auth = await t.core.store.tracking.advertiserAuth(advertiserId)
      if (!auth?.postbackSecret) throw new Error(`advertiser ${advertiserId} has no readable secret`)
      return { secret: auth.postbackSecret, token: auth.postbackToken ?? '' }
    },
    async close() {
      await t.core.close()
      cleanup()
    },
  }
  return t
}

export const PCT_PLAN = { type: 'percentage', rateBps: 1000 } as const

/** A click as the store records it, on the given link; only what a test cares about is passed. */
export function clickRecord(
  on: Pick<ClickRecord, 'clickId' | 'linkId' | 'affiliateId' | 'campaignId' | 'createdAt'>,
): ClickRecord {
  return {
    ...on,
    ip: '203.0.113.9',
    userAgent: 'test',
    referer: '',
    deviceType: 'desktop',
    country: 'US',
    fingerprint: null,
    sub1: null,
    sub2: null,
    sub3: null,
    sub4: null,
    sub5: null,
    refParam: null,
    source: 'server',
    flagged: false,
    flagReason: null,
    hidden: false,
  }
}

/** The wire error a contract call through TestCore.call failed with; throws when it succeeded. */
export async function wireError(
  call: Promise<unknown>,
): Promise<{ code: string; message: string } | undefined> {
  try {
    await call
  } catch (err) {
    return (err as { wire?: { code: string; message: string } }).wire
  }
  throw new Error('expected the call to fail')
}

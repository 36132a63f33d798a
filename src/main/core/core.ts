// Composition root: the one place that opens the database and starts the engines and the listener.
// Both shells (Electron and headless) build the app through createCore and differ only in how the
// renderer reaches `dispatch`.
import { mkdirSync } from 'node:fs'
import { ledgerRules } from '../commissions/policy'
import { startCheckpointer } from '../db/checkpointer'
import { defaultDbFile, openDatabase, type OpenDatabase } from '../db/open'
import { defaultKeyFile, loadKeyFile } from '../secrets/key-file'
import { aesGcmBox, sealer, type SecretBox } from '../secrets/secret-box'
import { createSqliteStore } from '../db/sqlite/store'
import type { Store } from '../db/store'
import { createHandlers, type HandlerContext, type SaveFile } from '../handlers'
import { coreJobs } from '../jobs/jobs'
import { createScheduler, type Scheduler } from '../jobs/scheduler'
import { clickKeys } from '../tracking/click-id'
import { createCountryLookup } from '../tracking/geo'
import { startListener, type Listener, type ListenerOptions } from '../tracking/listener/server'
import { createDispatch, type Dispatch } from './dispatch'

export interface CoreOptions {
  dataDir: string
  migrationsFolder: string
  shell: 'electron' | 'headless'
  version: string
  /** Overrides the listener port stored in settings (0 = pick a free port, for tests). */
  listenerPort?: number
  /** Start without the public tracking listener (tests of the UI contract only). */
  noListener?: boolean
  /** Per-IP budgets for the listener (benchmarks and tests raise them). */
  listenerLimits?: Pick<ListenerOptions, 'clicksPerMinute' | 'postbacksPerMinute'>
  now?: () => number
  log?: (msg: string, err?: unknown) => void
  /**
   * Scheduled jobs (auto-approval, pruning): 'auto' ticks on a timer, 'manual' only when
   * core.jobs.tick() is called (tests with a fake clock), 'off' not at all.
   * Default: 'auto' with the listener, 'off' without it.
   */
  jobs?: 'auto' | 'manual' | 'off'
  jobTickMs?: number
  /**
   * Fault drills only: called with the writing connection once the database is open, so a test can
   * make SQLite itself fail the way a full disk does (PRAGMA max_page_count) without mocking it.
   */
  onDatabaseOpen?: (sqlite: OpenDatabase['sqlite']) => void
  /** Seals secrets at rest; the desktop shell passes the OS keychain's. Default: the key file's. */
  secretBox?: SecretBox
  /** The headless key file (AES-256-GCM); default beside the data folder: `<data folder>.key`. */
  keyFile?: string
  /** Payout provider API hosts (sandbox and live) and retry pacing; tests point them at a loopback stub. */
  payoutApi?: HandlerContext['payoutApi']
  /** The desktop shell's native save dialog (files.save); absent in headless mode. */
  saveFile?: SaveFile
}

export interface Core {
  dispatch: Dispatch
  store: Store
  dataDir: string
  dbFile: string
  /** Which key seals this program's secrets (a backup's manifest records it). */
  secretKeyId: string
  /** The job scheduler; null when jobs are off. */
  jobs: Scheduler | null
  readonly listenerUrl: string | null
  close(): Promise<void>
}

export const defaultLog = (msg: string, err?: unknown): void => {
  if (err === undefined) console.error(`[affiliate-desk] ${msg}`)
  else console.error(`[affiliate-desk] ${msg}:`, err)
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const now = opts.now ?? Date.now
  const log = opts.log ?? defaultLog
  mkdirSync(opts.dataDir, { recursive: true })
  const dbFile = defaultDbFile(opts.dataDir)
  const secretBox =
    opts.secretBox ?? aesGcmBox(loadKeyFile(opts.keyFile ?? defaultKeyFile(opts.dataDir), log))
  const open = openDatabase({ file: dbFile, migrationsFolder: opts.migrationsFolder })
  opts.onDatabaseOpen?.(open.sqlite)
  const store = createSqliteStore(open, now, ledgerRules, clickKeys, sealer(secretBox))
  try {
    const sealed = await store.advertisers.sealPlaintextSecrets()
    if (sealed)
      log(`sealed the postback secrets of ${sealed} advertiser(s) stored in plain text by an older version`)
    const settings = await store.settings.get()
    if (settings.durability === 'full') open.sqlite.pragma('synchronous = FULL')
  } catch (err) {
    await store.close()
    throw err
  }

  const checkpointer = await startCheckpointer(dbFile, { writer: open.sqlite, log })
  if (checkpointer) open.sqlite.pragma('wal_autocheckpoint = 0')

  let listener: Listener | null = null
  const startPublicListener = async () => {
    const s = await store.settings.get()
    listener = await startListener({
      store,
      port: opts.listenerPort ?? s.listenerPort,
      host: s.listenerHost,
      publicBaseUrl: s.publicBaseUrl,
      trustedProxies: s.trustedProxies,
      now,
      log,
      clicksPerMinute: s.clicksPerMinutePerIp,
      postbacksPerMinute: s.postbacksPerMinutePerIp,
      country: createCountryLookup(s.geoipFile ? { mmdbFile: s.geoipFile } : {}),
      ...opts.listenerLimits,
    })
    if (listener.country.loadError) log(`GeoIP file not used: ${listener.country.loadError}`)
  }
  // Owner edits (a paused campaign, a rotated secret, a link switched off) reach the listener at once.
  const unsubscribe = store.onChange(() => listener?.clearCaches())
  if (!opts.noListener) {
    try {
      await startPublicListener()
    } catch (err) {
      await checkpointer?.stop()
      await store.close()
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(
          'The tracking listener could not start: its port is already in use. Change it with --listener-port or in Settings.',
        )
      }
      throw err
    }
  }

  const handlers = createHandlers({
    store,
    ...(opts.payoutApi ? { payoutApi: opts.payoutApi } : {}),
    actor: 'owner',
    now,
    saveFile: opts.saveFile,
    info: async () => {
      const s = await store.settings.get()
      return {
        version: opts.version,
        dataDir: opts.dataDir,
        dbFile,
        shell: opts.shell,
        listenerUrl: listener?.url ?? null,
        publicBaseUrl: s.publicBaseUrl,
      }
    },
    onSettingsChanged: async () => {
      const s = await store.settings.get()
      open.sqlite.pragma(`synchronous = ${s.durability === 'full' ? 'FULL' : 'NORMAL'}`)
      // Port, proxies and base URL are read at start: restart the listener to apply them.
      if (listener) {
        await listener.close()
        listener = null
        await startPublicListener()
      }
    },
  })

  const jobMode = opts.jobs ?? (opts.noListener ? 'off' : 'auto')
  const jobs =
    jobMode === 'off' ? null : createScheduler({ jobs: coreJobs(store), repo: store.jobs, now, log })
  if (jobMode === 'auto') jobs?.start({ tickMs: opts.jobTickMs })

  let closed = false
  return {
    dispatch: createDispatch(handlers, log),
    store,
    jobs,
    dataDir: opts.dataDir,
    dbFile,
    secretKeyId: secretBox.keyId,
    get listenerUrl() {
      return listener?.url ?? null
    },
    async close() {
      if (closed) return
      closed = true
      await jobs?.stop()
      unsubscribe()
      if (listener) await listener.close()
      await checkpointer?.stop()
      await store.close()
    },
  }
}

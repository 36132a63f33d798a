// Composition root: the one place that opens the database and starts the engines and the listener.
// Both shells (Electron and headless) build the app through createCore and differ only in how the
// renderer reaches `dispatch`.
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import {
  clearPendingRestore,
  createBackupService,
  PENDING_RESTORE,
  readLastRestore,
  readPendingSource,
  writeLastRestore,
  type BackupService,
  type RestoreOutcome,
} from '../backups/service'
import { conflict, invalid } from '../../shared/errors'
import { ledgerRules } from '../commissions/policy'
import { startCheckpointer } from '../db/checkpointer'
import { appSchemaVersion, checkDatabaseFileOffThread, makeSelfContained } from '../db/backup-file'
import { defaultDbFile, openDatabase, type OpenDatabase } from '../db/open'
import { restoreDatabase } from '../db/restore'
import { defaultKeyFile, loadKeyFile } from '../secrets/key-file'
import { aesGcmBox, sealer, type SecretBox } from '../secrets/secret-box'
import { createSqliteStore } from '../db/sqlite/store'
import type { PayoutPlans } from '../db/sqlite/payouts'
import type { Store } from '../db/store'
import { createHandlers, type HandlerContext, type PdfPrinter, type SaveFile } from '../handlers'
import { coreJobs } from '../jobs/jobs'
import { createScheduler, type Scheduler } from '../jobs/scheduler'
import { clickKeys } from '../tracking/click-id'
import { createFraudRuntime } from '../fraud/runtime'
import { createCountryLookup, type CountryLookup } from '../tracking/geo'
import { startListener, type Listener, type ListenerOptions } from '../tracking/listener/server'
import { createDispatch, type Dispatch } from './dispatch'
import { holdLock } from './instance-lock'

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
  listenerLimits?: Pick<ListenerOptions, 'clicksPerMinute' | 'postbacksPerMinute' | 'connections'>
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
  /** Runs on each backup's temporary copy before verification (tests inject damage here). */
  beforeBackupVerify?: (tmpFile: string) => void
  /** Fraud checks on reports and click flooding (default 'on'; benchmarks compare with 'off'). */
  fraud?: 'on' | 'off'
  /** Payout provider API hosts (sandbox and live) and retry pacing; tests point them at a loopback stub. */
  payoutApi?: HandlerContext['payoutApi']
  /** The desktop shell's native save dialog (files.save); absent in headless mode. */
  saveFile?: SaveFile
  /** The desktop shell's HTML → PDF printer (payouts.statementPdf); absent in headless mode. */
  pdfPrinter?: PdfPrinter
  /** How a payout run reads its groups and locks its lines; tests alternate the ways (default: by cost). */
  payoutPlans?: PayoutPlans
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
  backups: BackupService
  readonly listenerUrl: string | null
  close(): Promise<void>
}

export const defaultLog = (msg: string, err?: unknown): void => {
  if (err === undefined) console.error(`[affiliate-desk] ${msg}`)
  else console.error(`[affiliate-desk] ${msg}:`, err)
}

/**
 * The core the shells hold. Its dispatch, store and listener stay valid across a restore from the
 * UI: the restore stops everything that uses the database (jobs, backups, listener, checkpointer,
 * store), swaps the file while nothing has it open, and starts it all again on the restored data.
 * Calls that arrive meanwhile wait for the swap; tracking requests get a refused connection for
 * that moment, and senders retry.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const log = opts.log ?? defaultLog
  let swapping: Promise<void> | null = null
  const restoreNow = async (file: string): Promise<string> => {
    if (swapping) throw conflict('A restore is already under way')
    // Verified and staged first: a refused file never stops the running app.
    await inner.backups.stageRestore(file)
    swapping = (async () => {
      await inner.close()
      try {
        inner = await openCore(opts, restoreNow)
      } catch (err) {
        // The staged file is gone by now (applied or set aside), so a second start opens what is there.
        log('starting again after the restore failed; retrying once', err)
        inner = await openCore(opts, restoreNow)
      }
    })()
    try {
      await swapping
    } finally {
      swapping = null
    }
    const outcome = readLastRestore(opts.dataDir)
    if (!outcome || !outcome.ok) {
      throw invalid(outcome?.message ?? 'The restore did not complete; the current data was kept.')
    }
    return outcome.message
  }
  let inner = await openCore(opts, restoreNow)
  let closed = false
  return {
    dispatch: async (method, input) => {
      if (swapping) await swapping
      return inner.dispatch(method, input)
    },
    get store() {
      return inner.store
    },
    get jobs() {
      return inner.jobs
    },
    get backups() {
      return inner.backups
    },
    dataDir: inner.dataDir,
    dbFile: inner.dbFile,
    get secretKeyId() {
      return inner.secretKeyId
    },
    get listenerUrl() {
      return inner.listenerUrl
    },
    async close() {
      if (closed) return
      closed = true
      if (swapping) await swapping.catch(() => {})
      await inner.close()
    },
  }
}

async function openCore(opts: CoreOptions, restoreNow: (file: string) => Promise<string>): Promise<Core> {
  const now = opts.now ?? Date.now
  const log = opts.log ?? defaultLog
  mkdirSync(opts.dataDir, { recursive: true })
  const dbFile = defaultDbFile(opts.dataDir)
  const secretBox =
    opts.secretBox ?? aesGcmBox(loadKeyFile(opts.keyFile ?? defaultKeyFile(opts.dataDir), log))
  const restored = applyStagedRestore(opts, dbFile, now(), log)
  const open = openDatabase({ file: dbFile, migrationsFolder: opts.migrationsFolder })
  opts.onDatabaseOpen?.(open.sqlite)
  const store = createSqliteStore(open, now, ledgerRules, clickKeys, sealer(secretBox), opts.payoutPlans)
  const releaseLock = holdLock(opts.dataDir, opts.shell, now())
  try {
    const sealed = await store.advertisers.sealPlaintextSecrets()
    if (sealed)
      log(`sealed the postback secrets of ${sealed} advertiser(s) stored in plain text by an older version`)
    // In the restored database's own history, so the owner sees when and from what it came back.
    if (restored?.ok) {
      await store.audit.record({
        actor: 'owner',
        action: 'backups.restore',
        entity: 'database',
        entityId: null,
        before: { keptAside: restored.keptAside },
        after: { restoredFrom: restored.source, message: restored.message },
      })
    }
    const settings = await store.settings.get()
    if (settings.durability === 'full') open.sqlite.pragma('synchronous = FULL')
  } catch (err) {
    await store.close()
    releaseLock()
    throw err
  }
  const appSchema = appSchemaVersion(opts.migrationsFolder)
  const backups = createBackupService({
    store,
    files: { check: (file) => checkDatabaseFileOffThread(file, appSchema), makeSelfContained },
    dataDir: opts.dataDir,
    appVersion: opts.version,
    now,
    log,
    beforeVerify: opts.beforeBackupVerify,
    secretKeyId: secretBox.keyId,
  })

  // The listener's country lookup, shared with the fraud checks; rebuilt when the owner's file changes.
  let country: CountryLookup | null = null
  const countryLookup = async (): Promise<CountryLookup> => {
    const s = await store.settings.get()
    return createCountryLookup(s.geoipFile ? { mmdbFile: s.geoipFile } : {})
  }
  const fraud = createFraudRuntime({
    store,
    country: (ip) => country?.(ip) ?? 'unknown',
    enabled: opts.fraud !== 'off',
    log,
  })
  try {
    await fraud.reload()
    // Sliding windows survive a restart: replay the last 24 h of traffic.
    if (opts.fraud !== 'off') await fraud.rebuild(now())
  } catch (err) {
    await store.close()
    releaseLock()
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
      tunnel: s.tunnelKind,
      now,
      log,
      clicksPerMinute: s.clicksPerMinutePerIp,
      postbacksPerMinute: s.postbacksPerMinutePerIp,
      country: (country = await countryLookup()),
      fraud,
      ...opts.listenerLimits,
    })
    if (listener.country.loadError) log(`GeoIP file not used: ${listener.country.loadError}`)
  }
  // Owner edits (a paused campaign, a rotated secret, a link switched off) reach the listener at once.
  const unsubscribe = store.onChange(() => {
    listener?.clearCaches()
    fraud.invalidate()
  })
  if (!opts.noListener) {
    try {
      await startPublicListener()
    } catch (err) {
      await checkpointer?.stop()
      await store.close()
      releaseLock()
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
    backups,
    restoreNow,
    fraud,
    saveFile: opts.saveFile,
    pdfPrinter: opts.pdfPrinter,
    info: async () => {
      const s = await store.settings.get()
      return {
        version: opts.version,
        dataDir: opts.dataDir,
        dbFile,
        shell: opts.shell,
        canPrintPdf: opts.pdfPrinter !== undefined && opts.saveFile !== undefined,
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
    jobMode === 'off'
      ? null
      : createScheduler({
          jobs: coreJobs(store, { backups, ...(opts.fraud === 'off' ? {} : { fraud }) }),
          repo: store.jobs,
          now,
          log,
        })
  if (jobMode === 'auto') jobs?.start({ tickMs: opts.jobTickMs })

  let closed = false
  return {
    dispatch: createDispatch(handlers, log),
    store,
    jobs,
    backups,
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
      await backups.stop()
      unsubscribe()
      if (listener) await listener.close()
      await checkpointer?.stop()
      await store.close()
      releaseLock()
    },
  }
}

/**
 * A restore staged from the UI (Settings → Backups) is swapped in here, before the database is
 * opened, so no connection, listener or job ever sees the swap. If it cannot be applied, the app
 * starts on the current database and the staged file is kept under a "restore-failed" name.
 */
function applyStagedRestore(
  opts: CoreOptions,
  dbFile: string,
  at: number,
  log: (msg: string, err?: unknown) => void,
): (RestoreOutcome & { source: string }) | null {
  const staged = join(opts.dataDir, PENDING_RESTORE)
  if (!existsSync(staged)) return null
  const source = readPendingSource(opts.dataDir) ?? staged
  try {
    const r = restoreDatabase({ dbFile, source: staged, migrationsFolder: opts.migrationsFolder, now: at })
    const message =
      'Restored' +
      (r.restoredSchema.migrations < r.appSchema.migrations
        ? ` and upgraded (schema ${r.restoredSchema.migrations} → ${r.appSchema.migrations})`
        : '') +
      '.' +
      (r.keptAside ? ` The data it replaced is kept at ${r.keptAside}` : '')
    log(message)
    const outcome = { at, ok: true, message, keptAside: r.keptAside }
    writeLastRestore(opts.dataDir, outcome)
    clearPendingRestore(opts.dataDir)
    return { ...outcome, source }
  } catch (err) {
    log('The staged restore could not be applied; starting on the current database', err)
    const kept = join(opts.dataDir, `restore-failed-${at}.sqlite`)
    renameSync(staged, kept)
    const reason = err instanceof Error ? err.message : String(err)
    writeLastRestore(opts.dataDir, {
      at,
      ok: false,
      message: `The restore failed and the current data was kept: ${reason}`,
      keptAside: null,
    })
    clearPendingRestore(opts.dataDir)
    return null
  }
}

// Backups of the running program: taken online through the store's writing connection, written to a
// hidden temporary name, verified by SQLite, and only then renamed into place in the same folder
// (an atomic rename), so a file with a backup's name has always passed verification. Retention then
// prunes older backups. One backup runs at a time; the UI follows its progress through status().
import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { BackupRun, BackupStatus } from '../../shared/contract'
import { AppError, conflict, invalid } from '../../shared/errors'
import type { BackupProgress, Store } from '../db/store'
import { isExportFile, readExport, writeExport } from './container'
import { backupFileName, parseBackupName, partialName } from './names'
import { backupsToKeep } from './retention'

export interface SchemaVersion {
  migrations: number
  lastMigrationAt: number
}

/** SQLite's verdict on a closed file (implemented in db/backup-file.ts). */
export interface BackupFiles {
  /** May take seconds on a large file; implementations keep it off the event loop. */
  check(file: string): Promise<{ ok: boolean; problems: string[]; schema: SchemaVersion | null }>
  makeSelfContained(file: string): void
}

export interface BackupServiceOptions {
  store: Pick<Store, 'backupTo' | 'settings'>
  files: BackupFiles
  dataDir: string
  appVersion: string
  now: () => number
  log: (msg: string, err?: unknown) => void
  /** Runs on the temporary copy before it is verified: tests damage it here to prove verification. */
  beforeVerify?: (tmpFile: string) => void
  /** The key the program's secrets are sealed with; an export names it so a restore can ask for it. */
  secretKeyId: string
}

export interface BackupService {
  status(): Promise<BackupStatus>
  /** Takes a backup now; joins the one already running. Never throws: the outcome says what happened. */
  run(trigger?: 'manual' | 'scheduled'): Promise<BackupRun>
  /** What the scheduled job calls: a backup if the newest one is older than the schedule. */
  runIfDue(now: number): Promise<string>
  exportTo(file: string): Promise<{ file: string; sizeBytes: number; sha256: string }>
  /** Verifies a backup or export file and stages it to replace the database at the next start. */
  stageRestore(file: string): Promise<string>
  cancelRestore(): boolean
  /** Waits for a running backup; later calls are refused. */
  stop(): Promise<void>
}

export const PENDING_RESTORE = 'restore-pending.sqlite'
const PENDING_RESTORE_INFO = 'restore-pending.json'
const LAST_RUN = 'last-backup.json'
const HOUR = 3_600_000

export function defaultBackupFolder(dataDir: string): string {
  return join(dataDir, 'backups')
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err))

export function createBackupService(opts: BackupServiceOptions): BackupService {
  const { store, files, dataDir, now, log } = opts
  let running: Promise<BackupRun> | null = null
  let progress: BackupStatus['running'] = null
  let stopped = false

  const lastRunFile = join(dataDir, LAST_RUN)
  let last: BackupRun | null = (() => {
    try {
      return JSON.parse(readFileSync(lastRunFile, 'utf8')) as BackupRun
    } catch {
      return null
    }
  })()
  const remember = (run: BackupRun) => {
    last = run
    try {
      writeFileSync(lastRunFile, JSON.stringify(run))
    } catch (err) {
      log('could not record the last backup', err)
    }
  }

  function list(dir: string): BackupStatus['backups'] {
    if (!existsSync(dir)) return []
    const rows: BackupStatus['backups'] = []
    for (const name of readdirSync(dir)) {
      const createdAt = parseBackupName(name)
      if (createdAt === null) continue
      const file = join(dir, name)
      try {
        rows.push({ name, file, sizeBytes: statSync(file).size, createdAt, verified: true })
      } catch {
        // Removed while listing.
      }
    }
    return rows.sort((a, b) => b.createdAt - a.createdAt)
  }

  /**
   * The online copy into a hidden name beside `finalFile`, verified, then renamed into place. On any
   * failure the temporary file is removed and nothing appears under the final name.
   */
  async function copyVerified(finalFile: string, startedAt: number): Promise<void> {
    const tmp = join(dirname(finalFile), partialName(basename(finalFile), randomBytes(4).toString('hex')))
    try {
      progress = { phase: 'copying', pagesTotal: 0, pagesDone: 0, startedAt }
      await store.backupTo(tmp, (p: BackupProgress) => {
        progress = {
          phase: 'copying',
          pagesTotal: p.totalPages,
          pagesDone: p.totalPages - p.remainingPages,
          startedAt,
        }
      })
      const pages = progress.pagesTotal
      progress = { phase: 'verifying', pagesTotal: pages, pagesDone: pages, startedAt }
      files.makeSelfContained(tmp)
      opts.beforeVerify?.(tmp)
      const check = await files.check(tmp)
      if (!check.ok) throw new Error(`verification failed: ${check.problems.join(' ')}`)
      if (existsSync(finalFile)) throw new Error(`${finalFile} already exists`)
      renameSync(tmp, finalFile)
    } finally {
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(tmp + suffix, { force: true })
    }
  }

  function prune(dir: string, keepDaily: number, keepWeekly: number): string[] {
    const backups = list(dir)
    const keep = backupsToKeep(backups, { daily: keepDaily, weekly: keepWeekly })
    const removed: string[] = []
    for (const b of backups) {
      if (keep.has(b.name)) continue
      try {
        rmSync(b.file)
        removed.push(b.name)
      } catch (err) {
        log(`could not remove old backup ${b.file}`, err)
      }
    }
    return removed
  }

  async function runOnce(trigger: 'manual' | 'scheduled'): Promise<BackupRun> {
    const startedAt = now()
    const clock = Date.now()
    let file: string | null = null
    try {
      const settings = await store.settings.get()
      const dir = settings.backupFolder ?? defaultBackupFolder(dataDir)
      mkdirSync(dir, { recursive: true })
      file = join(dir, backupFileName(startedAt))
      await copyVerified(file, startedAt)
      progress = { ...progress!, phase: 'finishing' }
      const removed = prune(dir, settings.backupKeepDaily, settings.backupKeepWeekly)
      const run: BackupRun = {
        at: startedAt,
        trigger,
        ok: true,
        file,
        sizeBytes: statSync(file).size,
        durationMs: Date.now() - clock,
        message:
          `Backup verified and saved.` +
          (removed.length ? ` Retention removed ${removed.length} older backup(s).` : ''),
      }
      remember(run)
      return run
    } catch (err) {
      log('backup failed', err)
      const run: BackupRun = {
        at: startedAt,
        trigger,
        ok: false,
        file: null,
        sizeBytes: null,
        durationMs: Date.now() - clock,
        message: `Backup failed: ${message(err)}`,
      }
      remember(run)
      return run
    } finally {
      progress = null
    }
  }

  function run(trigger: 'manual' | 'scheduled' = 'manual'): Promise<BackupRun> {
    if (stopped) return Promise.reject(conflict('The app is shutting down'))
    if (!running) {
      // Shown as running from this moment, so a status read right after the request sees it.
      progress = { phase: 'copying', pagesTotal: 0, pagesDone: 0, startedAt: now() }
      running = runOnce(trigger).finally(() => {
        running = null
      })
    }
    return running
  }

  async function nextDueAt(): Promise<number | null> {
    const s = await store.settings.get()
    if (s.backupEveryHours <= 0) return null
    const newest = list(s.backupFolder ?? defaultBackupFolder(dataDir))[0]
    return newest ? newest.createdAt + s.backupEveryHours * HOUR : now()
  }

  const pendingFile = join(dataDir, PENDING_RESTORE)
  const pendingInfo = join(dataDir, PENDING_RESTORE_INFO)

  return {
    async status() {
      const s = await store.settings.get()
      const dir = s.backupFolder ?? defaultBackupFolder(dataDir)
      let pendingRestore: BackupStatus['pendingRestore'] = null
      if (existsSync(pendingFile)) {
        try {
          pendingRestore = JSON.parse(readFileSync(pendingInfo, 'utf8')) as BackupStatus['pendingRestore']
        } catch {
          pendingRestore = { source: pendingFile, stagedAt: statSync(pendingFile).mtimeMs | 0 }
        }
      }
      return {
        folder: dir,
        defaultFolder: defaultBackupFolder(dataDir),
        everyHours: s.backupEveryHours,
        keepDaily: s.backupKeepDaily,
        keepWeekly: s.backupKeepWeekly,
        running: progress,
        last,
        nextDueAt: await nextDueAt(),
        backups: list(dir),
        pendingRestore,
        lastRestore: readLastRestore(dataDir),
      }
    },
    run,
    async runIfDue(at) {
      const due = await nextDueAt()
      if (due === null) return 'scheduled backups are off'
      if (due > at) return `not due until ${new Date(due).toISOString()}`
      const r = await run('scheduled')
      return r.ok ? `saved ${r.file}` : r.message
    },
    async exportTo(out) {
      if (existsSync(out)) throw conflict(`${out} already exists; choose a new file name`)
      if (!existsSync(dirname(out))) throw invalid(`The folder ${dirname(out)} does not exist`)
      const at = now()
      const db = join(dirname(out), partialName(basename(out), `${randomBytes(4).toString('hex')}.sqlite`))
      const partial = join(dirname(out), partialName(basename(out), randomBytes(4).toString('hex')))
      try {
        await copyVerified(db, at)
        const schema = (await files.check(db)).schema!
        const manifest = await writeExport(db, partial, {
          appVersion: opts.appVersion,
          schema,
          createdAt: at,
          // Secrets travel sealed, exactly as stored; the key stays behind on this machine.
          secrets: { encrypted: true, keyId: opts.secretKeyId },
        })
        renameSync(partial, out)
        remember({
          at,
          trigger: 'export',
          ok: true,
          file: out,
          sizeBytes: statSync(out).size,
          durationMs: now() - at,
          message: 'Export written and verified.',
        })
        return { file: out, sizeBytes: statSync(out).size, sha256: manifest.sha256 }
      } catch (err) {
        if (err instanceof AppError) throw err
        throw invalid(`The export was not written: ${message(err)}`)
      } finally {
        progress = null
        rmSync(db, { force: true })
        rmSync(partial, { force: true })
      }
    },
    async stageRestore(source) {
      if (!existsSync(source)) throw invalid(`${source} does not exist`)
      const tmp = join(dataDir, `.${PENDING_RESTORE}.partial-${randomBytes(4).toString('hex')}`)
      try {
        if (await isExportFile(source)) await readExport(source, tmp)
        else copyFileSync(source, tmp)
        files.makeSelfContained(tmp)
        const check = await files.check(tmp)
        if (!check.ok) throw invalid(`This file cannot be restored: ${check.problems.join(' ')}`)
        renameSync(tmp, pendingFile)
        writeFileSync(pendingInfo, JSON.stringify({ source, stagedAt: now() }))
        return (
          'The backup passed its checks and will replace the current data when Affiliate Desk next starts. ' +
          'Quit and start the app again to finish; the current database is kept aside, not deleted.'
        )
      } catch (err) {
        if (err instanceof AppError) throw err
        throw invalid(`This file cannot be restored: ${message(err)}`)
      } finally {
        for (const suffix of ['', '-journal']) rmSync(tmp + suffix, { force: true })
      }
    },
    cancelRestore() {
      const had = existsSync(pendingFile)
      rmSync(pendingFile, { force: true })
      rmSync(pendingInfo, { force: true })
      return had
    },
    async stop() {
      stopped = true
      await running
    },
  }
}

export interface RestoreOutcome {
  at: number
  ok: boolean
  message: string
  keptAside: string | null
}

const LAST_RESTORE = 'last-restore.json'

export function writeLastRestore(dataDir: string, outcome: RestoreOutcome): void {
  writeFileSync(join(dataDir, LAST_RESTORE), JSON.stringify(outcome))
}

export function readLastRestore(dataDir: string): RestoreOutcome | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, LAST_RESTORE), 'utf8')) as RestoreOutcome
  } catch {
    return null
  }
}

/** The file the owner chose for the staged restore (the staged copy lives in the data folder). */
export function readPendingSource(dataDir: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(dataDir, PENDING_RESTORE_INFO), 'utf8')) as { source: string })
      .source
  } catch {
    return null
  }
}

/** Clears a staged restore after the core applied it (or gave up on it). */
export function clearPendingRestore(dataDir: string): void {
  rmSync(join(dataDir, PENDING_RESTORE), { force: true })
  rmSync(join(dataDir, PENDING_RESTORE_INFO), { force: true })
}

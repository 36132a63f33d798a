// backup, export and restore from the command line. Backup and export work beside a running app
// (SQLite's backup API from a second connection copies one consistent snapshot); restore replaces
// the database, so it refuses while an app has the folder open.
import { defaultKeyFile, loadKeyFile } from '../../secrets/key-file'
import { aesGcmBox } from '../../secrets/secret-box'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { isExportFile, readExport, writeExport } from '../../backups/container'
import { partialName } from '../../backups/names'
import { runningInstance } from '../../core/instance-lock'
import {
  appSchemaVersion,
  checkDatabaseFile,
  copyDatabaseFile,
  makeSelfContained,
} from '../../db/backup-file'
import { defaultDbFile } from '../../db/open'
import { restoreDatabase } from '../../db/restore'

export class CommandError extends Error {}

export interface CommandContext {
  dataDir: string
  migrationsFolder: string
  appVersion: string
  now: number
  out: (line: string) => void
}

function sourceDb(ctx: CommandContext): string {
  const db = defaultDbFile(ctx.dataDir)
  if (!existsSync(db)) throw new CommandError(`There is no Affiliate Desk database in ${ctx.dataDir}.`)
  return db
}

/** A verified copy of the program's database at `dest` (a new file), through a hidden name beside it. */
async function verifiedCopy(ctx: CommandContext, dest: string): Promise<void> {
  if (existsSync(dest)) throw new CommandError(`${dest} already exists; choose a new file name.`)
  if (!existsSync(dirname(dest))) throw new CommandError(`The folder ${dirname(dest)} does not exist.`)
  const tmp = join(dirname(dest), partialName(basename(dest), randomBytes(4).toString('hex')))
  try {
    await copyDatabaseFile(sourceDb(ctx), tmp)
    makeSelfContained(tmp)
    const check = checkDatabaseFile(tmp)
    if (!check.ok) throw new CommandError(`The backup failed verification: ${check.problems.join(' ')}`)
    renameSync(tmp, dest)
  } finally {
    rmSync(tmp, { force: true })
    rmSync(`${tmp}-journal`, { force: true })
  }
}

export async function backupCommand(ctx: CommandContext, out: string): Promise<void> {
  await verifiedCopy(ctx, out)
  ctx.out(`Backup written and verified: ${out}`)
}

export async function exportCommand(ctx: CommandContext, out: string): Promise<void> {
  if (existsSync(out)) throw new CommandError(`${out} already exists; choose a new file name.`)
  const db = join(dirname(out), partialName(basename(out), `${randomBytes(4).toString('hex')}.sqlite`))
  const partial = join(dirname(out), partialName(basename(out), randomBytes(4).toString('hex')))
  try {
    await verifiedCopy(ctx, db)
    const manifest = await writeExport(db, partial, {
      appVersion: ctx.appVersion,
      schema: checkDatabaseFile(db).schema!,
      createdAt: ctx.now,
      // Sealed as stored; the key file (or the desktop's keychain) stays on this machine.
      secrets: { encrypted: true, keyId: keyIdOf(ctx.dataDir) },
    })
    renameSync(partial, out)
    ctx.out(`Export written: ${out} (sha256 of the database ${manifest.sha256})`)
  } finally {
    rmSync(db, { force: true })
    rmSync(partial, { force: true })
  }
}

/** Restores a backup (.sqlite) or an export file into the data folder of a stopped app. */
export async function restoreCommand(ctx: CommandContext, file: string): Promise<void> {
  if (!existsSync(file)) throw new CommandError(`${file} does not exist.`)
  const running = runningInstance(ctx.dataDir)
  if (running) {
    throw new CommandError(
      `Affiliate Desk is running on ${ctx.dataDir} (process ${running.pid}). Quit it first, ` +
        'or restore from Settings → Backups in the app.',
    )
  }
  // Importing onto a new machine: the data folder may not exist yet.
  mkdirSync(ctx.dataDir, { recursive: true })
  let source = file
  let extracted: string | null = null
  try {
    if (await isExportFile(file)) {
      extracted = join(ctx.dataDir, `.import-${randomBytes(4).toString('hex')}.sqlite`)
      const manifest = await readExport(file, extracted)
      ctx.out(
        `Export from Affiliate Desk ${manifest.appVersion}, made ${new Date(manifest.createdAt).toISOString()}.`,
      )
      if (manifest.secrets.encrypted) {
        ctx.out(
          `Its advertisers' postback secrets are sealed with key ${manifest.secrets.keyId ?? '(the desktop keychain)'}. ` +
            `Copy that machine's key file to ${defaultKeyFile(ctx.dataDir)} before starting, ` +
            'or re-enter each secret on its advertiser page.',
        )
      }
      source = extracted
    }
    const app = appSchemaVersion(ctx.migrationsFolder)
    const r = restoreDatabase({
      dbFile: defaultDbFile(ctx.dataDir),
      source,
      migrationsFolder: ctx.migrationsFolder,
      now: ctx.now,
    })
    ctx.out(
      `Restored ${file} into ${ctx.dataDir}` +
        (r.restoredSchema.migrations < app.migrations
          ? ` and upgraded it (schema ${r.restoredSchema.migrations} → ${app.migrations}).`
          : '.'),
    )
    if (r.keptAside) ctx.out(`The previous database is kept at ${r.keptAside}`)
  } finally {
    if (extracted) rmSync(extracted, { force: true })
  }
}

/** The id of this data folder's key file, if it has one (the desktop may seal with its keychain). */
function keyIdOf(dataDir: string): string | null {
  const file = defaultKeyFile(dataDir)
  return existsSync(file) ? aesGcmBox(loadKeyFile(file)).keyId : null
}

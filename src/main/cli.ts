// The headless shell: the same core as the desktop app, with the UI served to a browser on 127.0.0.1.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore } from './core/core'
import { MigrationError } from './db/open'
import { RestoreError } from './db/restore'
import { seedDemo } from './demo/seed'
import { parseCommand, USAGE } from './shells/cli/args'
import {
  backupCommand,
  CommandError,
  exportCommand,
  restoreCommand,
  type CommandContext,
} from './shells/cli/backup-commands'
import { runFraudEval } from './shells/cli/fraud-eval'
import { defaultDataDir } from './shells/cli/data-dir'
import { runPayouts } from './shells/cli/payouts'
import { startUiServer } from './shells/http-ui/server'

const here = dirname(fileURLToPath(import.meta.url))
// Bundled to out/main/cli.js; the repo (or the installed package) root is two levels up.
const root = resolve(here, '..', '..')
const migrationsFolder = resolve(root, 'drizzle')
const rendererDir = resolve(root, 'out', 'renderer')

function version(): string {
  try {
    return (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

async function main(argv: string[]): Promise<number> {
  let cmd
  try {
    cmd = parseCommand(argv)
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (cmd.kind === 'help') {
    console.log(USAGE)
    return 0
  }
  if (cmd.kind === 'version') {
    console.log(version())
    return 0
  }
  if (cmd.kind === 'fraud-eval') return runFraudEval(cmd, console)
  const dataDir = resolve(cmd.dataDir ?? defaultDataDir())
  if (cmd.kind === 'backup' || cmd.kind === 'export' || cmd.kind === 'restore') {
    const ctx: CommandContext = {
      dataDir,
      migrationsFolder,
      appVersion: version(),
      now: Date.now(),
      out: (line) => console.log(line),
    }
    try {
      if (cmd.kind === 'backup') await backupCommand(ctx, resolve(cmd.out))
      else if (cmd.kind === 'export') await exportCommand(ctx, resolve(cmd.out))
      else await restoreCommand(ctx, resolve(cmd.file))
      return 0
    } catch (err) {
      if (err instanceof CommandError || err instanceof RestoreError) {
        console.error(err.message)
        return 1
      }
      throw err
    }
  }
  const core = await createCore({
    dataDir,
    migrationsFolder,
    shell: 'headless',
    version: version(),
    listenerPort: cmd.kind === 'serve' ? cmd.listenerPort : undefined,
    noListener: cmd.kind !== 'serve',
    // A one-shot command must not run (or reschedule) the app's jobs behind its back.
    ...(cmd.kind === 'payouts' ? { jobs: 'off' as const } : {}),
  })
  try {
    if (cmd.kind === 'payouts') {
      return await runPayouts(cmd, core.dispatch, {
        out: (text) => console.log(text),
        err: (text) => console.error(text),
        now: () => Date.now(),
      })
    }
    if (cmd.kind === 'demo') {
      const result = await seedDemo(core)
      console.log(result.created ? `Demo program created in ${dataDir}: ${result.summary}` : result.summary)
      return result.created ? 0 : 1
    }
    if (cmd.demo) {
      const result = await seedDemo(core)
      console.log(result.summary)
    }
    if (!existsSync(resolve(rendererDir, 'index.html'))) {
      console.error(`The UI is not built (${rendererDir} is missing): run "npm run build" first.`)
      return 1
    }
    const token = randomBytes(24).toString('base64url')
    const ui = await startUiServer({ dispatch: core.dispatch, rendererDir, token, port: cmd.port })
    console.log(`Affiliate Desk is running headless. Data folder: ${dataDir}`)
    if (core.listenerUrl) console.log(`Tracking listener: ${core.listenerUrl}`)
    console.log(`Open this URL in your browser (it holds your session token):\n  ${ui.url}#token=${token}`)
    await new Promise<void>((resolveStop) => {
      const stop = () => resolveStop()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    console.log('Stopping…')
    await ui.close()
    return 0
  } finally {
    await core.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof MigrationError) console.error(err.message)
    else console.error('Affiliate Desk could not start:', err)
    process.exit(1)
  },
)

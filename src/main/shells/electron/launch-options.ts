// Where the Electron shell keeps its data and finds its migrations. Pure functions of argv, env and
// the app's paths, so each precedence rule is tested.
import { join, resolve } from 'node:path'

export const DATA_DIR_ENV = 'AFFILIATE_DESK_DATA_DIR'

export class LaunchOptionError extends Error {
  override name = 'LaunchOptionError'
}

/** `--name value` or `--name=value`; undefined when the flag is absent. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const flag = `--${name}`
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1)
    if (arg === flag) {
      const next = argv[i + 1]
      if (next === undefined || next.startsWith('--')) throw new LaunchOptionError(`${flag} needs a value`)
      return next
    }
  }
  return undefined
}

export interface LaunchOptions {
  dataDir: string
  /** For tests: `--listener-port 0` keeps the tracking listener off the port saved in settings. */
  listenerPort?: number
  /** `--demo` (npm run start:demo): fill an empty data folder with the demo program, as the headless shell does. */
  demo: boolean
}

export function launchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultDataDir: () => string,
): LaunchOptions {
  const fromArg = flagValue(argv, 'data-dir')
  if (fromArg === '') throw new LaunchOptionError('--data-dir needs a folder path')
  const dataDir = resolve(fromArg || env[DATA_DIR_ENV] || defaultDataDir())
  const demo = argv.includes('--demo')
  const port = flagValue(argv, 'listener-port')
  if (port === undefined) return { dataDir, demo }
  const listenerPort = Number(port)
  if (!Number.isInteger(listenerPort) || listenerPort < 0 || listenerPort > 65535) {
    throw new LaunchOptionError(`--listener-port must be a port number from 0 to 65535, not "${port}"`)
  }
  return { dataDir, demo, listenerPort }
}

/**
 * A packaged app ships the migrations as plain files beside the asar (electron-builder
 * extraResources → resources/drizzle), where they can be read and checked without unpacking the
 * archive; in development they are the repository's drizzle/ folder.
 */
export function migrationsFolder(app: {
  isPackaged: boolean
  appPath: string
  resourcesPath: string
}): string {
  return app.isPackaged ? join(app.resourcesPath, 'drizzle') : join(app.appPath, 'drizzle')
}

/** The built bundles sit side by side in out/: main/, preload/, renderer/. */
export function bundlePaths(mainDir: string): { preload: string; renderer: string } {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    renderer: join(mainDir, '..', 'renderer', 'index.html'),
  }
}

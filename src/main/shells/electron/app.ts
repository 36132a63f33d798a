// The Electron shell's orchestration, and nothing else: one instance, then core → IPC → session
// rules → menu → window. Every Electron module arrives as a parameter, so the order, the failure
// path and the shutdown are tested with fakes under plain Node.
import { join } from 'node:path'
import type { Core, CoreOptions } from '../../core/core'
import { MigrationError } from '../../db/open'
import { METHOD_NAMES } from '../../../shared/methods'
import { appUrlMatcher, rendererEntry } from './app-url'
import { registerContract, type IpcMainLike } from './ipc'
import { bundlePaths, launchOptions, migrationsFolder } from './launch-options'
import { buildMenuTemplate, installMenu, type MenuStatics } from './menu'
import { createPdfPrinter, pageSizeForLocale, type PrintWindowLike } from './pdf-printer'
import { createSaveFile, type SaveDialogLike } from './save-file'
import { contentSecurityPolicy, hardenSession, type PreventableEvent, type SessionLike } from './security'
import { desktopSecretBox, type SafeStorageLike } from './safe-storage-box'
import { defaultKeyFile } from '../../secrets/key-file'
import { APP_TITLE, createMainWindow, type BrowserWindowConstructor, type BrowserWindowLike } from './window'

export interface AppLike {
  readonly isPackaged: boolean
  requestSingleInstanceLock(): boolean
  whenReady(): Promise<unknown>
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): unknown
  quit(): void
  exit(code?: number): void
  getPath(name: 'appData' | 'downloads'): string
  getAppPath(): string
  getVersion(): string
  /** The OS's locale (not the app's UI language): its region picks the PDF paper size. */
  getSystemLocale(): string
}

export interface DialogLike extends SaveDialogLike {
  showErrorBox(title: string, content: string): void
  showMessageBox(options: { type: 'info'; title: string; message: string; detail: string }): Promise<unknown>
}

export interface ShellLike {
  openExternal(url: string): Promise<unknown>
  openPath(path: string): Promise<string>
}

/** The app's window and the hidden statement-printing window come from the same constructor. */
export interface ElectronModules<W extends BrowserWindowLike & PrintWindowLike, M> {
  app: AppLike
  BrowserWindow: BrowserWindowConstructor<W>
  ipcMain: IpcMainLike
  Menu: MenuStatics<M>
  shell: ShellLike
  session: { readonly defaultSession: SessionLike }
  dialog: DialogLike
  safeStorage: SafeStorageLike
}

/** The part of the core this shell uses; the real createCore returns more. */
export type ShellCore = Pick<Core, 'dispatch' | 'dataDir' | 'dbFile' | 'listenerUrl' | 'close'>

export interface RunOptions<C extends ShellCore = ShellCore> {
  createCore(opts: CoreOptions): Promise<C>
  /** Runs on `--demo`; it leaves a folder that already holds a program alone. */
  seedDemo?: (core: C) => Promise<{ summary: string }>
  /** Directory of the built main bundle (out/main); preload and renderer sit beside it. */
  mainDir: string
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  /** process.resourcesPath: where a packaged app finds its extraResources. */
  resourcesPath: string
  platform: NodeJS.Platform
  log?: (msg: string, err?: unknown) => void
}

export type StartOutcome =
  { status: 'running' } | { status: 'second-instance' } | { status: 'failed'; title: string; message: string }

const defaultLog = (msg: string, err?: unknown): void => {
  if (err === undefined) console.error(`[affiliate-desk] ${msg}`)
  else console.error(`[affiliate-desk] ${msg}`, err)
}

/** What the error box says. Startup errors are local and the user must act on them, so show the real reason. */
export function startupFailure(err: unknown): { title: string; message: string } {
  if (err instanceof MigrationError) {
    return { title: `${APP_TITLE} could not upgrade its database`, message: err.message }
  }
  const reason = err instanceof Error ? err.message : String(err)
  return { title: `${APP_TITLE} could not start`, message: reason || 'Unknown error; see the log.' }
}

export async function runElectronApp<W extends BrowserWindowLike & PrintWindowLike, M, C extends ShellCore>(
  electron: ElectronModules<W, M>,
  opts: RunOptions<C>,
): Promise<StartOutcome> {
  const { app, dialog, shell } = electron
  const log = opts.log ?? defaultLog

  // A second copy would open the same database and try to bind the same listener port; the
  // running copy takes focus instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { status: 'second-instance' }
  }

  let core: ShellCore | null = null
  let unregister = (): void => undefined
  let mainWindow: W | null = null

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => {
    if (opts.platform !== 'darwin') app.quit()
  })
  // Closing the core is async (listener, database), and Electron does not wait for promises, so the
  // first quit is held back until the core is closed and then issued again.
  app.on('before-quit', (event) => {
    const running = core
    if (!running) return
    event.preventDefault()
    core = null
    unregister()
    void running
      .close()
      .catch((err: unknown) => log('closing the core failed', err))
      .finally(() => app.quit())
  })

  await app.whenReady()
  try {
    // Not app.getPath('userData'): that is named after package.json's "name" (affiliate-desk), while
    // the headless shell defaults to "<appData>/Affiliate Desk"; both shells must open the same program.
    const launch = launchOptions(opts.argv, opts.env, () => join(app.getPath('appData'), APP_TITLE))
    const started = await opts.createCore({
      shell: 'electron',
      dataDir: launch.dataDir,
      migrationsFolder: migrationsFolder({
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
        resourcesPath: opts.resourcesPath,
      }),
      version: app.getVersion(),
      log,
      ...secretBoxOption(electron.safeStorage, launch.dataDir),
      saveFile: createSaveFile({ dialog, defaultDir: () => app.getPath('downloads') }),
      pdfPrinter: createPdfPrinter({
        BrowserWindow: electron.BrowserWindow,
        pageSize: () => pageSizeForLocale(app.getSystemLocale()),
      }),
      ...(launch.listenerPort === undefined ? {} : { listenerPort: launch.listenerPort }),
    })
    core = started
    if (launch.demo && opts.seedDemo) log((await opts.seedDemo(started)).summary)

    const paths = bundlePaths(opts.mainDir)
    const entry = rendererEntry({
      rendererFile: paths.renderer,
      devServerUrl: opts.env.ELECTRON_RENDERER_URL,
      isPackaged: app.isPackaged,
    })
    const isAppUrl = appUrlMatcher(entry)

    unregister = registerContract(electron.ipcMain, started.dispatch, isAppUrl, METHOD_NAMES, log)
    hardenSession(electron.session.defaultSession, {
      csp: contentSecurityPolicy(entry.kind === 'url' ? { devServerUrl: entry.url } : {}),
      isAppUrl,
    })
    installMenu(
      electron.Menu,
      buildMenuTemplate({
        platform: opts.platform,
        isPackaged: app.isPackaged,
        openDataFolder: () =>
          void shell.openPath(started.dataDir).then((error) => {
            if (error) dialog.showErrorBox('Could not open the data folder', error)
          }),
        showAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: `About ${APP_TITLE}`,
            message: `${APP_TITLE} ${app.getVersion()}`,
            detail: [
              `Data folder: ${started.dataDir}`,
              `Database: ${started.dbFile}`,
              `Tracking listener: ${started.listenerUrl ?? 'off'}`,
            ].join('\n'),
          }),
      }),
    )

    const openWindow = async (): Promise<void> => {
      const win = await createMainWindow({
        BrowserWindow: electron.BrowserWindow,
        preloadPath: paths.preload,
        entry,
        isAppUrl,
        openExternal: (url) => shell.openExternal(url),
      })
      mainWindow = win
      win.on('closed', () => {
        if (mainWindow === win) mainWindow = null
      })
    }
    await openWindow()
    // macOS keeps the app (and its tracking listener) running with no window; the dock icon reopens one.
    app.on('activate', () => {
      if (!mainWindow && core)
        void openWindow().catch((err: unknown) => log('could not reopen the window', err))
    })
    return { status: 'running' }
  } catch (err) {
    const failure = startupFailure(err)
    log(failure.title, err)
    dialog.showErrorBox(failure.title, failure.message)
    unregister()
    const running = core as ShellCore | null
    core = null
    if (running) await running.close().catch((closeErr: unknown) => log('closing the core failed', closeErr))
    // exit, not quit: nothing may run on (or be shown) after a failed start, and the code must say so.
    app.exit(1)
    return { status: 'failed', ...failure }
  }
}

/** Secrets sealed by the OS keychain when it is there; else the core's key file, as headless. */
function secretBoxOption(safeStorage: SafeStorageLike, dataDir: string): Pick<CoreOptions, 'secretBox'> {
  const box = desktopSecretBox(safeStorage, defaultKeyFile(dataDir))
  return box ? { secretBox: box } : {}
}

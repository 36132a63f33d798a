// Stand-ins for the Electron objects the shell touches, for tests under plain Node. They record
// what the code under test did and let a test play the part of Chromium (emit navigation events,
// call window.open, send an IPC call from some frame).
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron'
import type { CoreOptions } from '../../src/main/core/core'
import type { Dispatch } from '../../src/main/core/dispatch'
import type {
  AppLike,
  DialogLike,
  ElectronModules,
  ShellCore,
  ShellLike,
} from '../../src/main/shells/electron/app'
import type { InvokeEventLike, IpcMainLike } from '../../src/main/shells/electron/ipc'
import type { MenuStatics } from '../../src/main/shells/electron/menu'
import type { PrintToPdfOptions } from '../../src/main/shells/electron/pdf-printer'
import type { SaveDialogOptions } from '../../src/main/shells/electron/save-file'
import type { PreventableEvent, SessionLike, WebContentsLike } from '../../src/main/shells/electron/security'
import type { BrowserWindowLike } from '../../src/main/shells/electron/window'

type Listener = (...args: never[]) => unknown

class Emitter {
  readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener): this {
    const wrapped = (...args: never[]): unknown => {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== wrapped),
      )
      return listener(...args)
    }
    return this.on(event, wrapped)
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args)
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0
  }
}

export class FakeEvent implements PreventableEvent {
  defaultPrevented = false
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

export class FakeWebContents extends Emitter implements WebContentsLike {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler
  }
  /** What Chromium does before following a link: returns whether the navigation was stopped. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const e = new FakeEvent()
    this.emit(event, e, url)
    return e.defaultPrevented
  }
  readonly printed: PrintToPdfOptions[] = []
  /** What the next printToPDF answers: these bytes, this error, or nothing ever (null). */
  pdf: Uint8Array | Error | null = new TextEncoder().encode('%PDF-1.7 fake')
  async printToPDF(options: PrintToPdfOptions): Promise<Uint8Array> {
    this.printed.push(options)
    if (this.pdf === null) return new Promise<never>(() => undefined)
    if (this.pdf instanceof Error) throw this.pdf
    return this.pdf
  }
  /** What Chromium does on window.open / target=_blank. */
  open(url: string): { action: string } {
    if (!this.windowOpenHandler) return { action: 'allow' }
    return this.windowOpenHandler({ url })
  }
}

export class FakeSession implements SessionLike {
  headersListener: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | null = null
  requestHandler: Parameters<SessionLike['setPermissionRequestHandler']>[0] | null = null
  checkHandler: Parameters<SessionLike['setPermissionCheckHandler']>[0] | null = null
  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>): void => {
      this.headersListener = listener
    },
  }
  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>): void {
    this.requestHandler = handler
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>): void {
    this.checkHandler = handler
  }
  /** Runs a response through the installed header hook; null when nothing is installed. */
  respond(responseHeaders: Record<string, string[]>): Record<string, string | string[]> | null {
    if (!this.headersListener) return null
    let out: Record<string, string | string[]> | null = null
    this.headersListener({ responseHeaders }, (response) => {
      out = response.responseHeaders ?? responseHeaders
    })
    return out
  }
  request(permission: string, requestingUrl: string): boolean | null {
    if (!this.requestHandler) return null
    let granted: boolean | null = null
    this.requestHandler({}, permission, (g) => (granted = g), { requestingUrl })
    return granted
  }
  check(permission: string, requestingUrl: string): boolean | null {
    if (!this.checkHandler) return null
    return this.checkHandler({}, permission, new URL(requestingUrl).origin, { requestingUrl })
  }
}

export class FakeBrowserWindow extends Emitter implements BrowserWindowLike {
  static instances: FakeBrowserWindow[] = []
  /** When set, the next loads reject with this error, as Electron does for a missing file. */
  static loadError: Error | null = null
  /** When set, the next loads never settle, like a page that hangs. */
  static loadHangs = false
  /** What the next windows' printToPDF answers (see FakeWebContents.pdf). */
  static pdf: Uint8Array | Error | null = new TextEncoder().encode('%PDF-1.7 fake')
  readonly webContents = new FakeWebContents()
  destroyed = false
  readonly loads: { kind: 'file' | 'url'; target: string }[] = []
  title: string
  shown = false
  focused = false
  minimized = false
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super()
    this.title = options.title ?? ''
    this.webContents.pdf = FakeBrowserWindow.pdf
    FakeBrowserWindow.instances.push(this)
  }
  static reset(): void {
    FakeBrowserWindow.instances = []
    FakeBrowserWindow.loadError = null
    FakeBrowserWindow.loadHangs = false
    FakeBrowserWindow.pdf = new TextEncoder().encode('%PDF-1.7 fake')
  }
  async loadFile(file: string): Promise<void> {
    this.loads.push({ kind: 'file', target: file })
    if (FakeBrowserWindow.loadHangs) return new Promise<never>(() => undefined)
    if (FakeBrowserWindow.loadError) throw FakeBrowserWindow.loadError
  }
  async loadURL(url: string): Promise<void> {
    this.loads.push({ kind: 'url', target: url })
    if (FakeBrowserWindow.loadHangs) return new Promise<never>(() => undefined)
    if (FakeBrowserWindow.loadError) throw FakeBrowserWindow.loadError
  }
  show(): void {
    this.shown = true
  }
  focus(): void {
    this.focused = true
  }
  restore(): void {
    this.minimized = false
  }
  isMinimized(): boolean {
    return this.minimized
  }
  setTitle(title: string): void {
    this.title = title
  }
  destroy(): void {
    this.destroyed = true
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>()
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    // Electron refuses a second handler for a channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** An ipcRenderer.invoke from a frame showing `frameUrl` (null: the frame is gone). */
  async invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args)
  }
}

export class FakeMenu implements MenuStatics<{ template: MenuItemConstructorOptions[] }> {
  installed: { template: MenuItemConstructorOptions[] } | null = null
  buildFromTemplate(template: MenuItemConstructorOptions[]): { template: MenuItemConstructorOptions[] } {
    return { template }
  }
  setApplicationMenu(menu: { template: MenuItemConstructorOptions[] }): void {
    this.installed = menu
  }
}

export class FakeApp extends Emitter implements AppLike {
  isPackaged = false
  gotLock = true
  quitCalls = 0
  exitCode: number | null = null
  readonly appData: string
  constructor(opts: { appData?: string; appPath?: string; isPackaged?: boolean } = {}) {
    super()
    this.appData = opts.appData ?? '/home/u/.config'
    this.appPath = opts.appPath ?? '/repo'
    this.isPackaged = opts.isPackaged ?? false
  }
  readonly appPath: string
  requestSingleInstanceLock(): boolean {
    return this.gotLock
  }
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
  quit(): void {
    this.quitCalls++
    const e = new FakeEvent()
    this.emit('before-quit', e)
  }
  exit(code?: number): void {
    this.exitCode = code ?? 0
  }
  getPath(name: 'appData' | 'downloads'): string {
    if (name === 'downloads') return '/home/u/Downloads'
    if (name !== 'appData') throw new Error(`unexpected getPath(${String(name)})`)
    return this.appData
  }
  getAppPath(): string {
    return this.appPath
  }
  getVersion(): string {
    return '1.2.3'
  }
  systemLocale = 'en-US'
  getSystemLocale(): string {
    return this.systemLocale
  }
}

export class FakeDialog implements DialogLike {
  readonly errors: { title: string; content: string }[] = []
  readonly saveDialogs: SaveDialogOptions[] = []
  /** What the user picks in the next save dialogs; null = Cancel. */
  saveAnswer: string | null = null
  readonly messages: { title: string; message: string; detail: string }[] = []
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content })
  }
  async showMessageBox(options: { title: string; message: string; detail: string }): Promise<unknown> {
    this.messages.push(options)
    return { response: 0 }
  }
  async showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }> {
    this.saveDialogs.push(options)
    return this.saveAnswer === null ? { canceled: true } : { canceled: false, filePath: this.saveAnswer }
  }
}

export class FakeShell implements ShellLike {
  readonly external: string[] = []
  readonly opened: string[] = []
  openPathError = ''
  async openExternal(url: string): Promise<void> {
    this.external.push(url)
  }
  async openPath(path: string): Promise<string> {
    this.opened.push(path)
    return this.openPathError
  }
}

export interface FakeElectron extends ElectronModules<
  FakeBrowserWindow,
  { template: MenuItemConstructorOptions[] }
> {
  app: FakeApp
  ipcMain: FakeIpcMain
  Menu: FakeMenu
  shell: FakeShell
  session: { defaultSession: FakeSession }
  dialog: FakeDialog
  safeStorage: FakeSafeStorage
}

/** A keychain that "encrypts" by reversing and marking the text: enough to see what was sealed. */
export class FakeSafeStorage {
  constructor(public available = true) {}
  isEncryptionAvailable(): boolean {
    return this.available
  }
  encryptString(plain: string): Buffer {
    return Buffer.from(`fake:${[...plain].reverse().join('')}`)
  }
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString()
    if (!text.startsWith('fake:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage')
    return [...text.slice(5)].reverse().join('')
  }
}

export function fakeElectron(app = new FakeApp()): FakeElectron {
  FakeBrowserWindow.reset()
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    Menu: new FakeMenu(),
    shell: new FakeShell(),
    session: { defaultSession: new FakeSession() },
    dialog: new FakeDialog(),
    safeStorage: new FakeSafeStorage(),
  }
}

export class FakeCore implements ShellCore {
  closed = 0
  readonly calls: { method: string; input: unknown }[] = []
  readonly dispatch: Dispatch = async (method, input) => {
    this.calls.push({ method, input })
    return { ok: true, value: { method } }
  }
  readonly dbFile: string
  readonly listenerUrl = 'http://127.0.0.1:8080'
  constructor(readonly dataDir: string) {
    this.dbFile = `${dataDir}/affiliate-desk.sqlite`
  }
  async close(): Promise<void> {
    this.closed++
  }
}

/** A createCore that records its options and hands out FakeCores (or fails with `error`). */
export function fakeCreateCore(error?: unknown): {
  createCore: (opts: CoreOptions) => Promise<ShellCore>
  calls: CoreOptions[]
  cores: FakeCore[]
} {
  const calls: CoreOptions[] = []
  const cores: FakeCore[] = []
  return {
    calls,
    cores,
    createCore: async (opts) => {
      calls.push(opts)
      if (error !== undefined) throw error
      const core = new FakeCore(opts.dataDir)
      cores.push(core)
      return core
    },
  }
}

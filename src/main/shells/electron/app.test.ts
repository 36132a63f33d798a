import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { IPC_PREFIX, METHOD_NAMES } from '../../../shared/methods'
import { MigrationError } from '../../db/open'
import { runElectronApp, type RunOptions } from './app'
import {
  FakeApp,
  FakeBrowserWindow,
  fakeCreateCore,
  fakeElectron,
  FakeEvent,
  type FakeElectron,
} from '../../../../test/support/electron-fakes'

const mainDir = '/repo/out/main'
const rendererFile = '/repo/out/renderer/index.html'
const appPage = pathToFileURL(rendererFile).href

function run(electron: FakeElectron, over: Partial<RunOptions> = {}, coreError?: unknown) {
  const core = fakeCreateCore(coreError)
  const logs: string[] = []
  const outcome = runElectronApp(electron, {
    createCore: core.createCore,
    mainDir,
    argv: ['/usr/bin/electron', '.'],
    env: {},
    resourcesPath: '/opt/affiliate-desk/resources',
    platform: 'linux',
    log: (msg) => logs.push(msg),
    ...over,
  })
  return { outcome, core, logs }
}

function channels(electron: FakeElectron): string[] {
  return [...electron.ipcMain.handlers.keys()].sort()
}

function menuItem(electron: FakeElectron, menu: string, label: string): MenuItemConstructorOptions {
  const sub = electron.Menu.installed?.template.find((m) => m.label === menu)?.submenu
  const item = (sub as MenuItemConstructorOptions[] | undefined)?.find((i) => i.label === label)
  if (!item) throw new Error(`no ${menu} > ${label}`)
  return item
}

describe('runElectronApp: a normal start', () => {
  it('starts the core on the chosen data folder with the repository migrations', async () => {
    const electron = fakeElectron()
    const { outcome, core } = run(electron, { argv: ['/usr/bin/electron', '.', '--data-dir', '/tmp/desk'] })
    expect(await outcome).toEqual({ status: 'running' })
    expect(core.calls).toEqual([
      {
        shell: 'electron',
        dataDir: '/tmp/desk',
        migrationsFolder: join('/repo', 'drizzle'),
        version: '1.2.3',
        log: expect.any(Function),
        secretBox: expect.objectContaining({ keyId: 'keychain' }),
        saveFile: expect.any(Function),
        pdfPrinter: { print: expect.any(Function) },
      },
    ])
    expect(electron.dialog.errors).toEqual([])
    expect(electron.app.exitCode).toBeNull()
  })

  it("prints statements in a window of Electron's own, on the paper of the system's region", async () => {
    const electron = fakeElectron()
    const { outcome, core } = run(electron)
    await outcome
    const printer = core.calls[0]!.pdfPrinter!
    electron.app.systemLocale = 'en-CA'
    await printer.print('<!doctype html><title>s</title>')
    electron.app.systemLocale = 'de-DE'
    await printer.print('<!doctype html><title>s</title>')
    const printWindows = FakeBrowserWindow.instances.filter((w) => w.options.webPreferences?.partition)
    expect(printWindows.map((w) => w.webContents.printed.map((o) => o.pageSize))).toEqual([
      ['Letter'],
      ['A4'],
    ])
    expect(printWindows.every((w) => w.destroyed)).toBe(true)
  })

  it('registers exactly the contract and answers only the app page', async () => {
    const electron = fakeElectron()
    const { outcome, core } = run(electron)
    await outcome
    expect(channels(electron)).toEqual(METHOD_NAMES.map((m) => IPC_PREFIX + m).sort())

    expect(await electron.ipcMain.invoke(`${IPC_PREFIX}app.info`, appPage, {})).toEqual({
      ok: true,
      value: { method: 'app.info' },
    })
    expect(await electron.ipcMain.invoke(`${IPC_PREFIX}app.info`, 'https://evil.example/', {})).toMatchObject(
      {
        ok: false,
        error: { code: 'forbidden' },
      },
    )
    expect(core.cores[0]?.calls).toEqual([{ method: 'app.info', input: {} }])
  })

  it('locks down the session and the window before the renderer loads', async () => {
    const electron = fakeElectron()
    const seenAtLoad: { csp: unknown; channels: number }[] = []
    electron.BrowserWindow = class extends FakeBrowserWindow {
      override loadFile(file: string): Promise<void> {
        seenAtLoad.push({
          csp: electron.session.defaultSession.respond({})?.['Content-Security-Policy'],
          channels: electron.ipcMain.handlers.size,
        })
        return super.loadFile(file)
      }
    }
    const { outcome } = run(electron)
    await outcome

    expect(seenAtLoad).toEqual([
      { csp: [expect.stringContaining("script-src 'self';")], channels: METHOD_NAMES.length },
    ])
    expect(electron.session.defaultSession.request('media', appPage)).toBe(false)
    const [win] = FakeBrowserWindow.instances
    expect(win?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    })
    expect(win?.options.webPreferences?.preload).toBe(join('/repo/out/preload/index.cjs'))
    expect(win?.loads).toEqual([{ kind: 'file', target: rendererFile }])
    expect(win?.webContents.navigate('https://example.com/')).toBe(true)
    expect(win?.webContents.open('https://example.com/')).toEqual({ action: 'deny' })
    expect(electron.shell.external).toEqual(['https://example.com/'])
  })

  it('defaults to "<appData>/Affiliate Desk", the folder the headless shell uses', async () => {
    const electron = fakeElectron(new FakeApp({ appData: '/home/u/.config' }))
    const { outcome, core } = run(electron)
    await outcome
    expect(core.calls[0]?.dataDir).toBe(join('/home/u/.config', 'Affiliate Desk'))
  })

  it('takes the data folder from AFFILIATE_DESK_DATA_DIR when there is no --data-dir', async () => {
    const electron = fakeElectron()
    const { outcome, core } = run(electron, { env: { AFFILIATE_DESK_DATA_DIR: '/srv/desk' } })
    await outcome
    expect(core.calls[0]?.dataDir).toBe('/srv/desk')
  })

  it('passes --listener-port to the core', async () => {
    const electron = fakeElectron()
    const { outcome, core } = run(electron, { argv: ['electron', '.', '--listener-port', '0'] })
    await outcome
    expect(core.calls[0]?.listenerPort).toBe(0)
  })

  it('fills the data folder with the demo program on --demo, and only then', async () => {
    const seeded: unknown[] = []
    const seedDemo = async (core: unknown) => {
      seeded.push(core)
      return { summary: 'Demo program created' }
    }
    const withDemo = fakeElectron()
    const a = run(withDemo, { argv: ['electron', '.', '--demo'], seedDemo })
    await a.outcome
    expect(seeded).toEqual([a.core.cores[0]])
    expect(a.logs).toContain('Demo program created')

    const withoutDemo = fakeElectron()
    await run(withoutDemo, { seedDemo }).outcome
    expect(seeded).toHaveLength(1)
  })

  it('in a packaged app: migrations from resources, no dev server, no dev tools', async () => {
    const electron = fakeElectron(new FakeApp({ isPackaged: true }))
    const { outcome, core } = run(electron, { env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })
    await outcome
    expect(core.calls[0]?.migrationsFolder).toBe(join('/opt/affiliate-desk/resources', 'drizzle'))
    expect(FakeBrowserWindow.instances[0]?.loads).toEqual([{ kind: 'file', target: rendererFile }])
    const view = electron.Menu.installed?.template.find((m) => m.label === '&View')?.submenu
    expect(JSON.stringify(view)).not.toContain('toggleDevTools')
  })

  it('in development: loads the dev server, which then counts as the app page', async () => {
    const electron = fakeElectron()
    const { outcome } = run(electron, { env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })
    await outcome
    expect(FakeBrowserWindow.instances[0]?.loads).toEqual([{ kind: 'url', target: 'http://localhost:5173/' }])
    expect(
      await electron.ipcMain.invoke(`${IPC_PREFIX}app.info`, 'http://localhost:5173/', {}),
    ).toMatchObject({
      ok: true,
    })
    expect(await electron.ipcMain.invoke(`${IPC_PREFIX}app.info`, appPage, {})).toMatchObject({ ok: false })
  })

  it('wires the menu to the data folder and the About box', async () => {
    const electron = fakeElectron()
    const { outcome } = run(electron, { argv: ['electron', '.', '--data-dir', '/tmp/desk'] })
    await outcome
    ;(menuItem(electron, '&File', 'Open Data Folder').click as () => void)()
    ;(menuItem(electron, '&Help', 'About Affiliate Desk').click as () => void)()
    expect(electron.shell.opened).toEqual(['/tmp/desk'])
    expect(electron.dialog.messages).toEqual([
      expect.objectContaining({
        message: 'Affiliate Desk 1.2.3',
        detail: expect.stringContaining('/tmp/desk'),
      }),
    ])
  })

  it('says so when the data folder cannot be opened', async () => {
    const electron = fakeElectron()
    electron.shell.openPathError = 'No application is associated with the folder'
    const { outcome } = run(electron)
    await outcome
    ;(menuItem(electron, '&File', 'Open Data Folder').click as () => void)()
    await vi.waitFor(() =>
      expect(electron.dialog.errors).toEqual([
        { title: 'Could not open the data folder', content: 'No application is associated with the folder' },
      ]),
    )
  })
})

describe('runElectronApp: a failed start', () => {
  it('shows a failed migration in an error box and exits with 1, without a window or IPC', async () => {
    const electron = fakeElectron()
    const error = new MigrationError('The database at /d/affiliate-desk.sqlite could not be upgraded', '/d/x')
    const { outcome } = run(electron, {}, error)
    expect(await outcome).toMatchObject({ status: 'failed' })
    expect(electron.dialog.errors).toEqual([
      {
        title: 'Affiliate Desk could not upgrade its database',
        content: 'The database at /d/affiliate-desk.sqlite could not be upgraded',
      },
    ])
    expect(electron.app.exitCode).toBe(1)
    expect(FakeBrowserWindow.instances).toEqual([])
    expect(channels(electron)).toEqual([])
  })

  it('shows any other startup error the same way', async () => {
    const electron = fakeElectron()
    const { outcome } = run(electron, {}, new Error('listen EADDRINUSE: address already in use 0.0.0.0:8787'))
    await outcome
    expect(electron.dialog.errors).toEqual([
      {
        title: 'Affiliate Desk could not start',
        content: 'listen EADDRINUSE: address already in use 0.0.0.0:8787',
      },
    ])
    expect(electron.app.exitCode).toBe(1)
  })

  it('refuses a bad command line before opening anything', async () => {
    const electron = fakeElectron()
    const { outcome, core } = run(electron, { argv: ['electron', '.', '--data-dir'] })
    await outcome
    expect(core.calls).toEqual([])
    expect(electron.dialog.errors[0]?.content).toMatch(/--data-dir needs a value/)
    expect(electron.app.exitCode).toBe(1)
  })

  it('closes the core and removes the IPC handlers when the window cannot load', async () => {
    const electron = fakeElectron()
    FakeBrowserWindow.loadError = new Error('ERR_FILE_NOT_FOUND (-6)')
    const { outcome, core } = run(electron)
    await outcome
    expect(core.cores[0]?.closed).toBe(1)
    expect(channels(electron)).toEqual([])
    expect(electron.dialog.errors[0]?.content).toMatch(/ERR_FILE_NOT_FOUND.*npm run build/)
    expect(electron.app.exitCode).toBe(1)
  })
})

describe('runElectronApp: one instance', () => {
  it('a second copy quits at once without touching the data', async () => {
    const app = new FakeApp()
    app.gotLock = false
    const electron = fakeElectron(app)
    const { outcome, core } = run(electron)
    expect(await outcome).toEqual({ status: 'second-instance' })
    expect(app.quitCalls).toBe(1)
    expect(core.calls).toEqual([])
    expect(FakeBrowserWindow.instances).toEqual([])
  })

  it('the first copy brings its window back when a second one is started', async () => {
    const electron = fakeElectron()
    await run(electron).outcome
    const win = FakeBrowserWindow.instances[0]!
    win.minimized = true
    electron.app.emit('second-instance')
    expect(win.minimized).toBe(false)
    expect(win.focused).toBe(true)
  })
})

describe('runElectronApp: shutdown', () => {
  it('closes the core before the app quits, once', async () => {
    const electron = fakeElectron()
    const { outcome, core } = run(electron)
    await outcome
    const first = new FakeEvent()
    electron.app.emit('before-quit', first)
    expect(first.defaultPrevented).toBe(true)
    expect(channels(electron)).toEqual([])
    await vi.waitFor(() => expect(electron.app.quitCalls).toBe(1))
    expect(core.cores[0]?.closed).toBe(1)
    // the quit issued after closing is let through
    const second = new FakeEvent()
    electron.app.emit('before-quit', second)
    expect(second.defaultPrevented).toBe(false)
    expect(core.cores[0]?.closed).toBe(1)
  })

  it('still quits when closing the core fails', async () => {
    const electron = fakeElectron()
    const { outcome, core, logs } = run(electron)
    await outcome
    core.cores[0]!.close = () => Promise.reject(new Error('disk gone'))
    electron.app.emit('before-quit', new FakeEvent())
    await vi.waitFor(() => expect(electron.app.quitCalls).toBe(1))
    expect(logs).toContain('closing the core failed')
  })

  it('quits when the last window closes, except on macOS', async () => {
    const linux = fakeElectron()
    await run(linux).outcome
    linux.app.emit('window-all-closed')
    expect(linux.app.quitCalls).toBe(1)

    const mac = fakeElectron()
    await run(mac, { platform: 'darwin' }).outcome
    mac.app.emit('window-all-closed')
    expect(mac.app.quitCalls).toBe(0)
  })

  it('on macOS reopens the window from the dock', async () => {
    const mac = fakeElectron()
    await run(mac, { platform: 'darwin' }).outcome
    mac.app.emit('activate')
    expect(FakeBrowserWindow.instances).toHaveLength(1)
    FakeBrowserWindow.instances[0]!.emit('closed')
    mac.app.emit('activate')
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(2))
  })
})

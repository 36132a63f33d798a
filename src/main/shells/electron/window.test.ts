import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, FakeEvent } from '../../../../test/support/electron-fakes'
import { secureWebPreferences } from './security'
import { APP_TITLE, createMainWindow, windowTitle, type MainWindowDeps } from './window'

const APP = 'file:///app/out/renderer/index.html'
const isAppUrl = (url: string): boolean => url === APP
const file = { kind: 'file', file: '/app/out/renderer/index.html' } as const

beforeEach(() => FakeBrowserWindow.reset())

/** The production window on fakes; each test overrides only the dependency it is about. */
const openWindow = (deps: Partial<MainWindowDeps<FakeBrowserWindow>> = {}) =>
  createMainWindow({
    BrowserWindow: FakeBrowserWindow,
    preloadPath: '/p.cjs',
    entry: file,
    isAppUrl,
    openExternal: () => undefined,
    ...deps,
  })

describe('createMainWindow', () => {
  it('creates one hidden window with the secure preferences and loads the built file', async () => {
    const win = await openWindow({ preloadPath: '/app/out/preload/index.cjs' })
    expect(FakeBrowserWindow.instances).toEqual([win])
    expect(win.options.webPreferences).toStrictEqual(secureWebPreferences('/app/out/preload/index.cjs'))
    expect(win.options.show).toBe(false)
    expect(win.options.title).toBe(APP_TITLE)
    expect(win.loads).toEqual([{ kind: 'file', target: '/app/out/renderer/index.html' }])
  })

  it('loads the dev server URL in development', async () => {
    const win = await openWindow({ entry: { kind: 'url', url: 'http://localhost:5173/' } })
    expect(win.loads).toEqual([{ kind: 'url', target: 'http://localhost:5173/' }])
  })

  it('hardens the page before loading it', async () => {
    const openExternal = vi.fn()
    const win = await openWindow({ openExternal })
    expect(win.webContents.navigate('https://example.com/')).toBe(true)
    expect(win.webContents.navigate(APP)).toBe(false)
    expect(win.webContents.open('https://example.com/')).toStrictEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://example.com/')
  })

  it('shows the window once it is ready', async () => {
    const win = await openWindow()
    expect(win.shown).toBe(false)
    win.emit('ready-to-show')
    expect(win.shown).toBe(true)
  })

  it('keeps the app name in the window title when the page sets its own', async () => {
    const win = await openWindow()
    const event = new FakeEvent()
    win.emit('page-title-updated', event, 'Payouts')
    expect(event.defaultPrevented).toBe(true)
    expect(win.title).toBe('Payouts · Affiliate Desk')
  })

  it('says what to do when the renderer cannot be loaded', async () => {
    FakeBrowserWindow.loadError = new Error(
      "ERR_FILE_NOT_FOUND (-6) loading 'file:///app/out/renderer/index.html'",
    )
    await expect(openWindow()).rejects.toThrow(
      /could not load \/app\/out\/renderer\/index\.html \(ERR_FILE_NOT_FOUND.*npm run build/,
    )
  })
})

describe('windowTitle', () => {
  it.each([
    ['', 'Affiliate Desk'],
    ['  ', 'Affiliate Desk'],
    ['Affiliate Desk', 'Affiliate Desk'],
    ['Campaigns – Affiliate Desk', 'Campaigns – Affiliate Desk'],
    ['Campaigns', 'Campaigns · Affiliate Desk'],
  ])('%j → %j', (page, title) => {
    expect(windowTitle(page)).toBe(title)
  })
})

// The one window. Its constructor comes in as a parameter so the options and the loading logic are
// tested without Electron.
import type { BrowserWindowConstructorOptions } from 'electron'
import type { RendererEntry } from './app-url'
import {
  hardenWebContents,
  secureWebPreferences,
  type IsAppUrl,
  type OpenExternal,
  type PreventableEvent,
  type WebContentsLike,
} from './security'

export const APP_TITLE = 'Affiliate Desk'

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike
  loadFile(file: string): Promise<void>
  loadURL(url: string): Promise<void>
  once(event: 'ready-to-show', listener: () => void): unknown
  on(event: 'page-title-updated', listener: (event: PreventableEvent, title: string) => void): unknown
  on(event: 'closed', listener: () => void): unknown
  show(): void
  focus(): void
  restore(): void
  isMinimized(): boolean
  setTitle(title: string): void
}

export type BrowserWindowConstructor<W extends BrowserWindowLike = BrowserWindowLike> = new (
  options: BrowserWindowConstructorOptions,
) => W

export interface MainWindowDeps<W extends BrowserWindowLike> {
  BrowserWindow: BrowserWindowConstructor<W>
  preloadPath: string
  entry: RendererEntry
  isAppUrl: IsAppUrl
  openExternal: OpenExternal
}

/** The page names the view; the window always says which app it is (task switchers, tests). */
export function windowTitle(pageTitle: string): string {
  const page = pageTitle.trim()
  if (!page || page === APP_TITLE) return APP_TITLE
  return page.includes(APP_TITLE) ? page : `${page} · ${APP_TITLE}`
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: APP_TITLE,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  }
}

/** Creates the window, hardens it before anything loads, and resolves once the renderer has loaded. */
export async function createMainWindow<W extends BrowserWindowLike>(deps: MainWindowDeps<W>): Promise<W> {
  const win = new deps.BrowserWindow(mainWindowOptions(deps.preloadPath))
  hardenWebContents(win.webContents, { isAppUrl: deps.isAppUrl, openExternal: deps.openExternal })
  win.on('page-title-updated', (event, title) => {
    event.preventDefault()
    win.setTitle(windowTitle(title))
  })
  win.once('ready-to-show', () => win.show())
  const where = deps.entry.kind === 'file' ? deps.entry.file : deps.entry.url
  try {
    if (deps.entry.kind === 'file') await win.loadFile(deps.entry.file)
    else await win.loadURL(deps.entry.url)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new Error(
      `The Affiliate Desk window could not load ${where} (${reason}). Run "npm run build" first.`,
    )
  }
  return win
}

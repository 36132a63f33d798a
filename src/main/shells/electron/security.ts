// Every rule that keeps the renderer a plain web page: no Node, no navigation away from the app, no
// new windows, no permissions, and a Content-Security-Policy that only allows the app's own files.
// Electron objects come in as parameters (narrow interfaces, satisfied by the real ones) so each
// rule is unit-tested with fakes under plain Node.
import type { WebPreferences } from 'electron'

export interface PreventableEvent {
  preventDefault(): void
}

export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

type ResponseHeaders = Record<string, string | string[]>

export interface SessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: ResponseHeaders }) => void,
      ) => void,
    ): void
  }
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { requestingUrl?: string },
    ) => boolean,
  ): void
}

export type IsAppUrl = (url: string) => boolean
export type OpenExternal = (url: string) => unknown

/** The hardening every window of the app gets, whatever it shows (the app, a statement to print). */
export const HARDENED_WEB_PREFERENCES: Readonly<WebPreferences> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  // Dropping a file on the window would otherwise navigate to it, leaving the app.
  navigateOnDragDrop: false,
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return { preload: preloadPath, ...HARDENED_WEB_PREFERENCES }
}

/**
 * The renderer's policy. The built app needs nothing beyond its own files (React sets `style` props
 * through the CSSOM, which style-src does not restrict), so there is no 'unsafe-inline' anywhere.
 * The vite dev server is the one exception: its React-refresh preamble is an inline script, it
 * injects CSS as <style> tags and talks to its HMR websocket, so dev mode relaxes exactly those.
 */
export function contentSecurityPolicy(opts: { devServerUrl?: string } = {}): string {
  const dev = opts.devServerUrl ? new URL(opts.devServerUrl) : null
  const wsOrigin = dev ? `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}` : null
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    ['style-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    ['img-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(wsOrigin ? [wsOrigin] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ]
  return directives.map((d) => d.join(' ')).join('; ')
}

/** Sends the policy as a response header on everything the session loads, replacing any other CSP. */
export function installContentSecurityPolicy(session: SessionLike, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: ResponseHeaders = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [csp]
    callback({ responseHeaders: headers })
  })
}

/**
 * Nothing in a back office needs the camera, location, notifications or the like, so every
 * permission is refused. The one exception is writing plain text to the clipboard from the app's
 * own page: "copy tracking link" buttons use navigator.clipboard.writeText, which Chromium routes
 * through this handler, and a sanitized write cannot read anything back.
 */
export function denyPermissions(session: SessionLike, isAppUrl: IsAppUrl): void {
  const allowed = (permission: string, url: string | undefined): boolean =>
    permission === 'clipboard-sanitized-write' && url !== undefined && isAppUrl(url)
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  )
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    allowed(permission, details.requestingUrl),
  )
}

/** The window holds the IPC bridge, so it must never show anything but the app. */
export function blockNavigation(contents: WebContentsLike, isAppUrl: IsAppUrl): void {
  const guard = (event: PreventableEvent, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault()
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
}

export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

/**
 * No second windows, ever. A link meant to open elsewhere (target=_blank, window.open) goes to the
 * user's browser instead, but only for http(s): file:, smb: or custom schemes could launch programs.
 */
export function denyNewWindows(contents: WebContentsLike, openExternal: OpenExternal): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) void Promise.resolve(openExternal(url)).catch(() => undefined)
    return { action: 'deny' }
  })
}

export function hardenSession(session: SessionLike, opts: { csp: string; isAppUrl: IsAppUrl }): void {
  installContentSecurityPolicy(session, opts.csp)
  denyPermissions(session, opts.isAppUrl)
}

export function hardenWebContents(
  contents: WebContentsLike,
  opts: { isAppUrl: IsAppUrl; openExternal: OpenExternal },
): void {
  blockNavigation(contents, opts.isAppUrl)
  denyNewWindows(contents, opts.openExternal)
}

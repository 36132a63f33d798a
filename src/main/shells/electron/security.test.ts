import { describe, expect, it, vi } from 'vitest'
import { FakeSession, FakeWebContents } from '../../../../test/support/electron-fakes'
import {
  blockNavigation,
  contentSecurityPolicy,
  denyNewWindows,
  denyPermissions,
  hardenSession,
  hardenWebContents,
  installContentSecurityPolicy,
  isWebUrl,
  secureWebPreferences,
} from './security'

const APP = 'file:///app/out/renderer/index.html'
const isAppUrl = (url: string): boolean => url.split('#')[0] === APP

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/)
      return [name, values] as const
    }),
  )
}

describe('secureWebPreferences', () => {
  it('is exactly the locked-down set, with the preload', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toStrictEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    })
  })
})

describe('contentSecurityPolicy', () => {
  it('allows only the app itself in a built app', () => {
    const d = directives(contentSecurityPolicy())
    expect(Object.fromEntries(d)).toStrictEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    })
  })

  it('relaxes only what the vite dev server needs, and only in dev', () => {
    const d = directives(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' }))
    expect(d.get('script-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173'])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(contentSecurityPolicy()).not.toMatch(/unsafe|ws:/)
  })
})

describe('installContentSecurityPolicy', () => {
  it('adds the policy to every response, replacing any CSP the response had and keeping other headers', () => {
    const session = new FakeSession()
    installContentSecurityPolicy(session, "default-src 'self'")
    const headers = session.respond({
      'content-type': ['text/html'],
      'content-security-policy': ['default-src *'],
      'Content-Security-Policy': ["script-src 'unsafe-eval'"],
    })
    expect(headers).toStrictEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    })
  })

  it('copes with a response without headers', () => {
    const session = new FakeSession()
    installContentSecurityPolicy(session, "default-src 'self'")
    let seen: unknown
    session.headersListener?.({}, (r) => (seen = r.responseHeaders))
    expect(seen).toStrictEqual({ 'Content-Security-Policy': ["default-src 'self'"] })
  })
})

describe('denyPermissions', () => {
  const session = new FakeSession()
  denyPermissions(session, isAppUrl)

  it.each([
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'clipboard-read',
    'fullscreen',
    'unknown',
  ])('refuses %s, even to the app', (permission) => {
    expect(session.request(permission, APP)).toBe(false)
    expect(session.check(permission, APP)).toBe(false)
  })

  it('lets only the app write text to the clipboard', () => {
    expect(session.request('clipboard-sanitized-write', APP)).toBe(true)
    expect(session.check('clipboard-sanitized-write', `${APP}#/affiliates`)).toBe(true)
    expect(session.request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(session.check('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
  })
})

describe('hardenSession', () => {
  it('installs both the CSP and the permission handlers', () => {
    const session = new FakeSession()
    hardenSession(session, { csp: "default-src 'none'", isAppUrl })
    expect(session.respond({})).toStrictEqual({ 'Content-Security-Policy': ["default-src 'none'"] })
    expect(session.request('media', APP)).toBe(false)
  })
})

describe('blockNavigation', () => {
  const contents = new FakeWebContents()
  blockNavigation(contents, isAppUrl)

  it('stops navigation to any other page', () => {
    expect(contents.navigate('https://example.com/')).toBe(true)
    expect(contents.navigate('file:///etc/passwd')).toBe(true)
    expect(contents.navigate('javascript:alert(1)')).toBe(true)
  })

  it('stops a redirect away from the app too', () => {
    expect(contents.navigate('https://example.com/', 'will-redirect')).toBe(true)
  })

  it('lets the app reload itself', () => {
    expect(contents.navigate(APP)).toBe(false)
    expect(contents.navigate(`${APP}#/settings`)).toBe(false)
  })
})

describe('denyNewWindows', () => {
  it('denies every window.open and sends only http(s) links to the OS browser', async () => {
    const contents = new FakeWebContents()
    const openExternal = vi.fn(async () => undefined)
    denyNewWindows(contents, openExternal)

    for (const url of [
      'https://example.com/x',
      'http://example.com/',
      'file:///etc/passwd',
      'smb://host/share',
      'about:blank',
      APP,
    ]) {
      expect(contents.open(url)).toStrictEqual({ action: 'deny' })
    }
    expect(openExternal.mock.calls).toEqual([['https://example.com/x'], ['http://example.com/']])
  })

  it('still denies when the OS browser cannot be opened', async () => {
    const contents = new FakeWebContents()
    denyNewWindows(contents, () => Promise.reject(new Error('no browser')))
    expect(contents.open('https://example.com/')).toStrictEqual({ action: 'deny' })
  })
})

describe('isWebUrl', () => {
  it('accepts http and https only', () => {
    expect(isWebUrl('https://a.example')).toBe(true)
    expect(isWebUrl('HTTP://a.example')).toBe(true)
    expect(isWebUrl('mailto:a@b.example')).toBe(false)
    expect(isWebUrl('file:///x')).toBe(false)
    expect(isWebUrl('nonsense')).toBe(false)
  })
})

describe('hardenWebContents', () => {
  it('installs both the navigation guard and the window-open handler', () => {
    const contents = new FakeWebContents()
    hardenWebContents(contents, { isAppUrl, openExternal: () => undefined })
    expect(contents.navigate('https://example.com/')).toBe(true)
    expect(contents.open('https://example.com/')).toStrictEqual({ action: 'deny' })
  })
})

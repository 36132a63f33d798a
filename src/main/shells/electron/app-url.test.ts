import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { appUrlMatcher, rendererEntry } from './app-url'

const rendererFile = '/opt/Affiliate Desk/resources/app.asar/out/renderer/index.html'
const fileUrl = pathToFileURL(rendererFile).href

describe('rendererEntry', () => {
  it('loads the built file when no dev server is set', () => {
    expect(rendererEntry({ rendererFile, isPackaged: false })).toEqual({ kind: 'file', file: rendererFile })
  })

  it('loads the dev server in development', () => {
    expect(rendererEntry({ rendererFile, devServerUrl: 'http://localhost:5173', isPackaged: false })).toEqual(
      {
        kind: 'url',
        url: 'http://localhost:5173/',
      },
    )
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    const entry = rendererEntry({ rendererFile, devServerUrl: 'https://evil.example', isPackaged: true })
    expect(entry).toEqual({ kind: 'file', file: rendererFile })
  })
})

describe('appUrlMatcher for the built renderer', () => {
  const isApp = appUrlMatcher({ kind: 'file', file: rendererFile })

  it('accepts the renderer file, with or without a route in the hash or a query', () => {
    expect(fileUrl).toContain('%20') // the space is encoded in the URL but not in the path
    expect(isApp(fileUrl)).toBe(true)
    expect(isApp(`${fileUrl}#/campaigns/3`)).toBe(true)
    expect(isApp(`${fileUrl}?x=1`)).toBe(true)
  })

  it('rejects every other file, although all file: URLs share one origin', () => {
    expect(isApp(pathToFileURL('/opt/Affiliate Desk/resources/app.asar/out/renderer/other.html').href)).toBe(
      false,
    )
    expect(isApp(pathToFileURL('/tmp/index.html').href)).toBe(false)
    expect(isApp('file:///etc/passwd')).toBe(false)
    expect(isApp(`file://fileserver${new URL(fileUrl).pathname}`)).toBe(false)
  })

  it('rejects web pages and junk', () => {
    expect(isApp('https://example.com/')).toBe(false)
    expect(isApp('about:blank')).toBe(false)
    expect(isApp('not a url')).toBe(false)
    expect(isApp('')).toBe(false)
  })
})

describe('appUrlMatcher for the dev server', () => {
  const isApp = appUrlMatcher({ kind: 'url', url: 'http://localhost:5173/' })

  it('accepts any path on the same origin', () => {
    expect(isApp('http://localhost:5173/')).toBe(true)
    expect(isApp('http://localhost:5173/src/main.tsx?t=1')).toBe(true)
  })

  it('rejects another port, host or scheme', () => {
    expect(isApp('http://localhost:5174/')).toBe(false)
    expect(isApp('http://127.0.0.1:5173/')).toBe(false)
    expect(isApp('https://localhost:5173/')).toBe(false)
    expect(isApp('http://localhost:5173.evil.example/')).toBe(false)
  })
})

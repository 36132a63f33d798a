import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { devServerCsp, withoutMetaCsp } from './dev-csp'
import { contentSecurityPolicy } from './security'

const indexHtml = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8')

describe('the dev server page policy', () => {
  it('drops only the meta policy in dev, so the header policy (which allows the refresh preamble) rules', () => {
    const dev = withoutMetaCsp(indexHtml)
    expect(dev).not.toMatch(/Content-Security-Policy/i)
    expect(dev).toContain('<meta name="referrer" content="no-referrer" />')
    expect(dev).toContain('<script type="module" src="./src/main.tsx"></script>')
    expect(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173' })).toMatch(
      /script-src 'self' 'unsafe-inline'/,
    )
  })

  it('applies only when serving, so built pages keep their strict meta policy', () => {
    expect(devServerCsp().apply).toBe('serve')
    expect(indexHtml).toMatch(/http-equiv="Content-Security-Policy"[^>]*script-src 'self';/)
  })

  it('fails loudly if the meta tag it relaxes is gone, instead of silently doing nothing', () => {
    expect(() => withoutMetaCsp('<html><head></head></html>')).toThrow(/no Content-Security-Policy/)
  })
})

import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startUiServer, type UiServer } from '../src/main/shells/http-ui/server'
import { startTestCore, type TestCore } from './support/core'

let t: TestCore
let ui: UiServer
const TOKEN = 'test-token-0123456789'

beforeAll(async () => {
  t = await startTestCore()
  const rendererDir = join(t.dir, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Affiliate Desk</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(t.dir, 'secret.txt'), 'do not serve')
  ui = await startUiServer({ dispatch: t.core.dispatch, rendererDir, token: TOKEN, port: 0 })
})
afterAll(async () => {
  await ui.close()
  await t.close()
})

function http(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: ui.port,
        method,
        path,
        headers: { host: `127.0.0.1:${ui.port}`, ...opts.headers },
      },
      (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

const rpc = (method: string, body: unknown, headers: Record<string, string> = { 'x-session-token': TOKEN }) =>
  http('POST', `/api/rpc/${method}`, {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('headless UI server', () => {
  it('serves the renderer with a strict CSP', async () => {
    const res = await http('GET', '/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('Affiliate Desk')
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'")
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await http('GET', path)
      expect(res.body).not.toContain('do not serve')
    }
  })

  it('carries the contract with the session token', async () => {
    const res = await rpc('affiliates.create', { name: 'Web', email: 'w@example.com', code: 'WEB1' })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { code: 'WEB1' } })
    const dup = await rpc('affiliates.create', { name: 'Web', email: 'w@example.com', code: 'WEB1' })
    expect(dup.status).toBe(409)
    expect(JSON.parse(dup.body)).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('answers what this shell cannot do at all with 501, saying what to do instead', async () => {
    const res = await rpc('payouts.statementPdf', { itemId: 1 })
    expect(res.status).toBe(501)
    expect(JSON.parse(res.body)).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: expect.stringContaining('Save as PDF') },
    })
  })

  it('refuses calls without the token, with a wrong token, from another origin or Host', async () => {
    expect((await rpc('app.info', {}, {})).status).toBe(401)
    expect((await rpc('app.info', {}, { 'x-session-token': 'nope' })).status).toBe(401)
    expect(
      (await rpc('app.info', {}, { 'x-session-token': TOKEN, origin: 'https://evil.example' })).status,
    ).toBe(403)
    expect((await rpc('app.info', {}, { 'x-session-token': TOKEN, host: 'evil.example' })).status).toBe(421)
  })

  it('answers bad JSON and oversized bodies with 4xx', async () => {
    const bad = await http('POST', '/api/rpc/app.info', { headers: { 'x-session-token': TOKEN }, body: '{' })
    expect(bad.status).toBe(400)
    const big = await http('POST', '/api/rpc/app.info', {
      headers: { 'x-session-token': TOKEN },
      body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
    }).catch(() => ({ status: 413 }))
    expect(big.status).toBe(413)
  })
})

// The headless shell's UI server: the built renderer plus the contract over HTTP, on 127.0.0.1 only.
// Another local user or a web page in the owner's browser must not be able to drive it, so every
// contract call needs the session token (sent as a header, which a cross-site page cannot add
// without a CORS preflight we never grant) and the Host header must be ours (DNS rebinding).
import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Dispatch } from '../../core/dispatch'
import type { ErrorCode } from '../../../shared/errors'
import { readStatic } from './static-files'

export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

const MAX_BODY = 1024 * 1024

const STATUS_OF: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unavailable: 503,
  unsupported: 501,
  internal: 500,
}

const statusOf = (code: string): number => (STATUS_OF as Partial<Record<string, number>>)[code] ?? 400

export interface UiServerOptions {
  dispatch: Dispatch
  rendererDir: string
  token: string
  port: number
  host?: string
}

export interface UiServer {
  server: Server
  port: number
  url: string
  close(): Promise<void>
}

function tokenMatches(given: string | undefined, expected: Buffer): boolean {
  if (!given) return false
  const g = Buffer.from(given)
  return g.length === expected.length && timingSafeEqual(g, expected)
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra,
  })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8')
}

function errorEnvelope(code: string, message: string) {
  return { ok: false, error: { code, message, issues: [] } }
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        resolve('too_large')
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  const host = opts.host ?? '127.0.0.1'
  const expected = Buffer.from(opts.token)
  let allowedHosts = new Set<string>()

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return send(res, 421, 'Misdirected request', 'text/plain; charset=utf-8')
    }
    const url = req.url ?? '/'
    if (url.startsWith('/api/')) {
      const m = /^\/api\/rpc\/([A-Za-z0-9.]+)$/.exec(url)
      if (req.method !== 'POST' || !m)
        return sendJson(res, 404, errorEnvelope('not_found', 'No such endpoint'))
      const origin = req.headers.origin
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
        return sendJson(res, 403, errorEnvelope('forbidden', 'Cross-origin calls are not allowed'))
      }
      if (!tokenMatches(req.headers['x-session-token'] as string | undefined, expected)) {
        return sendJson(
          res,
          401,
          errorEnvelope(
            'forbidden',
            'Missing or wrong session token: open the URL printed by affiliate-desk serve',
          ),
        )
      }
      const body = await readBody(req)
      if (body === 'too_large')
        return sendJson(res, 413, errorEnvelope('invalid_input', 'Request body too large'))
      let input: unknown = {}
      if (body.length) {
        try {
          input = JSON.parse(body.toString('utf8'))
        } catch {
          return sendJson(res, 400, errorEnvelope('invalid_input', 'The request body is not valid JSON'))
        }
      }
      const envelope = await opts.dispatch(m[1]!, input)
      return sendJson(res, envelope.ok ? 200 : statusOf(envelope.error.code), envelope)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Method not allowed', 'text/plain')
    const file = await readStatic(opts.rendererDir, url)
    if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8')
    send(res, 200, file.body, file.type, {
      'Content-Security-Policy': RENDERER_CSP,
      'X-Frame-Options': 'DENY',
      ...(file.immutable ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {}),
    })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, errorEnvelope('internal', 'Unexpected error'))
      else res.destroy()
    })
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

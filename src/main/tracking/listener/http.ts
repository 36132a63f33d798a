// Small response helpers for the listener. Every response is complete and explicit (length, type,
// no caching), and nothing in here can throw on a client that went away.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { cutText } from '../text'

export const LIMITS = {
  /** Query strings are a few KB at most: anything bigger is not a tracking request. */
  maxUrlBytes: 4096,
  maxBodyBytes: 8192,
  maxHeaderBytes: 8192,
} as const

/**
 * What keeps slow clients from holding the listener (slowloris: headers a byte at a time, bodies
 * that never finish, idle keep-alive sockets). node:http only enforces headersTimeout and
 * requestTimeout when it sweeps its connections, every connectionsCheckingIntervalMs, so a slow
 * socket lives at most timeout + interval. maxConnections caps the sockets open at once; past it,
 * new ones are closed at once (a tunnel daemon keeps a small pool, so a cap in the hundreds is
 * room for real traffic while bounding file descriptors and memory).
 */
export interface ConnectionLimits {
  headersTimeoutMs: number
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
  connectionsCheckingIntervalMs: number
  maxConnections: number
}

export const CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 5000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5000,
  connectionsCheckingIntervalMs: 1000,
  maxConnections: 512,
}

const SECURITY = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' }

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) return void res.end()
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...SECURITY,
    ...extra,
  })
  res.end(text)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) return void res.end()
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...SECURITY,
    ...extra,
  })
  res.end(body)
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, {
    Location: location,
    'Content-Length': '0',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer-when-downgrade',
  })
  res.end()
}

/** Reads a small body; resolves 'too_large' (and stops reading) past the limit. */
export function readBody(
  req: IncomingMessage,
  limit: number = LIMITS.maxBodyBytes,
): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    req.resume()
    return Promise.resolve('too_large')
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (c: Buffer) => {
      if (done) return
      size += c.length
      if (size > limit) {
        done = true
        resolve('too_large')
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks))
    })
    req.on('error', () => {
      if (!done) resolve('too_large')
    })
  })
}

/** Cuts an untrusted header or parameter to `max` code points (tracking/text.ts) before it is stored. */
export function clip(value: string | string[] | undefined | null, max: number): string {
  if (value == null) return ''
  return cutText(Array.isArray(value) ? (value[0] ?? '') : value, max)
}

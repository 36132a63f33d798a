// The public listener: the one part of the app that faces the internet (through the owner's tunnel).
// It serves exactly the tracking routes; the UI's contract and any admin API are never reachable here.
// Limits: URL and body sizes, header and idle timeouts against slow clients, per-IP rate limits.
// Every failure that is the client's fault gets a 4xx; a crash in one request never reaches the process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Store } from '../../db/store'
import type { ClickLookup } from '../types'
import { isClickId, newClickId } from '../click-id'
import { createCountryLookup, type CountryLookup } from '../geo'
import { createFraudRuntime, type FraudRuntime } from '../../fraud/runtime'
import { clientIp, compileIpList } from '../ip'
import type { TunnelKind } from '../../../shared/domain'
import { createRateLimiter, ipRateKey } from '../rate-limiter'
import { createReplayGuard } from '../replay-guard'
import { trackingScriptSource } from '../tracking-script'
import { handleClick } from './click-route'
import type { CachedAdvertiser, ListenerContext } from './context'
import { CONNECTION_LIMITS, LIMITS, sendJson, sendText, type ConnectionLimits } from './http'
import { handlePostback } from './postback-route'
import {
  handleScriptClick,
  handleScriptConversion,
  handleScriptPreflight,
  serveScript,
} from './script-routes'
import { createTtlCache } from './ttl-cache'

/** Clicks from one IP past this many times its budget are counted, not stored (daily_stats.unstored_clicks). */
export const CLICK_FLOOD_MULTIPLE = 4

export interface ListenerOptions {
  store: Store
  port: number
  host?: string
  publicBaseUrl: string
  trustedProxies: string[]
  /** Which forwarding header to believe from a trusted proxy (default: X-Forwarded-For only). */
  tunnel?: TunnelKind
  now?: () => number
  log?: (msg: string, err?: unknown) => void
  country?: CountryLookup
  /** Per-IP budgets; generous by default because a tunnel can put many visitors behind one address. */
  clicksPerMinute?: number
  postbacksPerMinute?: number
  /** Timeouts and the connection cap against slow clients (defaults: CONNECTION_LIMITS); tests shorten them. */
  connections?: Partial<ConnectionLimits>
  /** The core's fraud runtime; without one, no fraud checks run. */
  fraud?: FraudRuntime
}

export interface Listener {
  server: Server
  /** Which country data answers, and why a configured .mmdb was not used. */
  country: CountryLookup
  /** Forget cached links and advertisers, after the owner changed one. */
  clearCaches(): void
  /** Entries in the listener's lookup caches (tests check that junk input leaves none). */
  cacheSizes(): { links: number; advertisers: number; clicks: number }
  port: number
  url: string
  close(): Promise<void>
}

export async function startListener(opts: ListenerOptions): Promise<Listener> {
  const now = opts.now ?? Date.now
  const log = opts.log ?? (() => {})
  const links = createTtlCache<Awaited<ReturnType<Store['tracking']['linkByCode']>> & object>({
    ttlMs: 5000,
    maxEntries: 50_000,
    maxKeyLength: 32,
    now,
  })
  const advertisers = createTtlCache<CachedAdvertiser>({ ttlMs: 5000, maxEntries: 10_000, now })
  // What a postback needs from its click never changes after the click is recorded.
  const clicks = createTtlCache<ClickLookup>({ ttlMs: 60_000, maxEntries: 100_000, maxKeyLength: 26, now })
  const origins = createTtlCache<Set<string>>({ ttlMs: 5000, maxEntries: 2, now })
  const clickLimiter = createRateLimiter({
    now,
    limit: opts.clicksPerMinute ?? 600,
    intervalMs: 60_000,
    burst: 120,
  })
  // Over-budget clicks draw from a second bucket (CLICK_FLOOD_MULTIPLE - 1 budgets more); past it an
  // IP's clicks are only counted, so what reaches the clicks table is at most that multiple.
  const clickFloodLimiter = createRateLimiter({
    now,
    limit: (opts.clicksPerMinute ?? 600) * (CLICK_FLOOD_MULTIPLE - 1),
    intervalMs: 60_000,
    burst: 120 * (CLICK_FLOOD_MULTIPLE - 1),
  })
  const postbackLimiter = createRateLimiter({
    now,
    limit: opts.postbacksPerMinute ?? 60_000,
    intervalMs: 60_000,
    burst: 5000,
  })
  const replay = createReplayGuard({ now })

  const country = opts.country ?? createCountryLookup()
  const trustedProxies = compileIpList(opts.trustedProxies)
  const tunnel = opts.tunnel ?? 'proxy'
  const ctx: ListenerContext = {
    store: opts.store,
    now,
    newClickId,
    country,
    trustedProxies,
    clientIp: (req) =>
      clientIp({ remoteAddress: req.socket.remoteAddress, headers: req.headers, trustedProxies, tunnel }),
    allowClick: (ip) => clickLimiter.check(ipRateKey(ip)) === 'allowed',
    clickFlood: (ip) => clickFloodLimiter.check(ipRateKey(ip)) === 'limited',
    allowPostback: (ip) => postbackLimiter.check(ipRateKey(ip)) === 'allowed',
    link: (code) => links.get(code, (c) => opts.store.tracking.linkByCode(c)),
    cachedLink: (code) => links.peek(code),
    advertiser: (id) =>
      advertisers.get(String(id), async () => {
        const a = await opts.store.tracking.advertiserAuth(id)
        if (!a) return null
        return {
          ...a,
          ipAllowed: a.allowedIps.length ? compileIpList(a.allowedIps) : null,
          origins: new Set(a.allowedOrigins),
        }
      }),
    // Only ids in the form we issue are looked up (and their misses cached): anything else is
    // unknown without a query, and leaves nothing behind in memory.
    click: (clickId) =>
      isClickId(clickId)
        ? clicks.get(clickId, (c) => opts.store.tracking.findClick(c))
        : Promise.resolve(null),
    allowedOrigins: async () =>
      (await origins.get('all', () => opts.store.tracking.allowedOrigins())) ?? new Set(),
    seenSignature: (signature, expiresAt) => replay.checkAndAdd(signature, expiresAt),
    forgetSignature: (signature) => replay.forget(signature),
    fraud: opts.fraud ?? createFraudRuntime({ store: opts.store, country, enabled: false }),
    scriptSource: trackingScriptSource({ endpointBase: opts.publicBaseUrl.replace(/\/+$/, '') }),
    log,
  }

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/'
    if (url.length > LIMITS.maxUrlBytes) return sendText(res, 414, 'Request URL too long.\n')
    const q = url.indexOf('?')
    const path = q < 0 ? url : url.slice(0, q)
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1))
    const method = req.method ?? 'GET'

    if (path.startsWith('/c/') && (method === 'GET' || method === 'HEAD')) {
      return handleClick(ctx, req, res, path.slice(3), query)
    }
    if (path === '/postback') {
      if (method === 'GET' || method === 'POST') return handlePostback(ctx, req, res, query)
      return sendJson(res, 405, { ok: false, reason: 'use GET or POST' }, { Allow: 'GET, POST' })
    }
    if (path === '/t.js' && (method === 'GET' || method === 'HEAD')) return serveScript(ctx, res)
    if (path === '/v1/track/click' || path === '/v1/track/conversion') {
      if (method === 'OPTIONS') return handleScriptPreflight(ctx, req, res)
      if (method !== 'POST')
        return sendJson(res, 405, { ok: false, reason: 'use POST' }, { Allow: 'POST, OPTIONS' })
      return path === '/v1/track/click'
        ? handleScriptClick(ctx, req, res)
        : handleScriptConversion(ctx, req, res)
    }
    if (path === '/healthz') return sendText(res, 200, 'ok\n')
    return sendText(res, 404, 'Not found.\n')
  }

  const limits = { ...CONNECTION_LIMITS, ...opts.connections }
  const server = createServer(
    {
      maxHeaderSize: LIMITS.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    },
    (req, res) => {
      route(req, res).catch((err: unknown) => {
        log('listener request failed', err)
        // Our fault, not the client's (storage down, a bug): say so without details.
        if (!res.headersSent) sendText(res, 503, 'Temporarily unavailable.\n', { 'Retry-After': '5' })
        else res.destroy()
      })
    },
  )
  // Malformed HTTP (bad headers, oversized headers, garbage) is answered 400/431, a request too slow
  // to arrive 408, and the socket closed outright once the answer is written: a client that never
  // reads nor closes (slowloris) must not keep a half-closed socket open.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy()
    const status =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request'
    socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    socket.destroySoon()
  })
  server.maxHeadersCount = 64
  server.maxConnections = limits.maxConnections

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  return {
    server,
    country,
    clearCaches() {
      links.clear()
      advertisers.clear()
      clicks.clear()
      origins.clear()
    },
    cacheSizes: () => ({ links: links.size, advertisers: advertisers.size, clicks: clicks.size }),
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 1000).unref()
      }),
  }
}

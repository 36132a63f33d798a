// The first-party script's endpoints: GET /t.js, POST /v1/track/click and /v1/track/conversion.
// Browsers call these cross-origin from the advertiser's site, so CORS is granted only to origins an
// advertiser configured. Conversions reported from a browser are marked `client` trust: they are
// never approved automatically, only by a reviewer or by the advertiser's signed postback.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseDecimalToMinor } from '../../../shared/money'
import { isClickId } from '../click-id'
import { buildClickRecord } from '../click-record'
import type { ListenerContext } from './context'
import { clip, readBody, sendJson, sendText } from './http'
import { LINK_CODE_RE } from './click-route'
import {
  clickFlags,
  fraudReport,
  intentClick,
  orderKey,
  overCampaignMax,
  RESERVED_ORDER_RE,
  STATUS_OF_REFUSAL,
} from './conversion-report'

const FINGERPRINT_RE = /^[0-9a-f]{16,64}$/
const ORDER_RE = /^[ -~]{1,128}$/
const SUBS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const

function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  }
}

/** The request's Origin if some advertiser allows it, else null. */
async function allowedOrigin(ctx: ListenerContext, req: IncomingMessage): Promise<string | null> {
  const origin = req.headers.origin
  if (typeof origin !== 'string' || origin.length > 300) return null
  return (await ctx.allowedOrigins()).has(origin) ? origin : null
}

export function serveScript(ctx: ListenerContext, res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Content-Length': Buffer.byteLength(ctx.scriptSource),
    'Cache-Control': 'public, max-age=300',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(ctx.scriptSource)
}

export async function handleScriptPreflight(ctx: ListenerContext, req: IncomingMessage, res: ServerResponse) {
  const origin = await allowedOrigin(ctx, req)
  if (!origin) return sendText(res, 403, 'Origin not allowed.\n')
  res.writeHead(204, corsHeaders(origin))
  res.end()
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | string> {
  const body = await readBody(req)
  if (body === 'too_large') return 'request body is too large'
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : 'body must be a JSON object'
  } catch {
    return 'body is not valid JSON'
  }
}

const str = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v !== '' ? clip(v, max) : null

interface ScriptRequest {
  origin: string
  cors: Record<string, string>
  ip: string
  body: Record<string, unknown>
}

/** What both script endpoints check first: an allowed origin, the sender's budget, a JSON body. Null = already answered. */
async function openScriptRequest(
  ctx: ListenerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<ScriptRequest | null> {
  const origin = await allowedOrigin(ctx, req)
  if (!origin) {
    sendJson(res, 403, { ok: false, reason: 'origin not allowed' })
    return null
  }
  const cors = corsHeaders(origin)
  const ip = ctx.clientIp(req)
  if (!ctx.allowPostback(ip)) {
    sendJson(res, 429, { ok: false, reason: 'too many requests' }, cors)
    return null
  }
  const body = await readJson(req)
  if (typeof body === 'string') {
    sendJson(res, body.includes('large') ? 413 : 400, { ok: false, reason: body }, cors)
    return null
  }
  return { origin, cors, ip, body }
}

/** Seconds until a click leaves its campaign's attribution window: the first-party cookie's Max-Age. */
function windowLeft(clickAt: number, cookieDays: number, now: number): number {
  return Math.max(0, Math.floor((clickAt + cookieDays * 86_400_000 - now) / 1000))
}

export async function handleScriptClick(ctx: ListenerContext, req: IncomingMessage, res: ServerResponse) {
  const r = await openScriptRequest(ctx, req, res)
  if (!r) return
  const { origin, cors, ip, body } = r

  const fingerprintText = str(body.fingerprint, 64)
  const fingerprint = fingerprintText && FINGERPRINT_RE.test(fingerprintText) ? fingerprintText : null
  const hidden = body.hidden === true
  const known = str(body.clickId, 64)
  if (known) {
    // A click that came through /c/:code: attach the device fingerprint the redirect could not see.
    const updated =
      isClickId(known) && (await ctx.store.tracking.attachFingerprint(known, fingerprint, hidden))
    if (!updated) return sendJson(res, 404, { ok: false, reason: 'unknown clickId' }, cors)
    const found = await ctx.click(known)
    const cookieMaxAge = found ? windowLeft(found.createdAt, found.cookieDays, ctx.now()) : undefined
    return sendJson(res, 200, { ok: true, clickId: known, cookieMaxAge }, cors)
  }

  // A direct link (?ref=CODE on the advertiser's own page, no redirect): record the click here.
  const code = str(body.linkCode, 32) ?? str(body.ref, 32)
  const link = code && LINK_CODE_RE.test(code) ? await ctx.link(code) : null
  if (!link) return sendJson(res, 404, { ok: false, reason: 'unknown link' }, cors)
  const adv = await ctx.advertiser(link.advertiserId)
  if (!adv?.origins.has(origin))
    return sendJson(res, 403, { ok: false, reason: 'origin not allowed for this link' }, cors)
  if (link.campaignStatus !== 'active' || !link.linkActive) {
    return sendJson(res, 410, { ok: false, reason: 'campaign is not active' }, cors)
  }
  const subsIn = (body.subs && typeof body.subs === 'object' ? body.subs : {}) as Record<string, unknown>
  const at = ctx.now()
  const click = buildClickRecord(link, {
    clickId: ctx.newClickId(),
    at,
    ip,
    userAgent: clip(req.headers['user-agent'], 512),
    referer: str(body.referrer, 512) ?? '',
    country: ip ? ctx.country(ip) : 'unknown',
    subs: SUBS.map((k) => str(subsIn[k], 255) ?? link.subDefaults[k] ?? null),
    refParam: code,
    fingerprint,
    source: 'script',
    rateLimited: !ctx.allowClick(ip),
    flood: ctx.fraud.observeClick({ at, ip, affiliateId: link.affiliateId, fingerprint }),
    hidden,
  })
  const clickId = await ctx.store.tracking.recordClick(click)
  return sendJson(res, 200, { ok: true, clickId, cookieMaxAge: link.cookieDays * 86_400 }, cors)
}

export async function handleScriptConversion(
  ctx: ListenerContext,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const r = await openScriptRequest(ctx, req, res)
  if (!r) return
  const { origin, cors, ip, body } = r

  const clickId = str(body.clickId, 64)
  const orderId = str(body.orderId, 128)
  if (!clickId) return sendJson(res, 400, { ok: false, reason: 'clickId is missing' }, cors)
  if (!orderId || !ORDER_RE.test(orderId) || RESERVED_ORDER_RE.test(orderId)) {
    return sendJson(
      res,
      400,
      {
        ok: false,
        reason: 'orderId must be 1 to 128 printable characters, not starting with click: or lead:',
      },
      cors,
    )
  }
  const click = await ctx.click(clickId)
  if (!click) return sendJson(res, 404, { ok: false, reason: 'unknown clickId' }, cors)
  const adv = await ctx.advertiser(click.advertiserId)
  if (!adv?.origins.has(origin))
    return sendJson(res, 403, { ok: false, reason: 'origin not allowed for this click' }, cors)

  const currency = typeof body.currency === 'string' ? body.currency.toUpperCase() : click.currency
  let amountMinor: number | null = null
  if (body.amount !== undefined && body.amount !== null && body.amount !== '') {
    const text =
      typeof body.amount === 'number'
        ? String(body.amount)
        : typeof body.amount === 'string'
          ? body.amount
          : ''
    try {
      amountMinor = parseDecimalToMinor(text, currency)
    } catch (err) {
      return sendJson(res, 400, { ok: false, reason: `amount: ${(err as Error).message}` }, cors)
    }
    if (amountMinor !== null && amountMinor < 0)
      return sendJson(res, 400, { ok: false, reason: 'amount cannot be negative' }, cors)
    const tooLarge = overCampaignMax(click, 'amount', amountMinor, currency)
    if (tooLarge) return sendJson(res, 400, { ok: false, reason: tooLarge }, cors)
  }
  const email = str(body.email, 254)?.toLowerCase() ?? null
  const fingerprintText = str(body.fingerprint, 64)
  const at = ctx.now()
  const report = fraudReport(click, {
    at,
    trust: 'client',
    eventType: 'sale',
    amountMinor,
    currency,
    customerEmail: email,
    ip: ip || null,
    userAgent: clip(req.headers['user-agent'], 512) || null,
    fingerprint: fingerprintText && FINGERPRINT_RE.test(fingerprintText) ? fingerprintText : null,
  })
  const fraud = await ctx.fraud.assess(report)
  const result = await ctx.store.conversions.ingest({
    trust: 'client',
    advertiserId: click.advertiserId,
    click: intentClick(click),
    ...orderKey(adv, click, orderId),
    eventType: 'sale',
    status: 'pending',
    amountMinor,
    currency,
    advertiserPayoutMinor: null,
    customerKey: email,
    subscriptionId: null,
    ip: ip || null,
    receivedAt: at,
    flags: clickFlags(click),
    ...fraud,
  })
  if (result.ok && result.created) ctx.fraud.observeConversion(report, fraud)
  if (!result.ok)
    return sendJson(res, STATUS_OF_REFUSAL[result.code], { ok: false, reason: result.reason }, cors)
  return sendJson(
    res,
    200,
    { ok: true, conversion_id: result.conversionId, duplicate: result.duplicate },
    cors,
  )
}

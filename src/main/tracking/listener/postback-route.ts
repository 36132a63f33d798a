// GET|POST /postback — an advertiser's server tells us about a conversion or a status change.
// Order of checks: shape (400) → click (404) → advertiser IP allow-list, signature, timestamp,
// replay (403) → the store's one-transaction ingest (duplicate = 200, illegal move = 409).
// Nothing here answers 5xx to bad input; a 503 means our own storage failed, and the sender should retry.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ConversionIntent, IngestResult } from '../../commissions/ports'
import { isClickId } from '../click-id'
import { cutText } from '../text'
import { collectPostbackParams, parsePostbackParams, type PostbackInput } from '../postback-params'
import { verifyPostbackSignature } from '../postback-signature'
import type { ListenerContext } from './context'
import {
  clickFlags,
  fraudReport,
  intentClick,
  orderKey,
  overCampaignMax,
  RESERVED_ORDER_RE,
  STATUS_OF_REFUSAL,
} from './conversion-report'
import { readBody, sendJson } from './http'

export interface PostbackResponse {
  ok: boolean
  status: string | null
  conversion_id: number | null
  duplicate: boolean
  reason: string | null
}

const reply = (res: ServerResponse, code: number, body: Partial<PostbackResponse>) =>
  sendJson(res, code, {
    ok: false,
    status: null,
    conversion_id: null,
    duplicate: false,
    reason: null,
    ...body,
  })

const REASONS: Record<string, string> = {
  missing_hash: 'hash is missing',
  bad_signature: 'signature does not match',
  stale_timestamp: 'timestamp is outside the 300 s window',
  missing_timestamp: 'timestamp is missing or not whole Unix seconds',
  bad_token: 'token is missing or wrong (send it in the X-Postback-Token header)',
  ambiguous_params: "a parameter contains '&', which makes the signature ambiguous",
}

/** Reads parameters from the query string, or from a form or JSON body on POST. */
async function readParams(req: IncomingMessage, query: URLSearchParams): Promise<PostbackInput | string> {
  if (req.method !== 'POST') return query
  const body = await readBody(req)
  if (body === 'too_large') return 'request body is too large'
  if (body.length === 0) return query
  const type = String(req.headers['content-type'] ?? '')
  const text = body.toString('utf8')
  if (type.includes('application/json')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return 'body is not valid JSON'
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'JSON body must be an object'
    const pairs: [string, string][] = []
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof v === 'number' && Number.isFinite(v)) pairs.push([k, String(v)])
      else if (typeof v === 'string') pairs.push([k, v])
      else return `${cutText(k, 64)} must be a string or a number`
    }
    return [...query, ...pairs]
  }
  return [...query, ...new URLSearchParams(text)]
}

/** Parameters that change money but are outside the simple-mode signature. */
const UNSIGNED_MONEY_PARAMS = ['amount', 'status', 'currency'] as const

export async function handlePostback(
  ctx: ListenerContext,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const ip = ctx.clientIp(req)
  if (!ctx.allowPostback(ip)) return reply(res, 429, { reason: 'too many requests from this address' })

  const input = await readParams(req, query)
  if (typeof input === 'string') return reply(res, input.includes('too large') ? 413 : 400, { reason: input })
  const raw = collectPostbackParams(input)
  if (!raw.ok) return reply(res, 400, { reason: raw.reason })
  const clickIdText = raw.value.get('clickid')
  if (clickIdText === undefined || clickIdText === '')
    return reply(res, 400, { reason: 'clickid is missing' })

  // The format first: an id we never issued is unknown without a lookup, and nothing is cached for it.
  const click = isClickId(clickIdText) ? await ctx.click(clickIdText) : null
  const adv = click ? await ctx.advertiser(click.advertiserId) : null
  // The seed's sender signs only clickid, payout and timestamp: its conversion is keyed by the click.
  const simple = adv?.signingMode === 'simple'
  // Validate the shape first so a malformed request gets a 400 whether or not the click exists.
  const parsed = parsePostbackParams(raw.value, {
    defaultCurrency: click?.currency ?? 'USD',
    requireOrderId: !simple,
  })
  if (!parsed.ok) return reply(res, 400, { reason: parsed.reason })
  if (!click || !adv) return reply(res, 404, { reason: 'unknown clickid' })
  const tooLarge =
    overCampaignMax(click, 'amount', parsed.value.amountMinor, parsed.value.currency) ??
    overCampaignMax(click, 'payout', parsed.value.payoutMinor, parsed.value.currency)
  if (tooLarge) return reply(res, 400, { reason: tooLarge })
  if (adv.ipAllowed && !adv.ipAllowed(ip)) return reply(res, 403, { reason: 'ip not allowed' })
  const sentOrder = parsed.value.orderIdDerived ? null : parsed.value.orderId
  if (sentOrder !== null && RESERVED_ORDER_RE.test(sentOrder)) {
    return reply(res, 400, {
      reason: 'order_id must not start with click: or lead: (keys the listener makes itself)',
    })
  }
  if (simple) {
    const unsigned = UNSIGNED_MONEY_PARAMS.filter((k) => (raw.value.get(k) ?? '') !== '')
    if (unsigned.length > 0) {
      return reply(res, 400, {
        reason: `${unsigned.join(', ')} cannot be trusted in simple signing, which signs only clickid, payout and timestamp; status changes and amounts need params mode`,
      })
    }
  }

  if (adv.postbackSecret === null) {
    // Never verify against an empty key: anyone could sign with it.
    return reply(res, 403, {
      reason: "the advertiser's secret cannot be read on this machine; the program owner must re-enter it",
    })
  }
  const now = ctx.now()
  const verified = verifyPostbackSignature({
    mode: adv.signingMode,
    secret: adv.postbackSecret,
    token: adv.postbackToken,
    headerToken: typeof req.headers['x-postback-token'] === 'string' ? req.headers['x-postback-token'] : null,
    params: raw.value,
    now,
  })
  if (!verified.ok) return reply(res, 403, { reason: REASONS[verified.reason] ?? verified.reason })
  if (
    verified.signature &&
    verified.replayUntil &&
    !ctx.seenSignature(verified.signature, verified.replayUntil)
  ) {
    return reply(res, 403, { reason: 'replay: this signature was already used' })
  }

  const p = parsed.value
  const amountMinor = simple ? p.payoutMinor : p.amountMinor
  const report = fraudReport(click, {
    at: now,
    trust: verified.trust,
    eventType: p.event,
    amountMinor,
    currency: p.currency,
    customerEmail: p.email,
  })
  let result: IngestResult
  try {
    const fraud = await ctx.fraud.assess(report)
    const intent: ConversionIntent = {
      trust: verified.trust,
      advertiserId: click.advertiserId,
      click: intentClick(click),
      ...orderKey(adv, click, p.orderId),
      eventType: p.event,
      status: p.status,
      amountMinor,
      currency: p.currency,
      advertiserPayoutMinor: p.payoutMinor,
      customerKey: p.customerKey,
      subscriptionId: p.subscriptionId,
      ip: click.ip || null,
      receivedAt: now,
      flags: clickFlags(click),
      ...fraud,
      ...(verified.signature && verified.replayUntil
        ? { nonce: { signature: verified.signature, expiresAt: verified.replayUntil } }
        : {}),
    }
    result = await ctx.store.conversions.ingest(intent)
    if (result.ok && result.created) ctx.fraud.observeConversion(report, fraud)
  } catch (err) {
    ctx.log('postback could not be stored', err)
    if (verified.signature) ctx.forgetSignature(verified.signature)
    return reply(res, 503, { reason: 'temporarily unable to store the postback; retry later' })
  }
  if (!result.ok) return reply(res, STATUS_OF_REFUSAL[result.code], { reason: result.reason })
  return reply(res, 200, {
    ok: true,
    status: result.status,
    conversion_id: result.conversionId,
    duplicate: result.duplicate,
    reason: result.note,
  })
}

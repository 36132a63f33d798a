// GET /c/:code — the tracking link. Records the click (durably, before answering) and redirects to
// the owner-configured destination with the click id appended. Nothing from the request can choose
// where the redirect goes: only sub1..sub5 are passed through, as query parameters.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { LinkTarget } from '../types'
import { buildClickRecord } from '../click-record'
import type { ListenerContext } from './context'
import { clip, redirect, sendText } from './http'

const CODE_RE = /^[A-Za-z0-9_-]{1,32}$/
const SUBS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const
const REF_KEYS = ['ref', 'aff_id', 'partner', 'a'] as const
const MAX_SUB = 255

// The destination's text up to where our parameters go, per link object (links are cached for a few
// seconds, so this is computed once per link and TTL, not per click). Parsing a URL per click costs
// more than everything else the click does in JavaScript.
const prefixes = new WeakMap<LinkTarget, { head: string; fragment: string }>()

function prefixFor(link: LinkTarget): { head: string; fragment: string } {
  let p = prefixes.get(link)
  if (!p) {
    const url = new URL(link.landingUrl ?? link.destinationUrl)
    url.searchParams.delete(link.clickIdParam)
    for (const k of SUBS) url.searchParams.delete(k)
    const fragment = url.hash
    url.hash = ''
    const base = url.toString()
    p = { head: `${base}${url.search ? '&' : '?'}${encodeURIComponent(link.clickIdParam)}=`, fragment }
    prefixes.set(link, p)
  }
  return p
}

/** Where a link sends people, with our click id and the passed-through subs appended. */
export function destinationFor(link: LinkTarget, clickId: string, subs: (string | null)[]): string {
  const { head, fragment } = prefixFor(link)
  let out = head + encodeURIComponent(clickId)
  for (let i = 0; i < SUBS.length; i++) {
    const v = subs[i]
    if (v) out += `&${SUBS[i]}=${encodeURIComponent(v)}`
  }
  return out + fragment
}

function unavailable(res: ServerResponse, link: LinkTarget): void {
  if (link.fallbackUrl) return redirect(res, link.fallbackUrl)
  sendText(res, 410, 'This offer is no longer available.\n')
}

export async function handleClick(
  ctx: ListenerContext,
  req: IncomingMessage,
  res: ServerResponse,
  rawCode: string,
  query: URLSearchParams,
): Promise<void> {
  let code: string
  try {
    code = decodeURIComponent(rawCode)
  } catch {
    return sendText(res, 404, 'Unknown tracking link.\n')
  }
  // Nearly every click is for a link cached a moment ago: taking it without a promise saves the
  // event loop a turn per click on the hottest route.
  const cached = CODE_RE.test(code) ? ctx.cachedLink(code) : null
  const link = cached !== undefined ? cached : await ctx.link(code)
  if (!link) return sendText(res, 404, 'Unknown tracking link.\n')
  if (link.campaignStatus !== 'active' || !link.linkActive) return unavailable(res, link)

  const ip = ctx.clientIp(req)
  const ua = clip(req.headers['user-agent'], 512)
  const subs = SUBS.map((k) => {
    const v = query.get(k) ?? link.subDefaults[k] ?? null
    return v === null ? null : clip(v, MAX_SUB)
  })
  let refParam: string | null = null
  for (const k of REF_KEYS) {
    const v = query.get(k)
    if (v) {
      refParam = clip(v, 64)
      break
    }
  }
  const at = ctx.now()
  const rateLimited = !ctx.allowClick(ip)
  const click = buildClickRecord(link, {
    clickId: ctx.newClickId(),
    at,
    ip,
    userAgent: ua,
    referer: clip(req.headers.referer, 512),
    country: ip ? ctx.country(ip) : 'unknown',
    subs,
    refParam,
    fingerprint: null,
    source: 'server',
    rateLimited,
    flood: ctx.fraud.observeClick({ at, ip, affiliateId: link.affiliateId, fingerprint: null }),
  })
  // Far past the budget: the visitor is still redirected (a real person behind a busy address
  // loses nothing but attribution), but the click is only counted, so a flood cannot fill the disk.
  if (rateLimited && ctx.clickFlood(ip)) click.countOnly = true
  const clickId = await ctx.store.tracking.recordClick(click)
  redirect(res, destinationFor(link, clickId, subs))
}

export { CODE_RE as LINK_CODE_RE }

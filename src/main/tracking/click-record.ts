// One place that turns "a visitor followed this link" into the click row, whichever way it arrived
// (the /c/:code redirect, the first-party script, or the demo program), so the flags and fields are
// decided the same way everywhere.
import type { ClickRecord, LinkTarget } from './types'
import { deviceType } from './device-type'

export interface ClickFacts {
  clickId: string
  at: number
  ip: string
  userAgent: string
  referer: string
  country: string
  /** sub1..sub5 as they will be stored (request values, else the link's defaults). */
  subs: (string | null)[]
  refParam: string | null
  fingerprint: string | null
  source: ClickRecord['source']
  /** The client IP is over its click budget. */
  rateLimited: boolean
  /** The client IP is over the fraud settings' clicks per hour (click flooding). */
  flood?: boolean
  /** /t.js saw the page in a hidden context. */
  hidden?: boolean
}

export function buildClickRecord(link: LinkTarget, f: ClickFacts): ClickRecord {
  const device = deviceType(f.userAgent)
  // Suspicious clicks are still recorded and still get a click id that will attribute later: the
  // flag sends their conversions to the review queue instead of dropping anyone's sale.
  const reasons: string[] = []
  if (f.rateLimited) reasons.push('rate_limited')
  if (f.flood) reasons.push('click_flood')
  if (device === 'bot') reasons.push('bot_user_agent')
  if (link.affiliateStatus !== 'approved') reasons.push(`affiliate_${link.affiliateStatus}`)
  return {
    clickId: f.clickId,
    linkId: link.linkId,
    affiliateId: link.affiliateId,
    campaignId: link.campaignId,
    createdAt: f.at,
    ip: f.ip,
    userAgent: f.userAgent,
    referer: f.referer,
    deviceType: device,
    country: f.country,
    fingerprint: f.fingerprint,
    sub1: f.subs[0] ?? null,
    sub2: f.subs[1] ?? null,
    sub3: f.subs[2] ?? null,
    sub4: f.subs[3] ?? null,
    sub5: f.subs[4] ?? null,
    refParam: f.refParam,
    source: f.source,
    flagged: reasons.length > 0,
    flagReason: reasons.length ? reasons.join(',') : null,
    hidden: f.hidden ?? false,
  }
}

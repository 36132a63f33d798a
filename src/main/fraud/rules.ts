// The explainable rules: each one reads the FraudInput, and when it trips adds a reason with its
// code, its weight (points) and the numbers that tripped it in plain words. Pure: no clock, no I/O.
import type { FraudSettings } from '../../shared/fraud-settings'
import { isDisposableEmail, normaliseEmail } from './email'
import { HOSTING_ASNS } from './hosting-asns'
import type { FraudInput, FraudReason } from './types'
import { agentKind, type AgentKind } from './user-agent'

/** The listener's click-time flag: this click makes more than the limit from its IP in an hour. */
export function isClickFlood(ipClicksLastHour: number, settings: FraudSettings): boolean {
  const rule = settings.rules.clickFlood
  return rule.enabled && ipClicksLastHour > rule.maxClicksPerHour
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

export function isHostingAsn(asn: number | null, extraAsns: readonly number[]): boolean {
  return asn !== null && (HOSTING_ASNS.has(asn) || extraAsns.includes(asn))
}

/** A tripped rule's reason; an off rule or one with weight 0 adds nothing. */
function add(out: FraudReason[], code: string, weight: number, detail: string): void {
  if (weight > 0) out.push({ code, weight, detail })
}

/** The customer's email is one of the affiliate's own (after normalising; no email, no match). */
export function isOwnEmail(input: FraudInput): boolean {
  const customer = normaliseEmail(input.customerEmail)
  return (
    customer !== null &&
    (customer === normaliseEmail(input.affiliate.email) ||
      customer === normaliseEmail(input.affiliate.paymentEmail))
  )
}

const AGENT_RANK: Record<AgentKind, number> = { browser: 0, missing: 1, headless: 2, bot: 3 }

/**
 * The most suspicious of the click's agent and the converting visitor's (bot over headless over
 * missing), or 'browser'. A server-to-server postback has no agent of its own (null): only the ones
 * we have are judged.
 */
export function worstAgent(input: Pick<FraudInput, 'click' | 'userAgent'>): AgentKind {
  let worst: AgentKind = 'browser'
  if (input.click) worst = agentKind(input.click.userAgent)
  if (input.userAgent !== null) {
    const kind = agentKind(input.userAgent)
    if (AGENT_RANK[kind] > AGENT_RANK[worst]) worst = kind
  }
  return worst
}

/** Every rule that trips, in a stable order; an off rule or one with weight 0 adds nothing. */
export function evaluateRules(input: FraudInput, settings: FraudSettings): FraudReason[] {
  const r = settings.rules
  const out: FraudReason[] = []
  const c = input.counters

  if (isClickFlood(c.ipClicksLastHour, settings))
    add(
      out,
      'click_flood',
      r.clickFlood.weight,
      `${plural(c.ipClicksLastHour, 'click')} from this IP in the last hour (limit ${r.clickFlood.maxClicksPerHour})`,
    )

  if (r.ipVelocity.enabled && c.ipConversionsLast24h > r.ipVelocity.maxConversionsPer24h)
    add(
      out,
      'ip_velocity',
      r.ipVelocity.weight,
      `${plural(c.ipConversionsLast24h, 'earlier conversion')} from this IP in 24 h (limit ${r.ipVelocity.maxConversionsPer24h})`,
    )

  if (r.selfReferral.enabled) {
    const why: string[] = []
    if (isOwnEmail(input)) why.push("the customer's email is the affiliate's own")
    if (input.affiliate.usedIp) why.push('the affiliate used this IP')
    if (input.affiliate.usedFingerprint) why.push("the affiliate used this device's fingerprint")
    if (why.length) add(out, 'self_referral', r.selfReferral.weight, `Self-referral: ${why.join('; ')}`)
  }

  if (r.disposableEmail.enabled && isDisposableEmail(input.customerEmail, r.disposableEmail)) {
    add(
      out,
      'disposable_email',
      r.disposableEmail.weight,
      `The customer's email domain ${input.customerEmail!.split('@').pop()!.toLowerCase()} gives out throwaway addresses`,
    )
  }

  if (input.click) {
    const seconds = (input.at - input.click.at) / 1000
    if (r.clickInjection.enabled && seconds >= 0 && seconds < r.clickInjection.minSecondsAfterClick)
      add(
        out,
        'click_injection',
        r.clickInjection.weight,
        `Converted ${Math.floor(seconds)} s after the click (at least ${r.clickInjection.minSecondsAfterClick} s expected)`,
      )
    if (r.cookieStuffing.enabled) {
      if (input.click.hidden)
        add(
          out,
          'cookie_stuffing',
          r.cookieStuffing.weight,
          'The click came from a hidden frame or background page',
        )
      else if (input.click.referer.trim() === '')
        add(out, 'cookie_stuffing', r.cookieStuffing.noRefererWeight, 'The click had no referring page')
    }
    if (
      r.geoMismatch.enabled &&
      input.country &&
      input.click.country &&
      input.country.toUpperCase() !== input.click.country.toUpperCase()
    )
      add(
        out,
        'geo_mismatch',
        r.geoMismatch.weight,
        `Clicked from ${input.click.country.toUpperCase()}, converted from ${input.country.toUpperCase()}`,
      )
  }

  if (r.fingerprintReuse.enabled && input.fingerprint) {
    const fr = r.fingerprintReuse
    const why: string[] = []
    if (c.fingerprintConversionsLast24h > fr.maxConversionsPer24h)
      why.push(
        `${plural(c.fingerprintConversionsLast24h, 'earlier conversion')} from this device in 24 h (limit ${fr.maxConversionsPer24h})`,
      )
    if (c.fingerprintAffiliatesLast24h > fr.maxAffiliates)
      why.push(
        `this device converted for ${c.fingerprintAffiliatesLast24h} affiliates in 24 h (limit ${fr.maxAffiliates})`,
      )
    if (why.length) add(out, 'fingerprint_reuse', fr.weight, capitalise(why.join('; ')))
  }

  if (r.bot.enabled) {
    const worst = worstAgent(input)
    if (worst === 'bot') add(out, 'bot', r.bot.weight, 'The user agent is a known bot')
    else if (worst === 'headless') add(out, 'bot', r.bot.weight, 'The user agent is a headless browser')
    else if (worst === 'missing') add(out, 'bot', r.bot.weight, 'No user agent was sent')
  }

  if (r.datacenter.enabled) {
    if (input.datacenter)
      add(
        out,
        'datacenter',
        r.datacenter.weight,
        `The IP belongs to a datacenter network (AS${input.asn ?? '?'})`,
      )
    else if (isHostingAsn(input.asn, r.datacenter.extraAsns))
      add(
        out,
        'datacenter',
        r.datacenter.weight,
        `The IP belongs to a hosting network: AS${input.asn} ${HOSTING_ASNS.get(input.asn!) ?? '(on your list)'}`,
      )
  }

  if (r.lowTrust.enabled) {
    if (input.trust === 'client')
      add(out, 'low_trust', r.lowTrust.weight, 'Reported by the browser only, not by the advertiser')
    else if (input.trust === 'token')
      add(out, 'low_trust', r.lowTrust.tokenWeight, 'Reported with a token, not a signed postback')
  }
  return out
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** The rules' part of the score: their points added up, at most 100. */
export function rulesScore(reasons: readonly FraudReason[]): number {
  return Math.min(
    100,
    reasons.reduce((sum, r) => sum + r.weight, 0),
  )
}

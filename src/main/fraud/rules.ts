// The explainable rules: each one reads the FraudInput, and when it trips adds a reason with its
// code, its weight (points) and the numbers that tripped it in plain words. Pure: no clock, no I/O.
import type { FraudSettings } from '../../shared/fraud-settings'
import { isDisposableEmail, normaliseEmail } from './email'
import { HOSTING_ASNS } from './hosting-asns'
import type { FraudInput, FraudReason } from './types'
import { agentKind } from './user-agent'

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

/** Every rule that trips, in a stable order; an off rule or one with weight 0 adds nothing. */
export function evaluateRules(input: FraudInput, settings: FraudSettings): FraudReason[] {
  const r = settings.rules
  const out: FraudReason[] = []
  const add = (code: string, weight: number, detail: string) => {
    if (weight > 0) out.push({ code, weight, detail })
  }
  const c = input.counters

  if (isClickFlood(c.ipClicksLastHour, settings))
    add(
      'click_flood',
      r.clickFlood.weight,
      `${plural(c.ipClicksLastHour, 'click')} from this IP in the last hour (limit ${r.clickFlood.maxClicksPerHour})`,
    )

  if (r.ipVelocity.enabled && c.ipConversionsLast24h > r.ipVelocity.maxConversionsPer24h)
    add(
      'ip_velocity',
      r.ipVelocity.weight,
      `${plural(c.ipConversionsLast24h, 'earlier conversion')} from this IP in 24 h (limit ${r.ipVelocity.maxConversionsPer24h})`,
    )

  if (r.selfReferral.enabled) {
    const customer = normaliseEmail(input.customerEmail)
    const own = [input.affiliate.email, input.affiliate.paymentEmail].map(normaliseEmail)
    const why: string[] = []
    if (customer !== null && own.includes(customer)) why.push("the customer's email is the affiliate's own")
    if (input.affiliate.usedIp) why.push('the affiliate used this IP')
    if (input.affiliate.usedFingerprint) why.push("the affiliate used this device's fingerprint")
    if (why.length) add('self_referral', r.selfReferral.weight, `Self-referral: ${why.join('; ')}`)
  }

  if (r.disposableEmail.enabled && isDisposableEmail(input.customerEmail, r.disposableEmail)) {
    add(
      'disposable_email',
      r.disposableEmail.weight,
      `The customer's email domain ${input.customerEmail!.split('@').pop()!.toLowerCase()} gives out throwaway addresses`,
    )
  }

  if (input.click) {
    const seconds = (input.at - input.click.at) / 1000
    if (r.clickInjection.enabled && seconds >= 0 && seconds < r.clickInjection.minSecondsAfterClick)
      add(
        'click_injection',
        r.clickInjection.weight,
        `Converted ${Math.floor(seconds)} s after the click (at least ${r.clickInjection.minSecondsAfterClick} s expected)`,
      )
    if (r.cookieStuffing.enabled) {
      if (input.click.hidden)
        add(
          'cookie_stuffing',
          r.cookieStuffing.weight,
          'The click came from a hidden frame or background page',
        )
      else if (input.click.referer.trim() === '')
        add('cookie_stuffing', r.cookieStuffing.noRefererWeight, 'The click had no referring page')
    }
    if (
      r.geoMismatch.enabled &&
      input.country &&
      input.click.country &&
      input.country.toUpperCase() !== input.click.country.toUpperCase()
    )
      add(
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
    if (why.length) add('fingerprint_reuse', fr.weight, capitalise(why.join('; ')))
  }

  if (r.bot.enabled) {
    // A server-to-server postback has no user agent of its own (null): judge only the ones we have.
    const agents: string[] = []
    if (input.click) agents.push(input.click.userAgent)
    if (input.userAgent !== null) agents.push(input.userAgent)
    const kinds = agents.map(agentKind)
    const worst = (['bot', 'headless', 'missing'] as const).find((k) => kinds.includes(k))
    if (worst === 'bot') add('bot', r.bot.weight, 'The user agent is a known bot')
    else if (worst === 'headless') add('bot', r.bot.weight, 'The user agent is a headless browser')
    else if (worst === 'missing') add('bot', r.bot.weight, 'No user agent was sent')
  }

  if (r.datacenter.enabled) {
    if (input.datacenter)
      add('datacenter', r.datacenter.weight, `The IP belongs to a datacenter network (AS${input.asn ?? '?'})`)
    else if (isHostingAsn(input.asn, r.datacenter.extraAsns))
      add(
        'datacenter',
        r.datacenter.weight,
        `The IP belongs to a hosting network: AS${input.asn} ${HOSTING_ASNS.get(input.asn!) ?? '(on your list)'}`,
      )
  }

  if (r.lowTrust.enabled) {
    if (input.trust === 'client')
      add('low_trust', r.lowTrust.weight, 'Reported by the browser only, not by the advertiser')
    else if (input.trust === 'token')
      add('low_trust', r.lowTrust.tokenWeight, 'Reported with a token, not a signed postback')
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

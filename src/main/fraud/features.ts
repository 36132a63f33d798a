// The learned score's inputs, after the seed's `extract_fraud_features` (time, IP, device, affiliate
// and email features), adapted to what a FraudInput holds. They read no settings, so a trained model
// keeps its meaning when the owner changes a rule's limits. Counts go through log1p so one flood
// does not dwarf every other feature after standardisation; hours go round a circle (sin/cos) because
// 23:00 is next to 00:00. Click-to-conversion time is also binned (the ad-fraud trade's "CTIT"
// analysis): both tails are suspicious, seconds for injected clicks, hours to days for stuffed
// cookies, which one linear term in log seconds cannot express.
import { isDisposableEmail, isFreeEmail, normaliseEmail } from './email'
import { isHostingAsn } from './rules'
import type { FraudInput } from './types'
import { agentKind, isMobileAgent } from './user-agent'

const DAY = 86_400_000

export const FEATURE_NAMES = [
  'has_click',
  'click_to_conversion_log_seconds',
  'ctit_under_10s',
  'ctit_under_1min',
  'ctit_over_1h',
  'ctit_over_24h',
  'hour_sin',
  'hour_cos',
  'is_weekend',
  'ip_country_mismatch',
  'ip_clicks_1h_log',
  'ip_conversions_24h_log',
  'is_mobile',
  'has_fingerprint',
  'fingerprint_conversions_24h_log',
  'fingerprint_affiliates_24h',
  'ua_bot',
  'ua_headless',
  'ua_missing',
  'click_hidden',
  'click_no_referer',
  'click_flagged',
  'datacenter',
  'affiliate_age_days_log',
  'affiliate_conversions_24h_log',
  'self_email',
  'affiliate_used_ip',
  'affiliate_used_fingerprint',
  'has_email',
  'email_domain_free',
  'email_domain_disposable',
  'trust_client',
  'trust_token',
  'amount_log',
] as const
export type FeatureName = (typeof FEATURE_NAMES)[number]

const b = (x: boolean): number => (x ? 1 : 0)

export function extractFeatures(input: FraudInput): Record<FeatureName, number> {
  const click = input.click
  const seconds = click ? Math.max(0, (input.at - click.at) / 1000) : 0
  const date = new Date(input.at)
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60
  const day = date.getUTCDay()
  const agents = [click?.userAgent, input.userAgent ?? undefined].filter((a) => a !== undefined)
  const kinds = agents.map(agentKind)
  const customer = normaliseEmail(input.customerEmail)
  const own = [input.affiliate.email, input.affiliate.paymentEmail].map(normaliseEmail)
  const c = input.counters
  return {
    has_click: b(click !== null),
    click_to_conversion_log_seconds: Math.log1p(seconds),
    ctit_under_10s: b(click !== null && seconds < 10),
    ctit_under_1min: b(click !== null && seconds < 60),
    ctit_over_1h: b(click !== null && seconds > 3600),
    ctit_over_24h: b(click !== null && seconds > 86_400),
    hour_sin: Math.sin((2 * Math.PI * hour) / 24),
    hour_cos: Math.cos((2 * Math.PI * hour) / 24),
    is_weekend: b(day === 0 || day === 6),
    ip_country_mismatch: b(
      !!click?.country && !!input.country && click.country.toUpperCase() !== input.country.toUpperCase(),
    ),
    ip_clicks_1h_log: Math.log1p(c.ipClicksLastHour),
    ip_conversions_24h_log: Math.log1p(c.ipConversionsLast24h),
    is_mobile: b(isMobileAgent(click?.userAgent ?? input.userAgent)),
    has_fingerprint: b(input.fingerprint !== null),
    fingerprint_conversions_24h_log: Math.log1p(c.fingerprintConversionsLast24h),
    fingerprint_affiliates_24h: Math.min(c.fingerprintAffiliatesLast24h, 10),
    ua_bot: b(kinds.includes('bot')),
    ua_headless: b(kinds.includes('headless')),
    ua_missing: b(kinds.includes('missing')),
    click_hidden: b(click?.hidden === true),
    click_no_referer: b(click !== null && click.referer.trim() === ''),
    click_flagged: b(click?.flagged === true),
    datacenter: b(input.datacenter || isHostingAsn(input.asn, [])),
    affiliate_age_days_log: Math.log1p(Math.max(0, (input.at - input.affiliate.createdAt) / DAY)),
    affiliate_conversions_24h_log: Math.log1p(c.affiliateConversionsLast24h),
    self_email: b(customer !== null && own.includes(customer)),
    affiliate_used_ip: b(input.affiliate.usedIp),
    affiliate_used_fingerprint: b(input.affiliate.usedFingerprint),
    has_email: b(customer !== null),
    email_domain_free: b(isFreeEmail(input.customerEmail)),
    email_domain_disposable: b(isDisposableEmail(input.customerEmail)),
    trust_client: b(input.trust === 'client'),
    trust_token: b(input.trust === 'token'),
    amount_log: Math.log1p(Math.max(0, input.amountMinor)),
  }
}

// The review queue's words: fraud reason codes and model features as a manager reads them, and
// which row takes the focus once decided rows leave the list. Codes the UI does not know yet (a new
// rule) are shown humanised rather than hidden.
import type { ReviewReason } from '../../../shared/contract'

const REASON_LABEL: Record<string, string> = {
  suspicious_click: 'Flagged click',
  click_flood: 'Click flooding',
  rate_limited: 'Too many clicks from one address',
  ip_velocity: 'Many conversions from one IP',
  self_referral: 'Self-referral',
  disposable_email: 'Disposable email',
  short_click_to_conversion: 'Converted implausibly fast',
  click_injection: 'Click injection',
  cookie_stuffing: 'Cookie stuffing',
  no_referer: 'Click without a referer',
  hidden_context: 'Click from a hidden frame',
  fingerprint_reuse: 'Device seen many times',
  fingerprint_affiliates: 'Device converting for several affiliates',
  bot: 'Bot',
  bot_user_agent: 'Bot user agent',
  headless: 'Headless browser',
  datacenter: 'Datacenter network',
  geo_mismatch: 'Click and sale in different countries',
  low_trust: 'Low-trust report',
  order_claimed: 'Order claimed by another click',
  affiliate_not_approved: 'Affiliate not approved at approval time',
  other: 'Other',
}

/** A code in words: known codes by name, others humanised (`new_rule` → "New rule"). */
export function reasonLabel(code: string): string {
  const known = REASON_LABEL[code]
  if (known) return known
  const words = code.replace(/_/g, ' ').trim()
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Unnamed reason'
}

/** The chip's full text for screen readers and its tooltip: words, numbers, points. */
export function reasonDescription(r: ReviewReason): string {
  const parts = [reasonLabel(r.code)]
  if (r.detail && r.detail !== reasonLabel(r.code)) parts.push(r.detail)
  if (r.weight !== null && r.weight !== undefined) parts.push(`+${r.weight} points`)
  return parts.join(' — ')
}

/** A model feature's name in words (`ip_conversions_24h` → "Ip conversions 24h"). */
export function featureLabel(feature: string): string {
  const words = feature.replace(/[_.]+/g, ' ').trim()
  return words ? words[0]!.toUpperCase() + words.slice(1) : feature
}

/** A contribution to the log-odds, signed, two decimals: "+1.25" raises the risk, "−0.40" lowers it. */
export function contributionText(contribution: number): string {
  const abs = Math.abs(contribution).toFixed(2)
  return contribution < 0 ? `−${abs}` : `+${abs}`
}

export const MATCH_LABEL = { ip: 'same IP', fingerprint: 'same device', customer: 'same customer' } as const

/**
 * Which row to focus after some rows leave the list: the row that now stands where the focused one
 * stood (the next one), else the last row; null when none is left.
 */
export function focusAfterRemoval<T extends { id: number }>(
  before: readonly T[],
  removed: ReadonlySet<number>,
  focusedId: number | null,
): number | null {
  const after = before.filter((r) => !removed.has(r.id))
  if (after.length === 0) return null
  if (focusedId === null) return after[0]!.id
  if (!removed.has(focusedId)) return focusedId
  const from = before.findIndex((r) => r.id === focusedId)
  for (let i = from + 1; i < before.length; i++) if (!removed.has(before[i]!.id)) return before[i]!.id
  return after[after.length - 1]!.id
}

// What the two conversion endpoints (/postback and /v1/track/conversion) share: the click part of
// the intent they hand the store, the flags a click carries into it, and the HTTP status of a refusal.
import type { ConversionIntent, IngestResult } from '../../commissions/ports'
import type { AdvertiserAuth } from '../../db/store'
import { formatMinor } from '../../../shared/money'
import type { ClickLookup } from '../types'
import type { FraudReport } from '../../fraud/runtime'

/** Keys the listener makes itself (simple signing: click:<id>; a lead without order id: lead:<id>). */
export const RESERVED_ORDER_RE = /^(?:click|lead):/i

/**
 * The key a conversion is stored under. An advertiser on simple signing signs only the click, so
 * its conversions — from its postbacks and from its pages' script alike — are keyed by the click,
 * and an order id sent along is kept for reference.
 */
export function orderKey(
  adv: Pick<AdvertiserAuth, 'signingMode'>,
  click: Pick<ClickLookup, 'clickId'>,
  orderId: string | null,
): { orderId: string; orderRef: string | null } {
  return adv.signingMode === 'simple'
    ? { orderId: `click:${click.clickId}`, orderRef: orderId }
    : { orderId: orderId!, orderRef: null }
}

export function intentClick(click: ClickLookup): NonNullable<ConversionIntent['click']> {
  return {
    clickId: click.clickId,
    affiliateId: click.affiliateId,
    campaignId: click.campaignId,
    linkId: click.linkId,
    createdAt: click.createdAt,
  }
}

/**
 * Why a reported amount is refused (400), or null: over the campaign's largest amount per report.
 * Besides sparing the books a typo's billions, it keeps dashboard sums exact (far below 2^53).
 */
export function overCampaignMax(
  click: Pick<ClickLookup, 'maxAmountMinor' | 'currency'>,
  field: string,
  amountMinor: number | null,
  currency: string | null,
): string | null {
  if (amountMinor === null || amountMinor <= click.maxAmountMinor) return null
  return `${field} ${shown(amountMinor, currency ?? click.currency)} is more than this campaign accepts for one conversion (${shown(click.maxAmountMinor, click.currency)}); the owner can raise the limit in the campaign's settings`
}

function shown(minor: number, currency: string): string {
  try {
    return `${formatMinor(minor, currency)} ${currency}`
  } catch {
    return `${minor} minor units`
  }
}

/** What the fraud checks read about a report: its click, and the converting visitor where known. */
export function fraudReport(
  click: ClickLookup,
  r: Omit<FraudReport, 'click' | 'ip' | 'userAgent' | 'fingerprint'> &
    Partial<Pick<FraudReport, 'ip' | 'userAgent' | 'fingerprint'>>,
): FraudReport {
  return {
    ...r,
    click,
    // A server's postback knows nothing of the visitor: the click's device speaks for it.
    ip: r.ip ?? (click.ip || null),
    userAgent: r.userAgent ?? (click.userAgent || null),
    fingerprint: r.fingerprint ?? click.fingerprint,
  }
}

/** A conversion from a flagged click waits for a person (docs/ARCHITECTURE.md, "Flags hold"). */
export const clickFlags = (click: ClickLookup): string[] => (click.flagged ? ['suspicious_click'] : [])

export const STATUS_OF_REFUSAL: Record<Exclude<IngestResult, { ok: true }>['code'], number> = {
  not_found: 404,
  conflict: 409,
  invalid_input: 400,
  forbidden: 403,
}

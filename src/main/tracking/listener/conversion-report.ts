// What the two conversion endpoints (/postback and /v1/track/conversion) share: the click part of
// the intent they hand the store, the flags a click carries into it, and the HTTP status of a refusal.
import type { ConversionIntent, IngestResult } from '../../commissions/ports'
import type { ClickLookup } from '../types'

export function intentClick(click: ClickLookup): NonNullable<ConversionIntent['click']> {
  return {
    clickId: click.clickId,
    affiliateId: click.affiliateId,
    campaignId: click.campaignId,
    linkId: click.linkId,
    createdAt: click.createdAt,
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

// Shapes the tracking listener and the store exchange. Plain data, no SQL.
import type { AffiliateStatus, CampaignStatus } from '../../shared/domain'

export interface LinkTarget {
  linkId: number
  affiliateId: number
  affiliateCode: string
  affiliateStatus: AffiliateStatus
  campaignId: number
  advertiserId: number
  campaignStatus: CampaignStatus
  linkActive: boolean
  /** Owner-configured only: the campaign's destination, or a link's own landing URL. */
  destinationUrl: string
  landingUrl: string | null
  fallbackUrl: string | null
  clickIdParam: string
  cookieDays: number
  subDefaults: Record<string, string>
}

export interface ClickRecord {
  clickId: string
  linkId: number | null
  affiliateId: number
  campaignId: number
  createdAt: number
  ip: string
  userAgent: string
  referer: string
  deviceType: string
  country: string
  fingerprint: string | null
  sub1: string | null
  sub2: string | null
  sub3: string | null
  sub4: string | null
  sub5: string | null
  refParam: string | null
  source: 'server' | 'script'
  flagged: boolean
  flagReason: string | null
  /**
   * Far over its IP's budget: only counted (daily_stats clicks, flagged_clicks, unstored_clicks),
   * no row written, so a flood's disk use is bounded by the number of days, not of clicks.
   */
  countOnly?: boolean
  /** /t.js saw the page hidden (background tab, prerender, zero-size frame). */
  hidden: boolean
}

/**
 * How a click id maps to the integer key it is stored under (tracking/click-id.ts). The core hands
 * it to the store, so storage needs no runtime import from tracking.
 */
export interface ClickKeys {
  /** The rowid an id of ours carries, or null if the string is not one. */
  rowid(clickId: string): number | null
  /** The same id under another rowid, its random part kept. */
  withRowid(clickId: string, rowid: number): string
}

export interface ClickLookup {
  clickId: string
  linkId: number | null
  affiliateId: number
  campaignId: number
  advertiserId: number
  /** The campaign's currency: the default for a postback that names none. */
  currency: string
  /** The campaign's attribution window, from the click. */
  cookieDays: number
  /** The most a report about this click may claim (the campaign's limit, minor units). */
  maxAmountMinor: number
  createdAt: number
  ip: string
  fingerprint: string | null
  flagged: boolean
  /** What the fraud rules read about the click. */
  userAgent: string
  referer: string
  country: string
  hidden: boolean
}

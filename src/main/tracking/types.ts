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
}

export interface ClickLookup {
  clickId: string
  linkId: number | null
  affiliateId: number
  campaignId: number
  advertiserId: number
  /** The campaign's currency: the default for a postback that names none. */
  currency: string
  createdAt: number
  ip: string
  fingerprint: string | null
  flagged: boolean
}

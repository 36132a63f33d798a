// The data-access layer's interface. Engines and handlers depend on this, never on SQL, so a
// PostgreSQL store can be added later as a second implementation. Every method is async for the
// same reason, and every write that must be atomic (a change plus its audit row, a conversion plus
// its commission lines) is one method here, so the transaction lives inside the store.
import type {
  Advertiser,
  Affiliate,
  AuditEntry,
  Campaign,
  Link,
  MethodOutput,
  ParsedInput,
  Settings,
} from '../../shared/contract'

import type { ClickLookup, ClickRecord, LinkTarget } from './tracking-types'
import type { ConversionIntent, ConversionStatus, IngestResult } from './ledger-policy'

export type Actor = string

export type AffiliateListQuery = ParsedInput<'affiliates.list'>
export type AffiliateCreate = Omit<ParsedInput<'affiliates.create'>, 'code'> & { code: string }
export type AffiliatePatch = Omit<ParsedInput<'affiliates.update'>, 'id'>
export type CampaignListQuery = ParsedInput<'campaigns.list'>
export type CampaignCreate = ParsedInput<'campaigns.create'>
export type CampaignPatch = Omit<ParsedInput<'campaigns.update'>, 'id'>
export type AdvertiserCreate = ParsedInput<'advertisers.create'> & {
  postbackSecret: string
  postbackToken: string
}

export interface Page<T> {
  rows: T[]
  total: number
}

export interface AffiliateRepo {
  list(q: AffiliateListQuery): Promise<Page<Affiliate>>
  get(id: number): Promise<Affiliate | null>
  getByCode(code: string): Promise<Affiliate | null>
  /** Inserts the affiliate and its closure rows. Throws conflict on a duplicate code, not_found on an unknown parent. */
  create(input: AffiliateCreate, actor: Actor): Promise<Affiliate>
  update(id: number, patch: AffiliatePatch, actor: Actor): Promise<Affiliate>
  setStatus(id: number, status: Affiliate['status'], actor: Actor): Promise<Affiliate>
}

export interface CampaignRepo {
  list(q: CampaignListQuery): Promise<Page<Campaign>>
  get(id: number): Promise<Campaign | null>
  create(input: CampaignCreate, actor: Actor): Promise<Campaign>
  update(id: number, patch: CampaignPatch, actor: Actor): Promise<Campaign>
}

export interface AdvertiserRepo {
  list(): Promise<Advertiser[]>
  get(id: number): Promise<Advertiser | null>
  create(input: AdvertiserCreate, actor: Actor): Promise<Advertiser>
}

export type LinkListQuery = ParsedInput<'links.list'>
export type LinkCreate = Omit<ParsedInput<'links.create'>, 'code'> & { code: string }

export interface LinkRepo {
  /** `publicBaseUrl` builds each link's tracking URL. */
  list(q: LinkListQuery, publicBaseUrl: string): Promise<Page<Link>>
  create(input: LinkCreate, actor: Actor, publicBaseUrl: string): Promise<Link>
  setActive(id: number, active: boolean, actor: Actor, publicBaseUrl: string): Promise<Link>
}

export interface SettingsRepo {
  get(): Promise<Settings>
  update(patch: Partial<Settings>, actor: Actor): Promise<Settings>
}

export interface AuditRepo {
  list(q: { page: number; pageSize: number; entity?: string }): Promise<MethodOutput<'audit.list'>>
}

/** What the listener needs to authenticate an advertiser's postback or script call. */
export interface AdvertiserAuth {
  id: number
  signingMode: 'params' | 'simple' | 'token'
  postbackSecret: string
  postbackToken: string | null
  allowedIps: string[]
  allowedOrigins: string[]
}

export interface TrackingRepo {
  linkByCode(code: string): Promise<LinkTarget | null>
  /** Resolves once the click is committed (group commit: many clicks share one transaction). */
  recordClick(click: ClickRecord): Promise<void>
  findClick(clickId: string): Promise<ClickLookup | null>
  advertiserAuth(id: number): Promise<AdvertiserAuth | null>
  /** Every origin any advertiser allows for the first-party script endpoints (CORS). */
  allowedOrigins(): Promise<Set<string>>
  /** Drops remembered postback signatures whose window has passed. */
  pruneNonces(now: number): Promise<number>
}

export interface ConversionRepo {
  /** A conversion or a status change, with its ledger rows, in one transaction (group commit). */
  ingest(intent: ConversionIntent): Promise<IngestResult>
  /** A manual or scheduled status change (approve, reject, refund; paid only via payouts). */
  setStatus(id: number, to: ConversionStatus, actor: Actor, reason: string | null): Promise<IngestResult>
  /** Approves pending, unflagged conversions whose hold has passed; returns how many. */
  approveDue(now: number, limit: number): Promise<number>
}

export interface Store {
  readonly kind: 'sqlite'
  affiliates: AffiliateRepo
  campaigns: CampaignRepo
  links: LinkRepo
  advertisers: AdvertiserRepo
  settings: SettingsRepo
  audit: AuditRepo
  tracking: TrackingRepo
  conversions: ConversionRepo
  close(): Promise<void>
}

export type { AuditEntry }

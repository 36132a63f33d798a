// The data-access layer's interface. Engines and handlers depend on this, never on SQL, so a
// PostgreSQL store can be added later as a second implementation. Every method is async for the
// same reason, and every write that must be atomic (a change plus its audit row, a conversion plus
// its commission lines) is one method here, so the transaction lives inside the store.
import type {
  Advertiser,
  Affiliate,
  AuditEntry,
  Campaign,
  MethodOutput,
  ParsedInput,
  Settings,
} from '../../shared/contract'

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

export interface SettingsRepo {
  get(): Promise<Settings>
  update(patch: Partial<Settings>, actor: Actor): Promise<Settings>
}

export interface AuditRepo {
  list(q: { page: number; pageSize: number; entity?: string }): Promise<MethodOutput<'audit.list'>>
}

export interface Store {
  readonly kind: 'sqlite'
  affiliates: AffiliateRepo
  campaigns: CampaignRepo
  advertisers: AdvertiserRepo
  settings: SettingsRepo
  audit: AuditRepo
  close(): Promise<void>
}

export type { AuditEntry }

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
  StatsOverview,
} from '../../shared/contract'

import type { ClickLookup, ClickRecord, LinkTarget } from '../tracking/types'
import type { ConversionIntent, ConversionStatus, IngestResult } from '../commissions/ports'
import type { Balance, Conversion, HierarchyNode, LedgerLine } from '../../shared/contract'
import type { SigningMode } from '../../shared/domain'
import type { Plan } from '../../shared/plan'
import type { AffiliateInput, SimConversion } from '../commissions'
import type { FraudInput } from '../fraud/types'
import type { FraudSettings } from '../../shared/fraud-settings'
import type { PaymentMethod, PayoutItemStatus, PayoutOutcome } from '../../shared/domain'
import type {
  PayoutExclusion,
  PayoutItem,
  PayoutProposal,
  PayoutRun,
  PayoutRunDetail,
} from '../../shared/contract'
import type { Decision, ItemMove, PayableGroup } from '../payouts/rules'
import type { SendRecord } from '../payouts/providers/send'
import type { PayoutProvider } from '../../shared/domain'
import type { PayoutFileItem, PayoutRunInfo, StatementLine, YearlyPaidRow } from '../payouts/files'

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

export type AdvertiserPatch = Omit<ParsedInput<'advertisers.update'>, 'id'>

export interface AdvertiserRepo {
  list(): Promise<Advertiser[]>
  get(id: number): Promise<Advertiser | null>
  create(input: AdvertiserCreate, actor: Actor): Promise<Advertiser>
  update(id: number, patch: AdvertiserPatch, actor: Actor): Promise<Advertiser>
  /** Replaces the postback secret and token (stored sealed): a rotation, or re-entry after a restore. */
  rotateSecret(id: number, secret: string, token: string, actor: Actor): Promise<Advertiser>
  /** Seals secrets stored in plain text by older versions; returns how many advertisers it sealed. */
  sealPlaintextSecrets(): Promise<number>
  /** A link of an active campaign of this advertiser, for the end-to-end test postback. */
  testLinkCode(id: number): Promise<string | null>
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
  /** Records a change that is not a row of its own (a restore of the whole database). */
  record(entry: {
    actor: Actor
    action: string
    entity: string
    entityId: string | null
    before?: unknown
    after?: unknown
  }): Promise<void>
}

/** What the listener needs to authenticate an advertiser's postback or script call. */
export interface AdvertiserAuth {
  id: number
  signingMode: SigningMode
  /** False when the secret or token was sealed with a key this machine lacks (a restore elsewhere). */
  secretsReadable: boolean
  /** Null only when unreadable: a postback is then refused, never checked against an empty key. */
  postbackSecret: string | null
  postbackToken: string | null
  allowedIps: string[]
  allowedOrigins: string[]
}

export interface TrackingRepo {
  linkByCode(code: string): Promise<LinkTarget | null>
  /**
   * Resolves once the click is committed (group commit: many clicks share one transaction), with the
   * id it is stored under: the one it came with, unless another generator had taken its rowid.
   */
  recordClick(click: ClickRecord): Promise<string>
  findClick(clickId: string): Promise<ClickLookup | null>
  /**
   * Adds the browser's fingerprint (and whether the page was hidden) to a click recorded by the
   * redirect; false if the click is unknown.
   */
  attachFingerprint(clickId: string, fingerprint: string | null, hidden?: boolean): Promise<boolean>
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
  list(q: ConversionListQuery): Promise<Page<Conversion>>
  /** The conversion and every ledger row it produced, oldest first; null if unknown. */
  get(id: number): Promise<ConversionDetail | null>
  /** What the what-if simulator reads, and nothing else: this never writes. null for an unknown campaign. */
  simulationInput(q: SimulationQuery): Promise<SimulationInput | null>
}

export type ConversionListQuery = ParsedInput<'conversions.list'>
export type ConversionDetail = MethodOutput<'conversions.get'>

export interface SimulationQuery {
  campaignId: number
  /** The window is the last `days` days up to the store's clock. */
  days: number
  /** Count each conversion's subscription period (recurring plans only; it costs a window function). */
  recurringPeriods: boolean
}

export interface SimAffiliate extends AffiliateInput {
  code: string
  parentId: number | null
}

export interface SimulationInput {
  campaign: { id: number; currency: string; plan: Plan }
  from: number
  to: number
  /** Any affiliate an upline can reach. Synchronous because the simulator asks once per conversion. */
  affiliate(id: number): SimAffiliate | undefined
  /** The campaign's conversions in [from, to), ordered by createdAt, read lazily while iterated. */
  conversions: Iterable<SimConversion>
}

export type DownlineQuery = ParsedInput<'affiliates.downline'>
export type LevelStats = MethodOutput<'affiliates.levelStats'>

export interface HierarchyRepo {
  /**
   * Moves the affiliate and its whole downline under `parentId` (null = top level) in one
   * transaction: closure rows, parent_id and an audit row. A loop is refused (conflict) and changes
   * nothing. Ledger rows already written keep the upline they paid; later conversions follow the new tree.
   */
  move(id: number, parentId: number | null, actor: Actor): Promise<Affiliate>
  /** Ancestors, nearest first. */
  upline(id: number): Promise<HierarchyNode[]>
  /** Descendants by depth, then id. */
  downline(q: DownlineQuery): Promise<Page<HierarchyNode>>
  levelStats(id: number): Promise<LevelStats>
}

export interface CommissionRepo {
  /** Ledger rows, newest first. */
  list(q: ParsedInput<'commissions.list'>): Promise<Page<LedgerLine>>
  /**
   * Per affiliate and currency; reversed rows net to zero and are left out. Paged by affiliate (a
   * page holds pageSize affiliates, one row per currency each) and `total` counts affiliates.
   */
  balances(q: ParsedInput<'commissions.balances'>): Promise<Page<Balance>>
}

export type ReviewListQuery = ParsedInput<'review.list'>

/** The review queue's reads; decisions go through ConversionRepo.setStatus. */
export interface ReviewRepo {
  /** Pending conversions, flagged first, then highest score, then oldest. */
  list(q: ReviewListQuery): Promise<Page<MethodOutput<'review.list'>['rows'][number]>>
  /** The conversion with its click, history and siblings (bounded lookups); null if unknown. */
  detail(id: number): Promise<MethodOutput<'review.detail'> | null>
}

export interface JobState {
  name: string
  lastRunAt: number | null
  nextRunAt: number
  lastResult: string | null
}

export interface JobRepo {
  get(name: string): Promise<JobState | null>
  save(state: JobState): Promise<void>
}

export interface BackupProgress {
  totalPages: number
  remainingPages: number
}

export interface StatsRepo {
  overview(now: number, days: number): Promise<StatsOverview>
}

/** What the self-referral rule compares a customer with. */
export interface FraudAffiliateFacts {
  email: string
  paymentEmail: string | null
  createdAt: number
}

/** Traffic replayed into the fraud windows at start. */
export type FraudEvent =
  | { kind: 'click'; at: number; ip: string; affiliateId: number; fingerprint: string | null }
  | { kind: 'conversion'; at: number; ip: string | null; fingerprint: string | null; affiliateId: number }

export interface FraudModelRecord {
  id: number
  trainedAt: number
  /** Labelled decisions it learned from. */
  examples: number
  /** The engine's model JSON; the runtime validates it. */
  model: unknown
}

export interface FraudSettingsRecord {
  /** The owner's rules and thresholds over the defaults. */
  settings: FraudSettings
  /** A GeoLite2-ASN (or compatible) .mmdb file for the datacenter rule; null = none. */
  asnFile: string | null
}

export interface FraudRepo {
  settings(): Promise<FraudSettingsRecord>
  /** Replaces what the patch names (audited). Already decided conversions are not re-scored. */
  updateSettings(patch: Partial<FraudSettingsRecord>, actor: Actor): Promise<FraudSettingsRecord>
  latestModel(): Promise<FraudModelRecord | null>
  saveModel(model: unknown, examples: number, actor: Actor): Promise<FraudModelRecord>
  /** Managers' approve/reject decisions on scored conversions (fraud_labels). */
  labelCount(): Promise<number>
  /** Each label with the input the conversion was scored on. */
  trainingExamples(): Promise<{ input: FraudInput; fraud: boolean }[]>
  /** Clicks and conversions since `since`, oldest first, read lazily (consume it synchronously). */
  recentEvents(since: number): Promise<Iterable<FraudEvent>>
  affiliateFacts(id: number): Promise<FraudAffiliateFacts | null>
}

export interface PayoutSelection {
  cutoff: number
  /** null = every affiliate; otherwise only these are read and touched. */
  affiliateIds: number[] | null
}

/** The payout rules, handed to the store (which never imports them): it applies what they decide. */
export interface RunPlan {
  decide(group: PayableGroup): Decision
  /** Sees every proposal before anything is written, inside the transaction; throws to refuse. */
  accept?(proposals: readonly PayoutProposal[]): void
}

export interface PayoutOutcomeWrite {
  itemId: number
  outcome: PayoutOutcome | 'pending'
  providerRef: string | null
  reason: string | null
  /** Where it came from (report line; 0 = by hand), for the problems list. */
  line: number
}

export interface ItemRules {
  move(from: PayoutItemStatus, outcome: PayoutOutcome | 'pending'): ItemMove
  complete(statuses: Iterable<PayoutItemStatus>): boolean
}

export interface OutcomeResult {
  applied: number
  unchanged: number
  problems: { line: number; itemId: number | null; message: string }[]
}

export interface PayoutRepo {
  /** Reads only: what a run would pay and leave out right now. Streams the ledger. */
  scan(
    sel: PayoutSelection,
    plan: RunPlan,
  ): Promise<{ items: PayoutProposal[]; exclusions: PayoutExclusion[] }>
  /**
   * In ONE immediate transaction: the scan again, the run, its items, every line locked into exactly
   * one item (a lock row per line; its primary key refuses a second live lock), and an audit row.
   * A line another run locked first is simply not payable any more; a run with nothing to pay is
   * refused. Answers the run as written.
   */
  commit(sel: PayoutSelection, plan: RunPlan, actor: Actor): Promise<PayoutRunDetail>
  /**
   * Compares every group's payable balance with its ledger, `chunk` affiliates per immediate
   * transaction, and sets any that differs to what the ledger says (one audit row each). Answers
   * how many it repaired.
   */
  checkBalances(actor: Actor, chunk?: number): Promise<number>
  /** Releases every line of a committed, not yet exported run; refused once a file went out. */
  cancel(runId: number, reason: string | null, actor: Actor): Promise<void>
  list(q: { page: number; pageSize: number; status?: PayoutRun['status'] }): Promise<Page<PayoutRun>>
  get(runId: number): Promise<PayoutRunDetail | null>
  item(itemId: number): Promise<PayoutItem | null>
  /**
   * The run's items still to be paid (pending or processing), as the file writers need them; only
   * those paid by one of `methods` when given (a provider file reads just its own items).
   */
  fileItems(
    runId: number,
    methods?: readonly PaymentMethod[] | null,
  ): Promise<{ run: PayoutRunInfo; items: PayoutFileItem[] }>
  /** A file went out: these items move pending → processing and the run to exported. */
  markExported(runId: number, itemIds: readonly number[], format: string, actor: Actor): Promise<void>
  /** Provider outcomes or a decision by hand, all in one transaction; released items give their lines back. */
  applyOutcomes(
    rows: readonly PayoutOutcomeWrite[],
    rules: ItemRules,
    actor: Actor,
    runId?: number,
  ): Promise<OutcomeResult>
  affiliateItems(affiliateId: number): Promise<(PayoutItem & { runCutoff: number; runCreatedAt: number })[]>
  statementLines(itemId: number): Promise<StatementLine[]>
  /** Items confirmed paid, with when (the item's last change), for yearly totals. */
  paidItems(from: number, to: number): Promise<YearlyPaidRow[]>
}

export interface PayoutProviderAccount {
  provider: PayoutProvider
  /** The opened credentials JSON; null when none are stored or this machine lacks their key. */
  credentials: string | null
  configured: boolean
  readable: boolean
  sandbox: boolean
  updatedAt: number | null
}

export interface PayoutProviderRepo {
  account(provider: PayoutProvider): Promise<PayoutProviderAccount>
  /** credentials: a JSON text to seal, null to forget them, undefined to keep them. */
  update(
    provider: PayoutProvider,
    patch: { sandbox?: boolean; credentials?: string | null },
    actor: Actor,
  ): Promise<void>
  sends(runId: number): Promise<SendRecord[]>
  /** Upserts by (provider, key), with an audit row named `audit` unless null, in one transaction. */
  recordSend(send: SendRecord, audit: string | null, actor: Actor): Promise<void>
}

export interface Store {
  readonly kind: 'sqlite'
  fraud: FraudRepo
  affiliates: AffiliateRepo
  campaigns: CampaignRepo
  links: LinkRepo
  advertisers: AdvertiserRepo
  settings: SettingsRepo
  audit: AuditRepo
  tracking: TrackingRepo
  stats: StatsRepo
  conversions: ConversionRepo
  hierarchy: HierarchyRepo
  commissions: CommissionRepo
  review: ReviewRepo
  jobs: JobRepo
  /**
   * An online copy of the whole database into `dest` (a new file) through the writing connection, with
   * SQLite's backup API: pages are copied a step at a time between other work, and writes made on
   * this connection meanwhile reach the copy too, so it is consistent as of the last step.
   */
  backupTo(dest: string, onProgress?: (p: BackupProgress) => void): Promise<void>
  payouts: PayoutRepo
  payoutProviders: PayoutProviderRepo
  /** Called after any change to affiliates, the hierarchy, campaigns, links or advertisers. Returns an unsubscribe. */
  onChange(fn: () => void): () => void
  close(): Promise<void>
}

export type { AuditEntry }

// The domain's words, written once. The contract's zod enums, the database's column enums and CHECK
// constraints, the engine's types and the renderer's form options all derive from these lists, so
// adding a status or an event is one line here plus a migration (the CHECKs change).
// The order is part of the data: the CHECKs list the values in this order (db:check compares the
// generated SQL), and the what-if query reads event types and statuses back by position.

export const AFFILIATE_STATUSES = ['pending', 'approved', 'suspended', 'rejected'] as const
export type AffiliateStatus = (typeof AFFILIATE_STATUSES)[number]

export const AFFILIATE_TIERS = ['standard', 'vip', 'elite'] as const
export type AffiliateTier = (typeof AFFILIATE_TIERS)[number]

export const PAYMENT_METHODS = ['paypal', 'wise', 'bank'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const CAMPAIGN_STATUSES = ['active', 'paused', 'ended'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

/** How an advertiser authenticates its postbacks (tracking/postback-signature.ts). */
export const SIGNING_MODES = ['params', 'simple', 'token'] as const
export type SigningMode = (typeof SIGNING_MODES)[number]

export const EVENT_TYPES = ['lead', 'trial', 'sale', 'recurring'] as const
export type EventType = (typeof EVENT_TYPES)[number]

export const CONVERSION_STATUSES = ['pending', 'approved', 'rejected', 'refunded', 'paid'] as const
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number]

/**
 * The statuses a sender (postback, script, API, demo) may ask for. `paid` is not among them: only a
 * payout run sets it, because it must match money actually sent.
 */
export const INTENT_STATUSES = ['pending', 'approved', 'rejected', 'refunded'] as const
export type IntentStatus = (typeof INTENT_STATUSES)[number]

/** The statuses the owner sets by hand; `pending` is only ever a start and `paid` the payout run's. */
export const MANUAL_STATUSES = ['approved', 'rejected', 'refunded'] as const
export type ManualStatus = (typeof MANUAL_STATUSES)[number]

/**
 * The conversion status machine: where each status may move. Rejected and refunded are final;
 * refunds and rejections happen at any time, also inside the hold and after payment (the paid
 * lines are then clawed back); `paid` is reserved for payouts, and no sender or owner sets it (payout
 * runs pay ledger lines, not conversions, and leave a conversion's status as it is). The main process
 * enforces it (commissions/status.ts) and the renderer offers only these moves.
 */
export const CONVERSION_MOVES: Readonly<Record<ConversionStatus, readonly ConversionStatus[]>> = {
  pending: ['approved', 'rejected', 'refunded'],
  approved: ['rejected', 'paid', 'refunded'],
  paid: ['refunded', 'rejected'],
  rejected: [],
  refunded: [],
}

/** How far a conversion's origin is vouched for, from a signed postback down to the owner's entry. */
export const TRUST_LEVELS = ['signed', 'token', 'client', 'manual'] as const
export type TrustLevel = (typeof TRUST_LEVELS)[number]

export const LEDGER_KINDS = ['earning', 'reversal', 'clawback'] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]

export const LEDGER_STATUSES = ['pending', 'approved', 'paid', 'reversed'] as const
export type LedgerStatus = (typeof LEDGER_STATUSES)[number]

export const PLAN_TYPES = ['fixed', 'percentage', 'tiered', 'recurring', 'lifetime'] as const
export type PlanType = (typeof PLAN_TYPES)[number]

/** What counts toward a tiered plan's tier: approved sales this month by count or by revenue. */
export const TIER_BASES = ['count', 'revenue'] as const
export type TierBasis = (typeof TIER_BASES)[number]

/** An upline affiliate who is not approved: `skip` leaves the level unpaid, `compress` pays the next approved ancestor. */
export const INACTIVE_UPLINE_MODES = ['skip', 'compress'] as const
export type InactiveUplineMode = (typeof INACTIVE_UPLINE_MODES)[number]

export const DURABILITIES = ['normal', 'full'] as const
export type Durability = (typeof DURABILITIES)[number]

/**
 * What sits between the internet and the listener, which decides the forwarding headers we believe:
 * cloudflared (CF-Connecting-IP, set by Cloudflare's edge), ngrok or another reverse proxy
 * (X-Forwarded-For, right-most untrusted hop), or none (the socket's address only).
 */
export const TUNNEL_KINDS = ['cloudflared', 'ngrok', 'proxy', 'none'] as const
export type TunnelKind = (typeof TUNNEL_KINDS)[number]

/**
 * Amounts a report may carry for one conversion, in minor units: the default largest amount a
 * campaign accepts (1,000,000.00 in a two-decimal currency) and the most an owner can raise it to.
 * Both keep sums of many conversions far below 2^53, where integers stop being exact.
 */
export const DEFAULT_MAX_REPORT_AMOUNT_MINOR = 100_000_000
export const MAX_REPORT_AMOUNT_MINOR = 1_000_000_000_000

/** Commission levels one conversion can pay: the affiliate's own (level 1) plus the upline levels. */
export const MAX_LEVELS = 20
/** Upline levels a plan may list: levels 2 to MAX_LEVELS. */
export const MAX_UPLINE_LEVELS = MAX_LEVELS - 1
/**
 * Ancestors looked at above a converting affiliate. Ingest and the what-if simulator must use the
 * same reach, or `compress` would pay different ancestors in the simulation than in the books.
 */
export const UPLINE_REACH = MAX_LEVELS

/**
 * A payout run: committed (its lines are locked into items), exported (a file went out: it can no
 * longer be cancelled), cancelled (its lines released), completed (every item has a final outcome).
 */
export const PAYOUT_RUN_STATUSES = ['committed', 'exported', 'cancelled', 'completed'] as const
export type PayoutRunStatus = (typeof PAYOUT_RUN_STATUSES)[number]

/**
 * A payout item: pending until its file is exported, processing while the provider has it, then
 * paid, or failed / unclaimed / returned (its lines are payable again). `cancelled` is its run's undo.
 */
export const PAYOUT_ITEM_STATUSES = [
  'pending',
  'processing',
  'paid',
  'failed',
  'unclaimed',
  'returned',
  'cancelled',
] as const
export type PayoutItemStatus = (typeof PAYOUT_ITEM_STATUSES)[number]

/** What a provider report or finance by hand can say about an item. */
export const PAYOUT_OUTCOMES = ['paid', 'failed', 'unclaimed', 'returned'] as const
export type PayoutOutcome = (typeof PAYOUT_OUTCOMES)[number]

/** Item statuses that give the item's lines back to the ledger as payable. */
export const RELEASING_ITEM_STATUSES: readonly PayoutItemStatus[] = [
  'failed',
  'unclaimed',
  'returned',
  'cancelled',
]

export const PAYOUT_FILE_FORMATS = ['paypal', 'paypal-json', 'wise', 'csv', 'json'] as const
export type PayoutFileFormatName = (typeof PAYOUT_FILE_FORMATS)[number]

/** Why an affiliate's payable money is not in a run (each has its message for finance). */
export const PAYOUT_EXCLUSION_REASONS = [
  'suspended',
  'not_approved',
  'missing_details',
  'invalid_details',
  'below_minimum',
  'negative_balance',
] as const
export type PayoutExclusionReason = (typeof PAYOUT_EXCLUSION_REASONS)[number]

export const DECIMAL_STYLES = ['dot', 'comma'] as const
export type DecimalStyle = (typeof DECIMAL_STYLES)[number]

/** Payment providers a run can be sent to through their API instead of a file. */
export const PAYOUT_PROVIDERS = ['paypal', 'wise'] as const
export type PayoutProvider = (typeof PAYOUT_PROVIDERS)[number]

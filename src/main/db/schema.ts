// The ledger database. Conventions:
// - money: integer minor units in *_minor columns, always next to a `currency` (ISO 4217);
// - rates: integer basis points (*_bps);
// - times: integer milliseconds since the Unix epoch, UTC (*_at);
// - enums are TEXT with CHECK constraints, so a bad value cannot land even through raw SQL.
import { sql, type SQL } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core'
import {
  AFFILIATE_STATUSES,
  AFFILIATE_TIERS,
  CAMPAIGN_STATUSES,
  CONVERSION_STATUSES,
  DEFAULT_MAX_REPORT_AMOUNT_MINOR,
  EVENT_TYPES,
  LEDGER_KINDS,
  LEDGER_STATUSES,
  PAYMENT_METHODS,
  PAYOUT_ITEM_STATUSES,
  PAYOUT_PROVIDERS,
  PAYOUT_RUN_STATUSES,
  SIGNING_MODES,
  TRUST_LEVELS,
} from '../../shared/domain'
import type { BankDetailsValue } from '../../shared/payment-details'

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`

/**
 * An enum CHECK as a chain of equalities. `col IN ('a','b','c')` makes SQLite build a temporary
 * table for the list on every INSERT or UPDATE that evaluates it: about 1 µs per constraint per row,
 * which was a third of the cost of storing a conversion with its five commission lines.
 */
function oneOf(column: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql.join(
    values.map((v) => sql`${column} = ${sql.raw(`'${v}'`)}`),
    sql` OR `,
  )
}

export const advertisers = sqliteTable(
  'advertisers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** HMAC key for postbacks. */
    postbackSecret: text('postback_secret').notNull(),
    /** params = HMAC over sorted params; simple = HMAC of "clickid:payout:timestamp"; token = shared token only. */
    signingMode: text('signing_mode', { enum: SIGNING_MODES }).notNull().default('params'),
    postbackToken: text('postback_token'),
    /** JSON array of IPs/CIDRs; empty = any. */
    allowedIps: text('allowed_ips').notNull().default('[]'),
    /** JSON array of origins allowed to call the first-party script endpoints. */
    allowedOrigins: text('allowed_origins').notNull().default('[]'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [check('advertisers_signing_mode', oneOf(t.signingMode, SIGNING_MODES))],
)

export const campaigns = sqliteTable(
  'campaigns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    advertiserId: integer('advertiser_id')
      .notNull()
      .references(() => advertisers.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('active'),
    /** Where clicks go. Only owner-configured URLs are ever redirect targets. */
    destinationUrl: text('destination_url').notNull(),
    fallbackUrl: text('fallback_url'),
    clickIdParam: text('click_id_param').notNull().default('clickid'),
    cookieDays: integer('cookie_days').notNull().default(30),
    /** The most a browser report may claim for one conversion (minor units); null = no limit. */
    maxClientAmountMinor: integer('max_client_amount_minor'),
    /** The most any report (postback or browser) may claim for one conversion; over it is a 400. */
    maxPostbackAmountMinor: integer('max_postback_amount_minor')
      .notNull()
      .default(DEFAULT_MAX_REPORT_AMOUNT_MINOR),
    currency: text('currency').notNull().default('USD'),
    /** Days a conversion waits before automatic approval; null = manual approval only. */
    holdDays: integer('hold_days').default(30),
    /** The commission plan as JSON, validated by the shared plan schema on every write. */
    plan: text('plan').notNull(),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    index('campaigns_advertiser').on(t.advertiserId),
    check('campaigns_status', oneOf(t.status, CAMPAIGN_STATUSES)),
    check('campaigns_cookie_days', sql`${t.cookieDays} BETWEEN 0 AND 3650`),
    check('campaigns_currency', sql`length(${t.currency}) = 3`),
  ],
)

export const affiliates = sqliteTable(
  'affiliates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    parentId: integer('parent_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    status: text('status', { enum: AFFILIATE_STATUSES }).notNull().default('pending'),
    tier: text('tier', { enum: AFFILIATE_TIERS }).notNull().default('standard'),
    /** Per-affiliate override of the plan's level-1 rate, in basis points. */
    overrideRateBps: integer('override_rate_bps'),
    paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }).notNull().default('paypal'),
    paymentEmail: text('payment_email'),
    payoutCurrency: text('payout_currency').notNull().default('USD'),
    /** JSON bank account (shared/payment-details.ts), checked on write and again by each payout run. */
    bankDetails: text('bank_details', { mode: 'json' }).$type<BankDetailsValue>(),
    /** Minimum payout override in minor units; null = the program's setting. */
    minPayoutMinor: integer('min_payout_minor'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    approvedAt: integer('approved_at'),
  },
  (t) => [
    uniqueIndex('affiliates_code').on(t.code),
    index('affiliates_parent').on(t.parentId),
    index('affiliates_status').on(t.status),
    index('affiliates_email').on(t.email),
    check('affiliates_status_chk', oneOf(t.status, AFFILIATE_STATUSES)),
    check('affiliates_tier_chk', oneOf(t.tier, AFFILIATE_TIERS)),
    check('affiliates_payment_chk', oneOf(t.paymentMethod, PAYMENT_METHODS)),
  ],
)

/** Closure table: one row per (ancestor, descendant) pair, including depth-0 self rows. */
export const affiliateHierarchy = sqliteTable(
  'affiliate_hierarchy',
  {
    ancestorId: integer('ancestor_id')
      .notNull()
      .references(() => affiliates.id),
    descendantId: integer('descendant_id')
      .notNull()
      .references(() => affiliates.id),
    depth: integer('depth').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId] }),
    index('hierarchy_descendant_depth').on(t.descendantId, t.depth),
  ],
)

export const links = sqliteTable(
  'links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    affiliateId: integer('affiliate_id')
      .notNull()
      .references(() => affiliates.id),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    code: text('code').notNull(),
    /** Optional owner-set landing URL overriding the campaign destination. */
    landingUrl: text('landing_url'),
    /** JSON object of default sub1..sub5 values. */
    subDefaults: text('sub_defaults').notNull().default('{}'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('links_code').on(t.code),
    index('links_affiliate').on(t.affiliateId),
    index('links_campaign').on(t.campaignId),
  ],
)

export const clicks = sqliteTable(
  'clicks',
  {
    // The time and sequence carried in the click id (tracking/click-id.ts clickRowid), so the rowid
    // B-tree is the only one a click writes, and "clicks since T" is `id >= T * 1024`. Rows recorded
    // before that layout have small rowids (below LEGACY_ROWID_LIMIT). No AUTOINCREMENT: it reads
    // and rewrites sqlite_sequence on every insert.
    id: integer('id').primaryKey(),
    /** Time-ordered public click id handed to the advertiser; unique because its rowid part is. */
    clickId: text('click_id').notNull(),
    linkId: integer('link_id'),
    affiliateId: integer('affiliate_id').notNull(),
    campaignId: integer('campaign_id').notNull(),
    createdAt: integer('created_at').notNull(),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    referer: text('referer').notNull().default(''),
    deviceType: text('device_type').notNull().default('unknown'),
    country: text('country').notNull().default('unknown'),
    fingerprint: text('fingerprint'),
    sub1: text('sub1'),
    sub2: text('sub2'),
    sub3: text('sub3'),
    sub4: text('sub4'),
    sub5: text('sub5'),
    /** The ref/aff_id/partner/a value seen on the request, if any. */
    refParam: text('ref_param'),
    /** server = via /c/:code redirect, script = reported by /t.js */
    source: text('source').notNull().default('server'),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    flagReason: text('flag_reason'),
    /** /t.js saw the page hidden (background tab, prerender, zero-size frame): a cookie-stuffing sign. */
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    // Every index here is paid on each click; per-day counts come from daily_stats. There is no (ip, created_at) index: nothing read it, and with real
    // visitors' addresses it put every click on a random page. Per-IP windows belong in memory
    // (tracking/rate-limiter.ts) or in a rollup, not in an index on the hottest table.
    // Ids issued before they carried their rowid are found by text; new clicks never enter this
    // index (the literal is LEGACY_ROWID_LIMIT, 2^40), so it costs them nothing.
    uniqueIndex('clicks_legacy_click_id')
      .on(t.clickId)
      .where(sql`${t.id} < 1099511627776`),
    // Most clicks have no fingerprint (only /t.js sends one): a partial index costs them nothing.
    index('clicks_fingerprint')
      .on(t.fingerprint)
      .where(sql`${t.fingerprint} IS NOT NULL`),
  ],
)

export { CONVERSION_STATUSES, EVENT_TYPES }

export const conversions = sqliteTable(
  'conversions',
  {
    // Plain rowid, no AUTOINCREMENT: see clicks.id.
    id: integer('id').primaryKey(),
    clickId: text('click_id'),
    /** The click's link (0 = none), so a refund takes the conversion off the same link's rollup. */
    linkId: integer('link_id').notNull().default(0),
    affiliateId: integer('affiliate_id')
      .notNull()
      .references(() => affiliates.id),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    advertiserId: integer('advertiser_id')
      .notNull()
      .references(() => advertisers.id),
    eventType: text('event_type', { enum: EVENT_TYPES }).notNull(),
    /**
     * The advertiser's transaction id: (advertiser, order_id, event_type) is unique among live
     * conversions. Simple-signed postbacks are keyed by their click instead (see order_ref).
     */
    orderId: text('order_id').notNull(),
    /** The order id a sender named when the key is something else; for reference only. */
    orderRef: text('order_ref'),
    /**
     * 0 while live. A browser report whose order a higher-trust report credited to another click is
     * kept for review with the id of the conversion that replaced it, which frees the order's key.
     */
    supersededBy: integer('superseded_by').notNull().default(0),
    /** customer_id or lower-cased email, for lifetime and recurring attribution. */
    customerKey: text('customer_key'),
    amountMinor: integer('amount_minor').notNull().default(0),
    currency: text('currency').notNull(),
    /** What the advertiser says it owes, kept for reconciliation. */
    advertiserPayoutMinor: integer('advertiser_payout_minor'),
    status: text('status', { enum: CONVERSION_STATUSES }).notNull().default('pending'),
    /** signed = HMAC postback; token = token-only postback; client = browser script. */
    trust: text('trust', { enum: TRUST_LEVELS }).notNull(),
    riskScore: integer('risk_score').notNull().default(0),
    /** JSON array of fraud reasons; non-empty puts it in the review queue. */
    flags: text('flags').notNull().default('[]'),
    ip: text('ip'),
    /** What the fraud rules read about the converting visitor (the script's or the click's). */
    fingerprint: text('fingerprint'),
    userAgent: text('user_agent'),
    /** The customer's email as sent (lower-cased), kept apart from customer_key, which may be an id. */
    customerEmail: text('customer_email'),
    country: text('country'),
    createdAt: integer('created_at').notNull(),
    statusChangedAt: integer('status_changed_at').notNull(),
    /** When automatic approval may happen; null = never automatically. */
    holdUntil: integer('hold_until'),
    reason: text('reason'),
    /**
     * The subscription a sale or renewal of a recurring campaign belongs to: 'c:' + customer_key, or
     * 'k:' + click_id when the sender names no customer (sqlite/subscriptions.ts). Null on other
     * campaigns, so only recurring programs pay for its index.
     */
    subscriptionKey: text('subscription_key'),
  },
  (t) => [
    uniqueIndex('conversions_order').on(t.advertiserId, t.orderId, t.eventType, t.supersededBy),
    index('conversions_affiliate_created').on(t.affiliateId, t.createdAt),
    index('conversions_status_hold').on(t.status, t.holdUntil),
    index('conversions_created').on(t.createdAt),
    // No index on click_id or customer_key: each put a random page into every batch of conversions
    // (the click or customer of a sale is anyone's), about half the pages a batch wrote. Recurring
    // periods, their one reader, count through this partial index instead.
    index('conversions_subscription')
      .on(t.campaignId, t.subscriptionKey)
      .where(sql`${t.subscriptionKey} IS NOT NULL`),
    check('conversions_status_chk', oneOf(t.status, CONVERSION_STATUSES)),
    check('conversions_event_chk', oneOf(t.eventType, EVENT_TYPES)),
  ],
)

/**
 * Why a conversion got its risk score, written with the conversion (one row per scored conversion):
 * the fraud engine's input (for training and the review queue's siblings), the rules' reasons and
 * the model's top features. Keyed by the conversion, so each insert appends at the end of the key.
 */
export const conversionRisk = sqliteTable('conversion_risk', {
  conversionId: integer('conversion_id')
    .primaryKey()
    .references(() => conversions.id),
  /** 0–100, equal to conversions.risk_score on arrival. */
  score: integer('score').notNull(),
  /**
   * The FraudInput (src/main/fraud/types.ts) as a JSON array in a fixed order (db/sqlite/fraud-input.ts);
   * rows written before it hold the keyed JSON object, and are read as they are.
   */
  input: text('input').notNull(),
  /**
   * The FraudReason[] as JSON [code, weight, detail] arrays (db/sqlite/fraud-reasons.ts); rows written
   * before hold keyed objects, and are read as they are.
   */
  reasons: text('reasons').notNull().default('[]'),
  /** JSON { probability, top: [{ feature, contribution }] }, or null when the rules alone decided. */
  model: text('model'),
  /** The thresholds in force when it was scored (a later change re-queues nothing). */
  reviewThreshold: integer('review_threshold').notNull(),
  rejectThreshold: integer('reject_threshold').notNull(),
  createdAt: integer('created_at').notNull(),
})

/**
 * Managers' verdicts on scored conversions: the learned model's training labels. Written in the
 * same transaction as the decision; the latest decision about a conversion is its label.
 */
export const fraudLabels = sqliteTable('fraud_labels', {
  conversionId: integer('conversion_id')
    .primaryKey()
    .references(() => conversions.id),
  /** 1 = fraud (rejected by a manager), 0 = honest (approved by a manager). */
  fraud: integer('fraud', { mode: 'boolean' }).notNull(),
  actor: text('actor').notNull(),
  decidedAt: integer('decided_at').notNull(),
})

/** Learned fraud models, newest last; the newest is the one that scores. */
export const fraudModels = sqliteTable('fraud_models', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  trainedAt: integer('trained_at').notNull(),
  /** Labelled decisions it learned from. */
  examples: integer('examples').notNull(),
  /** JSON FraudModel (src/main/fraud). */
  model: text('model').notNull(),
})

/** Lifetime attribution: a customer is bound to the first affiliate that referred them. */
export const customers = sqliteTable(
  'customers',
  {
    advertiserId: integer('advertiser_id')
      .notNull()
      .references(() => advertisers.id),
    customerKey: text('customer_key').notNull(),
    affiliateId: integer('affiliate_id')
      .notNull()
      .references(() => affiliates.id),
    firstConversionId: integer('first_conversion_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.advertiserId, t.customerKey] })],
)

/**
 * The commission ledger. Rows are append-only once paid. A reversal (before payment) or a
 * clawback (after payment) is a new negative row pointing at the row it reverses.
 */
export const commissions = sqliteTable(
  'commissions',
  {
    // Plain rowid, no AUTOINCREMENT: see clicks.id.
    id: integer('id').primaryKey(),
    conversionId: integer('conversion_id')
      .notNull()
      .references(() => conversions.id),
    affiliateId: integer('affiliate_id')
      .notNull()
      .references(() => affiliates.id),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    /** pending -> approved -> paid; reversed = cancelled by a reversal row. */
    status: text('status', { enum: LEDGER_STATUSES }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    level: integer('level').notNull().default(1),
    /** How it was computed, for "why this amount". */
    planType: text('plan_type').notNull(),
    rule: text('rule').notNull(),
    baseMinor: integer('base_minor').notNull(),
    rateBps: integer('rate_bps'),
    reversesId: integer('reverses_id'),
    createdAt: integer('created_at').notNull(),
    approvedAt: integer('approved_at'),
  },
  (t) => [
    index('commissions_conversion').on(t.conversionId),
    index('commissions_affiliate_status').on(t.affiliateId, t.status),
    // No index on status alone: it cost each ledger row ~0.5 us (five per sale in a deep plan), and
    // the one query filtering on status without an affiliate (the ledger screen) pages by id anyway.
    // Approved lines by the instant they became payable: a payout run with a cut-off reads the
    // lines approved after it here, to take them off payable_balances, instead of grouping the ledger.
    index('commissions_payable_at')
      .on(sql`coalesce(${t.approvedAt}, ${t.createdAt})`)
      .where(sql`${t.status} = 'approved'`),
    check('commissions_kind_chk', oneOf(t.kind, LEDGER_KINDS)),
    check('commissions_status_chk', oneOf(t.status, LEDGER_STATUSES)),
  ],
)

/** Daily rollups, updated as data arrives, so dashboards never scan raw clicks. link_id 0 = no link. */
export const dailyStats = sqliteTable(
  'daily_stats',
  {
    day: text('day').notNull(),
    campaignId: integer('campaign_id').notNull(),
    affiliateId: integer('affiliate_id').notNull(),
    linkId: integer('link_id').notNull(),
    clicks: integer('clicks').notNull().default(0),
    flaggedClicks: integer('flagged_clicks').notNull().default(0),
    /**
     * Clicks far over their IP's budget (tracking/listener: past CLICK_FLOOD_MULTIPLE x the per-IP
     * rate), counted here instead of stored as rows so a flood cannot fill the disk. They are in
     * clicks and flagged_clicks too; they were redirected but carry no click id that attributes.
     */
    unstoredClicks: integer('unstored_clicks').notNull().default(0),
    conversions: integer('conversions').notNull().default(0),
    revenueMinor: integer('revenue_minor').notNull().default(0),
    commissionMinor: integer('commission_minor').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.campaignId, t.affiliateId, t.linkId] }),
    // No (affiliate_id, day) index: nothing read it, and every click and every conversion's rollups
    // (one row per upline level and day) paid for a random page in it.
  ],
)

/** Postback signatures seen recently, so a replay within the timestamp window is refused even after a restart. */
// Keyed by the conversion the postback applied to, then the signature. A replay carries the same
// order, so it finds the same conversion and the same key. A new sale's conversion id is the largest
// yet, so its nonce appends at the end of the key. (Keyed by expiry then signature, as in 0001, every
// insert landed on a random page among the current second's nonces: ~55 dirty pages per batch of 64,
// most of the WAL a postback wrote.) Postbacks that store nothing are remembered in memory only.
export const postbackNonces = sqliteTable(
  'postback_nonces',
  {
    conversionId: integer('conversion_id')
      .notNull()
      .references(() => conversions.id),
    signature: text('signature').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversionId, t.signature] }),
    index('postback_nonces_expires').on(t.expiresAt),
  ],
)

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  /** JSON value. */
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_entity').on(t.entity, t.entityId)],
)

/** Scheduled jobs' state lives in the database so a restart resumes instead of forgetting. */
export const jobs = sqliteTable('jobs', {
  name: text('name').primaryKey(),
  lastRunAt: integer('last_run_at'),
  nextRunAt: integer('next_run_at').notNull(),
  lastResult: text('last_result'),
})

/** A payout run: what was decided at commit time. Its items and their lines say what it pays. */
export const payoutRuns = sqliteTable(
  'payout_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    status: text('status', { enum: PAYOUT_RUN_STATUSES }).notNull(),
    cutoff: integer('cutoff').notNull(),
    /** JSON array of the affiliates the run was narrowed to; null = everyone. */
    affiliateIds: text('affiliate_ids'),
    /** JSON array of the exclusions at commit time, so finance sees later who was left out and why. */
    exclusions: text('exclusions').notNull().default('[]'),
    /** PayPal's idempotency key for the batch (a repeat is refused by PayPal for 30 days). */
    senderBatchId: text('sender_batch_id').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    exportedAt: integer('exported_at'),
    cancelledAt: integer('cancelled_at'),
  },
  (t) => [
    uniqueIndex('payout_runs_sender_batch').on(t.senderBatchId),
    check('payout_runs_status_chk', oneOf(t.status, PAYOUT_RUN_STATUSES)),
  ],
)

/** What one affiliate receives in one currency by one method in one run; never zero or negative. */
export const payoutItems = sqliteTable(
  'payout_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => payoutRuns.id),
    affiliateId: integer('affiliate_id')
      .notNull()
      .references(() => affiliates.id),
    currency: text('currency').notNull(),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    lineCount: integer('line_count').notNull(),
    status: text('status', { enum: PAYOUT_ITEM_STATUSES }).notNull(),
    /** The provider's transaction id, from its report or entered by hand. */
    providerRef: text('provider_ref'),
    reason: text('reason'),
    /** Where the money went, as it was at commit time (JSON: email, bank details, name). */
    recipient: text('recipient').notNull().default('{}'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // Pages of a run's items in id order (files); the unique index below cannot give id order.
    index('payout_items_run').on(t.runId),
    // One item per affiliate and currency in a run: how a line's lock (which names its run) finds
    // its item.
    uniqueIndex('payout_items_run_affiliate_currency').on(t.runId, t.affiliateId, t.currency),
    index('payout_items_affiliate').on(t.affiliateId),
    check('payout_items_amount_chk', sql`${t.amountMinor} > 0`),
    check('payout_items_status_chk', oneOf(t.status, PAYOUT_ITEM_STATUSES)),
    check('payout_items_method_chk', oneOf(t.method, PAYMENT_METHODS)),
  ],
)

/**
 * The live lock: a commission line held by a payout run (in flight or paid) has one row here, and
 * that row is what makes the line paid (its own status stays 'approved'). The primary key is the
 * guarantee that a line is in at most one live item, whatever process writes. Why a table and not
 * a column on commissions: marking 2,000,000 lines paid in place rewrote every wide ledger row and
 * its index entry (about 9x a GROUP BY over them); appending narrow rows here costs about one pass.
 * The row names the run, not the item: the line's item is the run's item for the line's affiliate
 * and currency (unique in payout_items), so a commit writes one constant per line instead of
 * looking up each line's item. Released lines leave this table for payout_item_lines.
 */
export const payoutLocks = sqliteTable('payout_locks', {
  // No foreign keys, on purpose: checking both parents per row doubled the commit (4.5 s against
  // 2.1 s for 2,000,000 lines). Rows are only written by INSERT ... SELECT from commissions in the
  // transaction that writes their run and its items, and neither parent table ever deletes a row;
  // the ledger's model test checks every lock's line and item after each step.
  commissionId: integer('commission_id').primaryKey(),
  payoutRunId: integer('payout_run_id').notNull(),
})

/**
 * What each affiliate can be paid per currency right now: the sum and count of its approved lines
 * that no payout run holds, whatever their date. Kept by the database itself in the transaction of
 * every change: triggers on commissions (drizzle/0016_payable_balances.sql) follow each line into
 * and out of 'approved', and the payout store takes a run's groups off at commit and gives an item's
 * lines back at release (per line, a trigger on payout_locks would double a commit). A payout preview
 * then reads one row per group instead of grouping 2,000,000 lines; the ledger's model test checks
 * after every step that it equals the ledger grouped, and each commit checks it against the lines it
 * locks. Rows stay when they reach zero. WITHOUT ROWID in the migration (drizzle-kit cannot say it):
 * one B-tree per balance made each approval's update about 3 us cheaper than a table and its key.
 */
export const payableBalances = sqliteTable(
  'payable_balances',
  {
    affiliateId: integer('affiliate_id').notNull(),
    currency: text('currency').notNull(),
    netMinor: integer('net_minor').notNull(),
    lines: integer('lines').notNull(),
  },
  (t) => [primaryKey({ columns: [t.affiliateId, t.currency] })],
)

/**
 * Lines an item paid and then gave back (cancel, failed, unclaimed, returned), stamped released_at:
 * history for statements. The live lock is payout_locks.
 */
export const payoutItemLines = sqliteTable(
  'payout_item_lines',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => payoutItems.id),
    commissionId: integer('commission_id')
      .notNull()
      .references(() => commissions.id),
    amountMinor: integer('amount_minor').notNull(),
    releasedAt: integer('released_at'),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.commissionId] })],
)

/**
 * API credentials per payout provider, sealed as one JSON value (secret-box): the database never
 * holds them in plain text and the contract never returns them.
 */
export const payoutProviderAccounts = sqliteTable(
  'payout_provider_accounts',
  {
    provider: text('provider', { enum: PAYOUT_PROVIDERS }).primaryKey(),
    credentials: text('credentials'),
    sandbox: integer('sandbox', { mode: 'boolean' }).notNull().default(true),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [check('payout_provider_accounts_provider_chk', oneOf(t.provider, PAYOUT_PROVIDERS))],
)

/**
 * What was sent to a provider's API under which idempotency key (PayPal: one row per batch,
 * key = sender_batch_id; Wise: one row per item, key = customerTransactionId), and the provider's id
 * for it once known, so a retry reuses the key and a refresh knows what to poll.
 */
export const payoutSends = sqliteTable(
  'payout_sends',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => payoutRuns.id),
    /** Wise sends one transfer per item; a PayPal batch covers several (null here). */
    itemId: integer('item_id').references(() => payoutItems.id),
    provider: text('provider', { enum: PAYOUT_PROVIDERS }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** PayPal payout_batch_id or Wise transfer id. */
    remoteId: text('remote_id'),
    /** requested → created → sent (funded) ; the provider's last status word is in remote_status. */
    stage: text('stage').notNull(),
    remoteStatus: text('remote_status'),
    itemIds: text('item_ids').notNull().default('[]'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('payout_sends_key').on(t.provider, t.idempotencyKey),
    index('payout_sends_run').on(t.runId),
    check('payout_sends_provider_chk', oneOf(t.provider, PAYOUT_PROVIDERS)),
  ],
)

// The one contract between the renderer and the main process. Each method has a zod schema for
// its input and output. The main process validates both at the boundary (IPC and HTTP alike), and
// the preload exposes exactly these method names, nothing else.
import { z } from 'zod'
import { CURRENCY_RE } from './money'
import { planSchema } from './plan'

const id = z.number().int().positive()
const currency = z.string().regex(CURRENCY_RE, 'Use a 3-letter ISO currency code such as USD')
const email = z.string().trim().toLowerCase().email('Enter a valid email address').max(254)
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url('Enter a full URL starting with https:// or http://')
  .refine((u) => /^https?:\/\//i.test(u), 'Only http and https URLs are allowed')
const code = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _ only')
const timestamp = z.number().int()

const pageInput = {
  page: z.number().int().min(0).default(0),
  pageSize: z.number().int().min(1).max(500).default(50),
}
const sortDir = z.enum(['asc', 'desc']).default('asc')

// ---------- entities as the renderer sees them ----------

export const AFFILIATE_STATUSES = ['pending', 'approved', 'suspended', 'rejected'] as const
export const affiliateSchema = z.object({
  id,
  parentId: id.nullable(),
  parentCode: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  email: z.string(),
  status: z.enum(AFFILIATE_STATUSES),
  tier: z.enum(['standard', 'vip', 'elite']),
  overrideRateBps: z.number().int().nullable(),
  paymentMethod: z.enum(['paypal', 'wise', 'bank']),
  paymentEmail: z.string().nullable(),
  payoutCurrency: z.string(),
  createdAt: timestamp,
  approvedAt: timestamp.nullable(),
  downlineCount: z.number().int(),
})
export type Affiliate = z.infer<typeof affiliateSchema>

const affiliateFields = {
  name: z.string().trim().min(1, 'Name is required').max(200),
  email,
  tier: z.enum(['standard', 'vip', 'elite']).default('standard'),
  overrideRateBps: z.number().int().min(0).max(100_000).nullable().default(null),
  paymentMethod: z.enum(['paypal', 'wise', 'bank']).default('paypal'),
  paymentEmail: email.nullable().default(null),
  payoutCurrency: currency.default('USD'),
}

export const CAMPAIGN_STATUSES = ['active', 'paused', 'ended'] as const
export const campaignSchema = z.object({
  id,
  advertiserId: id,
  advertiserName: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  destinationUrl: z.string(),
  fallbackUrl: z.string().nullable(),
  clickIdParam: z.string(),
  cookieDays: z.number().int(),
  currency: z.string(),
  holdDays: z.number().int().nullable(),
  plan: planSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
})
export type Campaign = z.infer<typeof campaignSchema>

const campaignFields = {
  advertiserId: id,
  name: z.string().trim().min(1, 'Name is required').max(200),
  description: z.string().max(5000).default(''),
  status: z.enum(CAMPAIGN_STATUSES).default('active'),
  destinationUrl: httpUrl,
  fallbackUrl: httpUrl.nullable().default(null),
  clickIdParam: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,32}$/, 'Use letters, digits and _ only')
    .default('clickid'),
  cookieDays: z.number().int().min(0).max(3650).default(30),
  currency: currency.default('USD'),
  holdDays: z.number().int().min(0).max(365).nullable().default(30),
  plan: planSchema,
}

export const advertiserSchema = z.object({
  id,
  name: z.string(),
  signingMode: z.enum(['params', 'simple', 'token']),
  allowedIps: z.array(z.string()),
  allowedOrigins: z.array(z.string()),
  createdAt: timestamp,
})
export type Advertiser = z.infer<typeof advertiserSchema>

export const linkSchema = z.object({
  id,
  affiliateId: id,
  affiliateCode: z.string(),
  campaignId: id,
  campaignName: z.string(),
  code: z.string(),
  landingUrl: z.string().nullable(),
  active: z.boolean(),
  /** The public tracking URL, built from Settings → public base URL. */
  trackingUrl: z.string(),
  clicks: z.number().int(),
  conversions: z.number().int(),
  createdAt: timestamp,
})
export type Link = z.infer<typeof linkSchema>

export const postbackSetupSchema = z.object({
  advertiserId: id,
  signingMode: z.enum(['params', 'simple', 'token']),
  /** The URL template with macros, e.g. {clickid}, to paste into the advertiser's tracker. */
  postbackUrl: z.string(),
  secret: z.string(),
  token: z.string(),
  /** Plain-language steps for signing in this mode. */
  recipe: z.array(z.string()),
  snippets: z.array(z.object({ language: z.string(), code: z.string() })),
})
export type PostbackSetup = z.infer<typeof postbackSetupSchema>

export const statsOverviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(
    z.object({
      day: z.string(),
      clicks: z.number().int(),
      flaggedClicks: z.number().int(),
      conversions: z.number().int(),
    }),
  ),
  /** Money never mixes currencies: one total per currency. */
  money: z.array(
    z.object({ currency: z.string(), revenueMinor: z.number().int(), commissionMinor: z.number().int() }),
  ),
  topAffiliates: z.array(
    z.object({
      affiliateId: id,
      code: z.string(),
      name: z.string(),
      currency: z.string(),
      clicks: z.number().int(),
      conversions: z.number().int(),
      commissionMinor: z.number().int(),
    }),
  ),
  topCampaigns: z.array(
    z.object({
      campaignId: id,
      name: z.string(),
      currency: z.string(),
      clicks: z.number().int(),
      conversions: z.number().int(),
      revenueMinor: z.number().int(),
      commissionMinor: z.number().int(),
    }),
  ),
  reviewQueue: z.number().int(),
})
export type StatsOverview = z.infer<typeof statsOverviewSchema>

export const settingsSchema = z.object({
  listenerPort: z.number().int().min(1).max(65535),
  listenerHost: z.string(),
  publicBaseUrl: z.string(),
  trustedProxies: z.array(z.string()),
  durability: z.enum(['normal', 'full']),
  defaultCurrency: z.string(),
  /** Per client IP. Clicks over it are still recorded and redirected, but flagged. */
  clicksPerMinutePerIp: z.number().int().min(1).max(10_000_000),
  /** Per sending IP. Postbacks over it get 429 (senders retry). */
  postbacksPerMinutePerIp: z.number().int().min(1).max(10_000_000),
  /** A MaxMind-format country database (.mmdb) to use instead of the bundled IP2Location LITE data. */
  geoipFile: z.string().nullable(),
})
export type Settings = z.infer<typeof settingsSchema>

export const auditEntrySchema = z.object({
  id,
  at: timestamp,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

/**
 * A field of an edit: optional, and WITHOUT the create-time default. (A default inside an update
 * schema would silently reset every field the caller did not send.)
 */
function editable<T extends z.ZodTypeAny>(field: T) {
  const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodTypeAny) : field
  return inner.optional() as z.ZodOptional<T extends z.ZodDefault<infer U> ? U : T>
}

const listOf = <T extends z.ZodTypeAny>(row: T) => z.object({ rows: z.array(row), total: z.number().int() })

// ---------- hierarchy, conversions and the commission ledger ----------

export const hierarchyNodeSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  status: z.enum(AFFILIATE_STATUSES),
  parentId: id.nullable(),
  /** Distance from the affiliate asked about: 1 = parent (upline) or direct recruit (downline). */
  depth: z.number().int().min(1),
})
export type HierarchyNode = z.infer<typeof hierarchyNodeSchema>

/** Amounts in several currencies are never added together: one entry per currency. */
const moneyByCurrency = z.array(z.object({ currency: z.string(), amountMinor: z.number().int() }))

export const levelStatsSchema = z.object({
  /** Net of reversals and clawbacks: what the affiliate's own conversions earned them (plan level 1). */
  own: moneyByCurrency,
  /**
   * Level n: the affiliates n steps down, and the net the affiliate earned at plan level n + 1 (the
   * upline share of sales n steps down; with `compress`, a level can come from further down).
   */
  levels: z.array(
    z.object({ level: z.number().int().min(1), affiliates: z.number().int(), earnings: moneyByCurrency }),
  ),
})

export const CONVERSION_STATUSES = ['pending', 'approved', 'rejected', 'refunded', 'paid'] as const
export const EVENT_TYPES = ['lead', 'trial', 'sale', 'recurring'] as const
export const LEDGER_KINDS = ['earning', 'reversal', 'clawback'] as const
export const LEDGER_STATUSES = ['pending', 'approved', 'paid', 'reversed'] as const

export const conversionSchema = z.object({
  id,
  clickId: z.string().nullable(),
  affiliateId: id,
  affiliateCode: z.string(),
  campaignId: id,
  campaignName: z.string(),
  advertiserId: id,
  eventType: z.enum(EVENT_TYPES),
  orderId: z.string(),
  customerKey: z.string().nullable(),
  amountMinor: z.number().int(),
  currency: z.string(),
  advertiserPayoutMinor: z.number().int().nullable(),
  status: z.enum(CONVERSION_STATUSES),
  trust: z.enum(['signed', 'token', 'client', 'manual']),
  riskScore: z.number().int(),
  /** Fraud reasons; non-empty = waits in the review queue, never auto-approved. */
  flags: z.array(z.string()),
  ip: z.string().nullable(),
  createdAt: timestamp,
  statusChangedAt: timestamp,
  holdUntil: timestamp.nullable(),
  reason: z.string().nullable(),
  /** Net of every ledger row of this conversion (0 once rejected or refunded). */
  commissionMinor: z.number().int(),
})
export type Conversion = z.infer<typeof conversionSchema>

/** One commissions row, with everything the UI needs to answer "why this amount". */
export const ledgerLineSchema = z.object({
  id,
  conversionId: id,
  affiliateId: id,
  affiliateCode: z.string(),
  kind: z.enum(LEDGER_KINDS),
  status: z.enum(LEDGER_STATUSES),
  amountMinor: z.number().int(),
  currency: z.string(),
  level: z.number().int(),
  planType: z.string(),
  rule: z.string(),
  baseMinor: z.number().int(),
  rateBps: z.number().int().nullable(),
  reversesId: id.nullable(),
  createdAt: timestamp,
  approvedAt: timestamp.nullable(),
})
export type LedgerLine = z.infer<typeof ledgerLineSchema>

export const conversionDetailSchema = z.object({
  conversion: conversionSchema,
  lines: z.array(ledgerLineSchema),
})

export const balanceSchema = z.object({
  affiliateId: id,
  affiliateCode: z.string(),
  affiliateName: z.string(),
  currency: z.string(),
  pendingMinor: z.number().int(),
  /** Approved and not yet paid, clawbacks of paid lines netted in (can be negative). */
  approvedUnpaidMinor: z.number().int(),
  paidMinor: z.number().int(),
})
export type Balance = z.infer<typeof balanceSchema>

const simAmounts = {
  currentMinor: z.number().int(),
  proposedMinor: z.number().int(),
  deltaMinor: z.number().int(),
}
export const simulationSchema = z.object({
  campaignId: id,
  /** Null when no conversion in the window paid anything. */
  currency: z.string().nullable(),
  from: timestamp,
  to: timestamp,
  totals: z.object({ ...simAmounts, conversions: z.number().int(), skipped: z.number().int() }),
  /** How many affiliates earn under either plan; `rows` holds the biggest changes first. */
  affiliateCount: z.number().int(),
  rows: z.array(z.object({ affiliateId: id, affiliateCode: z.string(), ...simAmounts })),
  /** What the figures assume, to show beside them. */
  assumptions: z.array(z.string()),
})

// ---------- the methods ----------

function method<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O) {
  return { input, output }
}

export const contract = {
  'app.info': method(
    z.object({}).strict(),
    z.object({
      version: z.string(),
      dataDir: z.string(),
      dbFile: z.string(),
      shell: z.enum(['electron', 'headless']),
      listenerUrl: z.string().nullable(),
      publicBaseUrl: z.string(),
    }),
  ),

  'affiliates.list': method(
    z
      .object({
        ...pageInput,
        sort: z
          .object({
            field: z.enum(['id', 'code', 'name', 'email', 'status', 'tier', 'createdAt']),
            dir: sortDir,
          })
          .default({ field: 'id', dir: 'desc' }),
        status: z.enum(AFFILIATE_STATUSES).optional(),
        tier: z.enum(['standard', 'vip', 'elite']).optional(),
        search: z.string().trim().max(200).optional(),
      })
      .strict(),
    listOf(affiliateSchema),
  ),
  'affiliates.get': method(z.object({ id }).strict(), affiliateSchema),
  'affiliates.create': method(
    z.object({ ...affiliateFields, code: code.optional(), parentId: id.nullable().default(null) }).strict(),
    affiliateSchema,
  ),
  'affiliates.update': method(
    z
      .object({
        id,
        name: editable(affiliateFields.name),
        email: email.optional(),
        tier: editable(affiliateFields.tier),
        overrideRateBps: editable(affiliateFields.overrideRateBps),
        paymentMethod: editable(affiliateFields.paymentMethod),
        paymentEmail: editable(affiliateFields.paymentEmail),
        payoutCurrency: currency.optional(),
      })
      .strict(),
    affiliateSchema,
  ),
  'affiliates.setStatus': method(
    z.object({ id, status: z.enum(AFFILIATE_STATUSES) }).strict(),
    affiliateSchema,
  ),

  'advertisers.list': method(z.object({}).strict(), z.array(advertiserSchema)),
  'advertisers.create': method(
    z
      .object({
        name: z.string().trim().min(1, 'Name is required').max(200),
        signingMode: z.enum(['params', 'simple', 'token']).default('params'),
        allowedIps: z.array(z.string().trim().max(64)).max(100).default([]),
        allowedOrigins: z.array(httpUrl).max(50).default([]),
      })
      .strict(),
    advertiserSchema,
  ),

  'advertisers.update': method(
    z
      .object({
        id,
        name: z.string().trim().min(1, 'Name is required').max(200).optional(),
        signingMode: z.enum(['params', 'simple', 'token']).optional(),
        allowedIps: z.array(z.string().trim().max(64)).max(100).optional(),
        allowedOrigins: z.array(httpUrl).max(50).optional(),
      })
      .strict(),
    advertiserSchema,
  ),
  /** New postback secret and token; the old ones stop working at once. */
  'advertisers.rotateSecret': method(z.object({ id }).strict(), advertiserSchema),
  /** What to give the advertiser: the postback URL template, the secret and how to sign. */
  'advertisers.postbackSetup': method(z.object({ id }).strict(), postbackSetupSchema),
  /** Sends a real click and a signed test postback through the public listener, end to end. */
  'advertisers.sendTestPostback': method(
    z.object({ id }).strict(),
    z.object({
      ok: z.boolean(),
      steps: z.array(z.object({ step: z.string(), ok: z.boolean(), detail: z.string() })),
    }),
  ),

  'campaigns.list': method(
    z
      .object({
        ...pageInput,
        sort: z
          .object({ field: z.enum(['id', 'name', 'status', 'createdAt']), dir: sortDir })
          .default({ field: 'id', dir: 'desc' }),
        status: z.enum(CAMPAIGN_STATUSES).optional(),
        search: z.string().trim().max(200).optional(),
      })
      .strict(),
    listOf(campaignSchema),
  ),
  'campaigns.get': method(z.object({ id }).strict(), campaignSchema),
  'campaigns.create': method(z.object(campaignFields).strict(), campaignSchema),
  'campaigns.update': method(
    z
      .object({
        id,
        name: editable(campaignFields.name),
        description: editable(campaignFields.description),
        status: editable(campaignFields.status),
        destinationUrl: editable(campaignFields.destinationUrl),
        fallbackUrl: editable(campaignFields.fallbackUrl),
        clickIdParam: editable(campaignFields.clickIdParam),
        cookieDays: editable(campaignFields.cookieDays),
        holdDays: editable(campaignFields.holdDays),
        plan: planSchema.optional(),
      })
      .strict(),
    campaignSchema,
  ),

  'links.list': method(
    z
      .object({
        ...pageInput,
        campaignId: id.optional(),
        affiliateId: id.optional(),
        search: z.string().trim().max(200).optional(),
      })
      .strict(),
    listOf(linkSchema),
  ),
  'links.create': method(
    z
      .object({
        affiliateId: id,
        campaignId: id,
        code: code.optional(),
        /** Optional landing page overriding the campaign's destination; still an owner-set URL. */
        landingUrl: httpUrl.nullable().default(null),
      })
      .strict(),
    linkSchema,
  ),
  'links.setActive': method(z.object({ id, active: z.boolean() }).strict(), linkSchema),

  /** Dashboard figures, read from the daily rollups only (never from raw clicks). */
  'stats.overview': method(
    z.object({ days: z.number().int().min(1).max(366).default(30) }).strict(),
    statsOverviewSchema,
  ),

  'settings.get': method(z.object({}).strict(), settingsSchema),
  'settings.update': method(
    z
      .object({
        listenerPort: settingsSchema.shape.listenerPort.optional(),
        publicBaseUrl: httpUrl.optional(),
        trustedProxies: z.array(z.string().trim().max(64)).max(50).optional(),
        durability: settingsSchema.shape.durability.optional(),
        defaultCurrency: currency.optional(),
        clicksPerMinutePerIp: settingsSchema.shape.clicksPerMinutePerIp.optional(),
        postbacksPerMinutePerIp: settingsSchema.shape.postbacksPerMinutePerIp.optional(),
        geoipFile: z.string().trim().max(1000).nullable().optional(),
      })
      .strict(),
    settingsSchema,
  ),

  'audit.list': method(
    z.object({ ...pageInput, entity: z.string().max(64).optional() }).strict(),
    listOf(auditEntrySchema),
  ),

  'affiliates.move': method(z.object({ id, parentId: id.nullable() }).strict(), affiliateSchema),
  'affiliates.upline': method(z.object({ id }).strict(), z.array(hierarchyNodeSchema)),
  'affiliates.downline': method(
    z.object({ id, maxDepth: z.number().int().min(1).max(1000).optional(), ...pageInput }).strict(),
    listOf(hierarchyNodeSchema),
  ),
  'affiliates.levelStats': method(z.object({ id }).strict(), levelStatsSchema),

  'conversions.list': method(
    z
      .object({
        ...pageInput,
        sort: z
          .object({ field: z.enum(['id', 'createdAt', 'amountMinor', 'status', 'riskScore']), dir: sortDir })
          .default({ field: 'createdAt', dir: 'desc' }),
        status: z.enum(CONVERSION_STATUSES).optional(),
        campaignId: id.optional(),
        affiliateId: id.optional(),
        flaggedOnly: z.boolean().default(false),
        /** createdAt range, inclusive from, exclusive to. */
        from: timestamp.optional(),
        to: timestamp.optional(),
      })
      .strict(),
    listOf(conversionSchema),
  ),
  'conversions.get': method(z.object({ id }).strict(), conversionDetailSchema),
  'conversions.setStatus': method(
    z
      .object({
        id,
        status: z.enum(['approved', 'rejected', 'refunded']),
        reason: z.string().trim().max(500).optional(),
      })
      .strict(),
    conversionDetailSchema,
  ),

  'commissions.list': method(
    z
      .object({
        ...pageInput,
        affiliateId: id.optional(),
        conversionId: id.optional(),
        status: z.enum(LEDGER_STATUSES).optional(),
        kind: z.enum(LEDGER_KINDS).optional(),
      })
      .strict(),
    listOf(ledgerLineSchema),
  ),
  /** A page holds `pageSize` affiliates, one row per currency each; `total` counts affiliates. */
  'commissions.balances': method(
    z.object({ ...pageInput, affiliateId: id.optional(), currency: currency.optional() }).strict(),
    listOf(balanceSchema),
  ),
  'commissions.simulate': method(
    z
      .object({
        campaignId: id,
        proposedPlan: planSchema,
        days: z.number().int().min(1).max(3660),
        /** Per-affiliate rows to return, biggest change first. */
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict(),
    simulationSchema,
  ),
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>

/** What the main process implements: one async function per method, on already-validated input. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> }

/** What the renderer calls: the same methods, on raw input. */
export type Api = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> }

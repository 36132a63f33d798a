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

export const settingsSchema = z.object({
  listenerPort: z.number().int().min(1).max(65535),
  listenerHost: z.string(),
  publicBaseUrl: z.string(),
  trustedProxies: z.array(z.string()),
  durability: z.enum(['normal', 'full']),
  defaultCurrency: z.string(),
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

const listOf = <T extends z.ZodTypeAny>(row: T) => z.object({ rows: z.array(row), total: z.number().int() })

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
        name: affiliateFields.name.optional(),
        email: email.optional(),
        tier: affiliateFields.tier.optional(),
        overrideRateBps: affiliateFields.overrideRateBps.optional(),
        paymentMethod: affiliateFields.paymentMethod.optional(),
        paymentEmail: affiliateFields.paymentEmail.optional(),
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
        name: campaignFields.name.optional(),
        description: campaignFields.description.optional(),
        status: campaignFields.status.optional(),
        destinationUrl: campaignFields.destinationUrl.optional(),
        fallbackUrl: campaignFields.fallbackUrl.optional(),
        clickIdParam: campaignFields.clickIdParam.optional(),
        cookieDays: campaignFields.cookieDays.optional(),
        holdDays: campaignFields.holdDays.optional(),
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

  'settings.get': method(z.object({}).strict(), settingsSchema),
  'settings.update': method(
    z
      .object({
        listenerPort: settingsSchema.shape.listenerPort.optional(),
        publicBaseUrl: httpUrl.optional(),
        trustedProxies: z.array(z.string().trim().max(64)).max(50).optional(),
        durability: settingsSchema.shape.durability.optional(),
        defaultCurrency: currency.optional(),
      })
      .strict(),
    settingsSchema,
  ),

  'audit.list': method(
    z.object({ ...pageInput, entity: z.string().max(64).optional() }).strict(),
    listOf(auditEntrySchema),
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

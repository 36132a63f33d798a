import { z } from 'zod'
import { CAMPAIGN_STATUSES, DEFAULT_MAX_REPORT_AMOUNT_MINOR, MAX_REPORT_AMOUNT_MINOR } from '../domain'
import { planSchema } from '../plan'
import { currency, editable, httpUrl, id, listOf, method, pageInput, sortDir, timestamp } from './common'

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
  /** The most a browser report may claim for one conversion; null = no limit. */
  maxClientAmountMinor: z.number().int().nullable(),
  /** The most any report (postback or browser) may claim for one conversion; over it is a 400. */
  maxPostbackAmountMinor: z.number().int(),
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
  maxClientAmountMinor: z.number().int().min(0).max(1_000_000_000_00).nullable().default(null),
  maxPostbackAmountMinor: z
    .number()
    .int()
    .min(1)
    .max(MAX_REPORT_AMOUNT_MINOR)
    .default(DEFAULT_MAX_REPORT_AMOUNT_MINOR),
  currency: currency.default('USD'),
  holdDays: z.number().int().min(0).max(365).nullable().default(30),
  plan: planSchema,
}

export const campaignMethods = {
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
        maxClientAmountMinor: editable(campaignFields.maxClientAmountMinor),
        maxPostbackAmountMinor: editable(campaignFields.maxPostbackAmountMinor),
        holdDays: editable(campaignFields.holdDays),
        plan: planSchema.optional(),
      })
      .strict(),
    campaignSchema,
  ),
} as const

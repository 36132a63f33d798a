import { z } from 'zod'
import { bankDetailsSchema } from '../payment-details'
import { AFFILIATE_STATUSES, AFFILIATE_TIERS, PAYMENT_METHODS } from '../domain'
import { code, currency, editable, email, id, listOf, method, pageInput, sortDir, timestamp } from './common'

export const affiliateSchema = z.object({
  id,
  parentId: id.nullable(),
  parentCode: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  email: z.string(),
  status: z.enum(AFFILIATE_STATUSES),
  tier: z.enum(AFFILIATE_TIERS),
  overrideRateBps: z.number().int().nullable(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  paymentEmail: z.string().nullable(),
  payoutCurrency: z.string(),
  /** Bank account for Wise or bank transfers (shape checked on write; the run checks it fits the currency). */
  bankDetails: bankDetailsSchema.nullable(),
  /** This affiliate's minimum payout in minor units; null = the program's (Settings). */
  minPayoutMinor: z.number().int().nullable(),
  createdAt: timestamp,
  approvedAt: timestamp.nullable(),
  downlineCount: z.number().int(),
})
export type Affiliate = z.infer<typeof affiliateSchema>

const affiliateFields = {
  name: z.string().trim().min(1, 'Name is required').max(200),
  email,
  tier: z.enum(AFFILIATE_TIERS).default('standard'),
  overrideRateBps: z.number().int().min(0).max(100_000).nullable().default(null),
  paymentMethod: z.enum(PAYMENT_METHODS).default('paypal'),
  paymentEmail: email.nullable().default(null),
  payoutCurrency: currency.default('USD'),
  bankDetails: bankDetailsSchema.nullable().default(null),
  minPayoutMinor: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
}

export const affiliateMethods = {
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
        tier: z.enum(AFFILIATE_TIERS).optional(),
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
        bankDetails: editable(affiliateFields.bankDetails),
        minPayoutMinor: editable(affiliateFields.minPayoutMinor),
      })
      .strict(),
    affiliateSchema,
  ),
  'affiliates.setStatus': method(
    z.object({ id, status: z.enum(AFFILIATE_STATUSES) }).strict(),
    affiliateSchema,
  ),
} as const

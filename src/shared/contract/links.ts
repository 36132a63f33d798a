import { z } from 'zod'
import { code, httpUrl, id, listOf, method, pageInput, timestamp } from './common'

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

export const linkMethods = {
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
} as const

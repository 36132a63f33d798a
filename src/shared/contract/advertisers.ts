import { z } from 'zod'
import { SIGNING_MODES } from '../domain'
import { httpUrl, id, method, timestamp } from './common'

export const advertiserSchema = z.object({
  id,
  name: z.string(),
  signingMode: z.enum(SIGNING_MODES),
  allowedIps: z.array(z.string()),
  allowedOrigins: z.array(z.string()),
  createdAt: timestamp,
  /**
   * False after restoring on another machine without the key file: postbacks are refused until the
   * secret is re-entered (advertisers.replaceSecret) or the key file is put back.
   */
  secretReadable: z.boolean(),
})
export type Advertiser = z.infer<typeof advertiserSchema>

export const postbackSetupSchema = z.object({
  advertiserId: id,
  signingMode: z.enum(SIGNING_MODES),
  /** The URL template with macros, e.g. {clickid}, to paste into the advertiser's tracker. */
  postbackUrl: z.string(),
  secret: z.string(),
  token: z.string(),
  /** Plain-language steps for signing in this mode. */
  recipe: z.array(z.string()),
  snippets: z.array(z.object({ language: z.string(), code: z.string() })),
})
export type PostbackSetup = z.infer<typeof postbackSetupSchema>

export const advertiserMethods = {
  'advertisers.list': method(z.object({}).strict(), z.array(advertiserSchema)),
  'advertisers.create': method(
    z
      .object({
        name: z.string().trim().min(1, 'Name is required').max(200),
        signingMode: z.enum(SIGNING_MODES).default('params'),
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
        signingMode: z.enum(SIGNING_MODES).optional(),
        allowedIps: z.array(z.string().trim().max(64)).max(100).optional(),
        allowedOrigins: z.array(httpUrl).max(50).optional(),
      })
      .strict(),
    advertiserSchema,
  ),
  /** New postback secret and token; the old ones stop working at once. */
  'advertisers.rotateSecret': method(z.object({ id }).strict(), advertiserSchema),
  /**
   * Re-enters the secret and token the advertiser already uses, after a restore on a machine
   * without the key file: their tracker keeps working unchanged.
   */
  'advertisers.replaceSecret': method(
    z
      .object({
        id,
        secret: z.string().trim().min(16, 'The secret is at least 16 characters').max(256),
        token: z.string().trim().min(16, 'The token is at least 16 characters').max(256),
      })
      .strict(),
    advertiserSchema,
  ),
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
} as const

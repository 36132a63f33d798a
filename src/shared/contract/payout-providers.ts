// Payout providers' API access: credentials go in (sealed at rest) and never come back out; sending a
// run through an API and reading back its outcomes.
import { z } from 'zod'
import { PAYOUT_PROVIDERS } from '../domain'
import { id, method, timestamp } from './common'

export const payoutProviderStatusSchema = z.object({
  provider: z.enum(PAYOUT_PROVIDERS),
  /** Credentials are stored (they are never returned). */
  configured: z.boolean(),
  /** False when they were sealed with a key this machine lacks (a restore elsewhere): enter them again. */
  readable: z.boolean(),
  sandbox: z.boolean(),
  /** The API host the next send goes to. */
  baseUrl: z.string(),
  updatedAt: timestamp.nullable(),
})
export type PayoutProviderStatus = z.infer<typeof payoutProviderStatusSchema>

const secret = z.string().trim().min(1, 'Required').max(500)

export const paypalCredentialsSchema = z.object({ clientId: secret, clientSecret: secret }).strict()
export const wiseCredentialsSchema = z
  .object({ apiToken: secret, profileId: z.number().int().positive('The Wise profile id is a number') })
  .strict()

const sendSummarySchema = z.object({
  provider: z.enum(PAYOUT_PROVIDERS),
  sent: z.number().int(),
  alreadySent: z.number().int(),
  skipped: z.array(z.object({ itemId: id, message: z.string() })),
  problems: z.array(z.object({ itemId: id.nullable(), message: z.string() })),
})

export const payoutProviderMethods = {
  'payouts.providers.get': method(
    z.object({}).strict(),
    z.object({ providers: z.array(payoutProviderStatusSchema) }),
  ),
  'payouts.providers.update': method(
    z.discriminatedUnion('provider', [
      z
        .object({
          provider: z.literal('paypal'),
          sandbox: z.boolean().optional(),
          credentials: paypalCredentialsSchema.optional(),
          clear: z.literal(true).optional(),
        })
        .strict(),
      z
        .object({
          provider: z.literal('wise'),
          sandbox: z.boolean().optional(),
          credentials: wiseCredentialsSchema.optional(),
          clear: z.literal(true).optional(),
        })
        .strict(),
    ]),
    payoutProviderStatusSchema,
  ),
  'payouts.send': method(
    z.object({ runId: id, provider: z.enum(PAYOUT_PROVIDERS) }).strict(),
    sendSummarySchema,
  ),
  'payouts.refresh': method(
    z.object({ runId: id }).strict(),
    z.object({
      applied: z.number().int(),
      unchanged: z.number().int(),
      problems: z.array(z.object({ itemId: id.nullable(), message: z.string() })),
    }),
  ),
} as const

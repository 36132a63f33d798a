import { z } from 'zod'
import { DURABILITIES } from '../domain'
import { currency, httpUrl, method } from './common'

export const settingsSchema = z.object({
  listenerPort: z.number().int().min(1).max(65535),
  listenerHost: z.string(),
  publicBaseUrl: z.string(),
  trustedProxies: z.array(z.string()),
  durability: z.enum(DURABILITIES),
  defaultCurrency: z.string(),
  /** Per client IP. Clicks over it are still recorded and redirected, but flagged. */
  clicksPerMinutePerIp: z.number().int().min(1).max(10_000_000),
  /** Per sending IP. Postbacks over it get 429 (senders retry). */
  postbacksPerMinutePerIp: z.number().int().min(1).max(10_000_000),
  /** A MaxMind-format country database (.mmdb) to use instead of the bundled IP2Location LITE data. */
  geoipFile: z.string().nullable(),
})
export type Settings = z.infer<typeof settingsSchema>

export const settingsMethods = {
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
} as const

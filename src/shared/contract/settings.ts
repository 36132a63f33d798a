import { z } from 'zod'
import { DECIMAL_STYLES, DURABILITIES } from '../domain'
import { currency, httpUrl, method } from './common'

/** Whether the runtime knows this IANA time zone (the renderer and the main process both ask Intl). */
function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

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
  /** The program's calendar: month boundaries of tiers and recurring periods (IANA name). */
  timeZone: z
    .string()
    .refine(isTimeZone, 'Not a time zone this computer knows (use an IANA name like Europe/Berlin)'),
  /** Payable net below this (minor units, any currency) rolls over to the next run; an affiliate may override it. */
  minPayoutMinor: z.number().int().min(0).max(1_000_000_000),
  /** How PayPal's upload file writes amounts: 5.45 (dot) or "5,45" (comma), as the sending account expects. */
  paypalDecimalStyle: z.enum(DECIMAL_STYLES),
  /** Yearly totals at or over this (minor units) are flagged, e.g. the US 1099 limit of $600. */
  taxThresholdMinor: z.number().int().min(0).max(1_000_000_000_000),
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
        timeZone: settingsSchema.shape.timeZone.optional(),
        minPayoutMinor: settingsSchema.shape.minPayoutMinor.optional(),
        paypalDecimalStyle: settingsSchema.shape.paypalDecimalStyle.optional(),
        taxThresholdMinor: settingsSchema.shape.taxThresholdMinor.optional(),
      })
      .strict(),
    settingsSchema,
  ),
} as const

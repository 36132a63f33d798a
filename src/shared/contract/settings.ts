import { z } from 'zod'
import { DECIMAL_STYLES, DURABILITIES, TUNNEL_KINDS } from '../domain'
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

/** POSIX (/...) or Windows (C:\\... or \\\\server\\share) absolute paths; the renderer has no node:path. */
function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')
}

/** ISO 4217 lists under 200 active codes: a longer map is a mistake, not a program. */
export const MAX_MIN_PAYOUT_CURRENCIES = 200
const minPayoutAmount = z.number().int().min(0).max(1_000_000_000)

export const settingsSchema = z.object({
  listenerPort: z.number().int().min(1).max(65535),
  listenerHost: z.string(),
  publicBaseUrl: z.string(),
  trustedProxies: z.array(z.string()),
  /** What the trusted proxies are, so only the forwarding header that tunnel writes is believed. */
  tunnelKind: z.enum(TUNNEL_KINDS),
  durability: z.enum(DURABILITIES),
  defaultCurrency: z.string(),
  /** Per client IP. Clicks over it are still recorded and redirected, but flagged; past four times it they are only counted. */
  clicksPerMinutePerIp: z.number().int().min(1).max(10_000_000),
  /** Per sending IP. Postbacks over it get 429 (senders retry). */
  postbacksPerMinutePerIp: z.number().int().min(1).max(10_000_000),
  /** A MaxMind-format country database (.mmdb) to use instead of the bundled IP2Location LITE data. */
  geoipFile: z.string().nullable(),
  /** The program's calendar: month boundaries of tiers and recurring periods (IANA name). */
  timeZone: z
    .string()
    .refine(isTimeZone, 'Not a time zone this computer knows (use an IANA name like Europe/Berlin)'),
  /** Where scheduled and on-demand backups go; null = the "backups" folder inside the data folder. */
  backupFolder: z.string().nullable(),
  /** Hours between scheduled backups; 0 = no scheduled backups. */
  backupEveryHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30),
  /** Retention: the newest backup of each of this many days, and of this many weeks. */
  backupKeepDaily: z.number().int().min(0).max(366),
  backupKeepWeekly: z.number().int().min(0).max(520),
  /**
   * The default minimum payout, in minor units of whatever currency is paid, for currencies without
   * their own minimum below. A payable net under the minimum rolls over to the next run.
   */
  minPayoutMinor: minPayoutAmount,
  /**
   * The program's minimum per currency, each in that currency's minor units (JPY 5000 is ¥5,000,
   * USD 5000 is $50.00). An affiliate's own minimum replaces it in the affiliate's payout currency.
   */
  minPayoutByCurrency: z
    .record(currency, minPayoutAmount)
    .refine(
      (m) => Object.keys(m).length <= MAX_MIN_PAYOUT_CURRENCIES,
      `At most ${MAX_MIN_PAYOUT_CURRENCIES} currencies`,
    ),
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
        tunnelKind: settingsSchema.shape.tunnelKind.optional(),
        durability: settingsSchema.shape.durability.optional(),
        defaultCurrency: currency.optional(),
        clicksPerMinutePerIp: settingsSchema.shape.clicksPerMinutePerIp.optional(),
        postbacksPerMinutePerIp: settingsSchema.shape.postbacksPerMinutePerIp.optional(),
        geoipFile: z.string().trim().max(1000).nullable().optional(),
        timeZone: settingsSchema.shape.timeZone.optional(),
        backupFolder: z
          .string()
          .trim()
          .min(1)
          .max(1000)
          .refine(isAbsolutePath, 'Use a full folder path, such as /home/me/Backups or D:\\Backups')
          .nullable()
          .optional(),
        backupEveryHours: settingsSchema.shape.backupEveryHours.optional(),
        backupKeepDaily: settingsSchema.shape.backupKeepDaily.optional(),
        backupKeepWeekly: settingsSchema.shape.backupKeepWeekly.optional(),
        minPayoutMinor: settingsSchema.shape.minPayoutMinor.optional(),
        minPayoutByCurrency: settingsSchema.shape.minPayoutByCurrency.optional(),
        paypalDecimalStyle: settingsSchema.shape.paypalDecimalStyle.optional(),
        taxThresholdMinor: settingsSchema.shape.taxThresholdMinor.optional(),
      })
      .strict(),
    settingsSchema,
  ),
} as const

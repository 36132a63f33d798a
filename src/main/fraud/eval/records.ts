// The labelled traffic file the evaluation reads: JSON lines, one record per line, of three kinds
// (documented in README, "Evaluate fraud detection on your own data"). Times are epoch
// milliseconds or ISO 8601 strings; fields a runtime would not know may be left out.
import { z } from 'zod'
import { EVENT_TYPES, TRUST_LEVELS } from '../../../shared/domain'

const time = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time or epoch milliseconds')
    .transform((s) => Date.parse(s)),
])
const id = z.union([z.string().min(1), z.number().int()]).transform(String)

export const affiliateRecordSchema = z.object({
  type: z.literal('affiliate'),
  id: z.number().int(),
  email: z.string().default(''),
  paymentEmail: z.string().nullable().default(null),
  createdAt: time.optional(),
  /** IPs and fingerprints seen on the affiliate's own sessions (for self-referral). */
  ips: z.array(z.string()).default([]),
  fingerprints: z.array(z.string()).default([]),
})

export const clickRecordSchema = z.object({
  type: z.literal('click'),
  id,
  at: time,
  affiliateId: z.number().int().optional(),
  ip: z.string().default(''),
  country: z.string().default(''),
  userAgent: z.string().default(''),
  referer: z.string().default(''),
  fingerprint: z.string().nullable().default(null),
  hidden: z.boolean().default(false),
})

export const conversionRecordSchema = z.object({
  type: z.literal('conversion'),
  id: id.optional(),
  at: time,
  /** The click it is attributed to; null or absent for a conversion without a click. */
  clickId: id.nullable().default(null),
  affiliateId: z.number().int(),
  campaignId: z.number().int().default(1),
  trust: z.enum(TRUST_LEVELS).default('signed'),
  eventType: z.enum(EVENT_TYPES).default('sale'),
  amountMinor: z.number().int().default(0),
  currency: z.string().default('EUR'),
  ip: z.string().nullable().default(null),
  country: z.string().nullable().default(null),
  userAgent: z.string().nullable().default(null),
  fingerprint: z.string().nullable().default(null),
  customerEmail: z.string().nullable().default(null),
  asn: z.number().int().nullable().default(null),
  datacenter: z.boolean().default(false),
  /** The label: was this conversion fraud? */
  fraud: z.boolean(),
})

export const trafficRecordSchema = z.discriminatedUnion('type', [
  affiliateRecordSchema,
  clickRecordSchema,
  conversionRecordSchema,
])
export type TrafficRecord = z.infer<typeof trafficRecordSchema>
export type AffiliateRecord = z.infer<typeof affiliateRecordSchema>
export type ClickRecord = z.infer<typeof clickRecordSchema>
export type ConversionRecord = z.infer<typeof conversionRecordSchema>
/** What a generator writes: the schema's input (before defaults). */
export type TrafficRecordInput = z.input<typeof trafficRecordSchema>

/** Parses JSON lines; blank lines and lines starting with `#` or `//` are skipped. Errors name the line. */
export function parseTraffic(text: string): TrafficRecord[] {
  const out: TrafficRecord[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      throw new Error(`Line ${i + 1}: not JSON`)
    }
    const parsed = trafficRecordSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new Error(`Line ${i + 1}: ${issue.path.join('.') || 'record'}: ${issue.message}`)
    }
    out.push(parsed.data)
  }
  return out
}

// The commission ledger: its lines, balances, and the what-if simulator.
import { z } from 'zod'
import { LEDGER_KINDS, LEDGER_STATUSES } from '../domain'
import { planSchema } from '../plan'
import { currency, id, listOf, method, pageInput, timestamp } from './common'

/** One commissions row, with everything the UI needs to answer "why this amount". */
export const ledgerLineSchema = z.object({
  id,
  conversionId: id,
  affiliateId: id,
  affiliateCode: z.string(),
  kind: z.enum(LEDGER_KINDS),
  status: z.enum(LEDGER_STATUSES),
  amountMinor: z.number().int(),
  currency: z.string(),
  level: z.number().int(),
  planType: z.string(),
  rule: z.string(),
  baseMinor: z.number().int(),
  rateBps: z.number().int().nullable(),
  reversesId: id.nullable(),
  createdAt: timestamp,
  approvedAt: timestamp.nullable(),
})
export type LedgerLine = z.infer<typeof ledgerLineSchema>

export const balanceSchema = z.object({
  affiliateId: id,
  affiliateCode: z.string(),
  affiliateName: z.string(),
  currency: z.string(),
  pendingMinor: z.number().int(),
  /** Approved and not yet paid, clawbacks of paid lines netted in (can be negative). */
  approvedUnpaidMinor: z.number().int(),
  paidMinor: z.number().int(),
})
export type Balance = z.infer<typeof balanceSchema>

const simAmounts = {
  currentMinor: z.number().int(),
  proposedMinor: z.number().int(),
  deltaMinor: z.number().int(),
}
export const simulationSchema = z.object({
  campaignId: id,
  /** Null when no conversion in the window paid anything. */
  currency: z.string().nullable(),
  from: timestamp,
  to: timestamp,
  totals: z.object({ ...simAmounts, conversions: z.number().int(), skipped: z.number().int() }),
  /** How many affiliates earn under either plan; `rows` holds the biggest changes first. */
  affiliateCount: z.number().int(),
  rows: z.array(z.object({ affiliateId: id, affiliateCode: z.string(), ...simAmounts })),
  /** What the figures assume, to show beside them. */
  assumptions: z.array(z.string()),
})

export const commissionMethods = {
  'commissions.list': method(
    z
      .object({
        ...pageInput,
        affiliateId: id.optional(),
        conversionId: id.optional(),
        status: z.enum(LEDGER_STATUSES).optional(),
        kind: z.enum(LEDGER_KINDS).optional(),
      })
      .strict(),
    listOf(ledgerLineSchema),
  ),
  /** A page holds `pageSize` affiliates, one row per currency each; `total` counts affiliates. */
  'commissions.balances': method(
    z.object({ ...pageInput, affiliateId: id.optional(), currency: currency.optional() }).strict(),
    listOf(balanceSchema),
  ),
  'commissions.simulate': method(
    z
      .object({
        campaignId: id,
        proposedPlan: planSchema,
        days: z.number().int().min(1).max(3660),
        /** Per-affiliate rows to return, biggest change first. */
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict(),
    simulationSchema,
  ),
} as const

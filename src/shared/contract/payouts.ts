// Payout runs: preview, commit, cancel, export, reconciliation and the reports built on them.
// Names here are stable: the Payouts page, the CLI and the e2e test call them.
import { z } from 'zod'
import {
  PAYMENT_METHODS,
  PAYOUT_EXCLUSION_REASONS,
  PAYOUT_FILE_FORMATS,
  PAYOUT_ITEM_STATUSES,
  PAYOUT_OUTCOMES,
  PAYOUT_RUN_STATUSES,
} from '../domain'
import { id, listOf, method, pageInput, timestamp } from './common'

/** Who a run covers: every line approved up to `cutoff`, optionally only these affiliates. */
const selection = {
  cutoff: timestamp.nonnegative(),
  /** When given, only these affiliates are looked at and touched; nobody else's lines move. */
  affiliateIds: z.array(id).min(1).max(10_000).optional(),
}

export const payoutTotalSchema = z.object({
  currency: z.string(),
  method: z.enum(PAYMENT_METHODS),
  items: z.number().int(),
  amountMinor: z.number().int(),
})
export type PayoutTotal = z.infer<typeof payoutTotalSchema>

/** An item as a preview proposes it (no id yet). */
export const payoutProposalSchema = z.object({
  affiliateId: id,
  affiliateCode: z.string(),
  affiliateName: z.string(),
  currency: z.string(),
  method: z.enum(PAYMENT_METHODS),
  amountMinor: z.number().int().positive(),
  /** Commission lines it pays (earnings and clawbacks netted into it). */
  lines: z.number().int(),
})
export type PayoutProposal = z.infer<typeof payoutProposalSchema>

export const payoutExclusionSchema = z.object({
  affiliateId: id,
  affiliateCode: z.string(),
  affiliateName: z.string(),
  currency: z.string(),
  /** The net payable that stays in the ledger (negative = a debt that carries forward). */
  amountMinor: z.number().int(),
  lines: z.number().int(),
  reason: z.enum(PAYOUT_EXCLUSION_REASONS),
  /** What finance should do about it, in words. */
  message: z.string(),
})
export type PayoutExclusion = z.infer<typeof payoutExclusionSchema>

export const payoutPreviewSchema = z.object({
  cutoff: timestamp,
  affiliateIds: z.array(id).nullable(),
  totals: z.array(payoutTotalSchema),
  items: z.array(payoutProposalSchema),
  exclusions: z.array(payoutExclusionSchema),
})
export type PayoutPreview = z.infer<typeof payoutPreviewSchema>

export const payoutRunSchema = z.object({
  id,
  status: z.enum(PAYOUT_RUN_STATUSES),
  cutoff: timestamp,
  affiliateIds: z.array(id).nullable(),
  /** PayPal's idempotency key for this run's batch; stable for the run's life. */
  senderBatchId: z.string(),
  createdAt: timestamp,
  createdBy: z.string(),
  exportedAt: timestamp.nullable(),
  cancelledAt: timestamp.nullable(),
  itemCount: z.number().int(),
  totals: z.array(payoutTotalSchema),
  /** Items per status (every status, 0 when none). */
  statusCounts: z.record(z.enum(PAYOUT_ITEM_STATUSES), z.number().int()),
})
export type PayoutRun = z.infer<typeof payoutRunSchema>

export const payoutItemSchema = z.object({
  id,
  runId: id,
  affiliateId: id,
  affiliateCode: z.string(),
  affiliateName: z.string(),
  currency: z.string(),
  method: z.enum(PAYMENT_METHODS),
  amountMinor: z.number().int().positive(),
  lines: z.number().int(),
  status: z.enum(PAYOUT_ITEM_STATUSES),
  providerRef: z.string().nullable(),
  reason: z.string().nullable(),
  updatedAt: timestamp,
})
export type PayoutItem = z.infer<typeof payoutItemSchema>

export const payoutRunDetailSchema = z.object({
  run: payoutRunSchema,
  items: z.array(payoutItemSchema),
  /** Who was left out when the run was committed, and why. */
  exclusions: z.array(payoutExclusionSchema),
})
export type PayoutRunDetail = z.infer<typeof payoutRunDetailSchema>

export const payoutFileSchema = z.object({
  name: z.string(),
  mediaType: z.string(),
  content: z.string(),
  rows: z.number().int(),
  currency: z.string().nullable(),
  totalMinor: z.number().int(),
})

const reportRowSchema = z.object({
  itemId: id,
  outcome: z.enum([...PAYOUT_OUTCOMES, 'pending']),
  providerRef: z.string().max(200).nullable(),
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  detail: z.string().max(2000).nullable(),
})

export const payoutImportResultSchema = z.object({
  /** Items whose status changed. */
  applied: z.number().int(),
  /** Rows that said what the item already was (a report imported twice changes nothing). */
  unchanged: z.number().int(),
  /** Rows or lines that could not be applied, never silently dropped. */
  problems: z.array(
    z.object({ line: z.number().int(), itemId: z.number().int().nullable(), message: z.string() }),
  ),
})

export const yearlyTotalRowSchema = z.object({
  affiliateId: id,
  affiliateCode: z.string(),
  affiliateName: z.string(),
  currency: z.string(),
  totalMinor: z.number().int(),
  items: z.number().int(),
  overThreshold: z.boolean(),
})

export const payoutMethods = {
  'payouts.preview': method(z.object(selection).strict(), payoutPreviewSchema),
  'payouts.commit': method(
    z
      .object({
        ...selection,
        /** The preview's totals: if the ledger moved since, the commit is refused and nothing is written. */
        expectedTotals: z.array(payoutTotalSchema).optional(),
      })
      .strict(),
    payoutRunDetailSchema,
  ),
  'payouts.cancel': method(
    z.object({ runId: id, reason: z.string().trim().max(500).optional() }).strict(),
    payoutRunDetailSchema,
  ),
  'payouts.list': method(
    z.object({ ...pageInput, status: z.enum(PAYOUT_RUN_STATUSES).optional() }).strict(),
    listOf(payoutRunSchema),
  ),
  'payouts.get': method(z.object({ runId: id }).strict(), payoutRunDetailSchema),
  'payouts.markItem': method(
    z
      .object({
        itemId: id,
        outcome: z.enum(PAYOUT_OUTCOMES),
        reason: z.string().trim().min(1, 'Say why').max(500),
        providerRef: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    payoutItemSchema,
  ),
  'payouts.importReport': method(
    z
      .object({
        kind: z.enum(['paypal', 'wise']),
        /** The provider's report file as text, or rows already read. */
        text: z
          .string()
          .max(50 * 1024 * 1024)
          .optional(),
        rows: z.array(reportRowSchema).max(200_000).optional(),
        /** When given, rows naming items of another run are refused as problems. */
        runId: id.optional(),
      })
      .strict()
      .refine(
        (v) => (v.text === undefined) !== (v.rows === undefined),
        'Send either the report text or rows',
      ),
    payoutImportResultSchema,
  ),
  'payouts.export': method(
    z.object({ runId: id, format: z.enum(PAYOUT_FILE_FORMATS) }).strict(),
    z.object({ files: z.array(payoutFileSchema) }),
  ),
  'payouts.affiliate': method(
    z.object({ affiliateId: id }).strict(),
    z.object({ items: z.array(payoutItemSchema.extend({ runCutoff: timestamp, runCreatedAt: timestamp })) }),
  ),
  'payouts.statement': method(
    z.object({ itemId: id }).strict(),
    z.object({ fileName: z.string(), html: z.string() }),
  ),
  /**
   * The same statement as a PDF, printed by the desktop shell and saved through its save dialog
   * (saved=false: the user cancelled). Headless mode has no printer and answers `unsupported`:
   * there the HTML statement is printed from the browser.
   */
  'payouts.statementPdf': method(
    z.object({ itemId: id }).strict(),
    z.object({ fileName: z.string(), saved: z.boolean(), path: z.string().nullable() }),
  ),
  'payouts.yearlyTotals': method(
    z.object({ year: z.number().int().min(2000).max(2200) }).strict(),
    z.object({
      fileName: z.string(),
      csv: z.string(),
      thresholdMinor: z.number().int(),
      rows: z.array(yearlyTotalRowSchema),
    }),
  ),
} as const

import { z } from 'zod'
import { fraudSettingsSchema } from '../fraud-settings'
import { method } from './common'

/** The fraud checks' settings as the Settings page edits them. */
export const fraudSettingsViewSchema = z.object({
  settings: fraudSettingsSchema,
  /** A GeoLite2-ASN (or compatible) .mmdb file for the datacenter rule; null = none. */
  asnFile: z.string().nullable(),
  /** Why the ASN file is not used (missing, not an ASN database); null if it is, or none is set. */
  asnError: z.string().nullable(),
})
export type FraudSettingsView = z.infer<typeof fraudSettingsViewSchema>

/** Whether the learned model takes part in the score, and why not. */
export const fraudModelStatusSchema = z.object({
  /** True once a model trained on at least minDecisionsForModel decisions is loaded. */
  active: z.boolean(),
  /** Managers' approve/reject decisions on scored conversions (training labels). */
  decisions: z.number().int(),
  needed: z.number().int(),
  /** In words, e.g. "Rules only until 50 decisions (have 12)". */
  message: z.string(),
  model: z
    .object({
      trainedAt: z.number().int(),
      examples: z.number().int(),
      positives: z.number().int(),
      /** The features with the largest weights, for "what the model learned". */
      topWeights: z.array(z.object({ feature: z.string(), weight: z.number() })),
    })
    .nullable(),
})
export type FraudModelStatus = z.infer<typeof fraudModelStatusSchema>

export const fraudMethods = {
  'fraud.settings.get': method(z.object({}).strict(), fraudSettingsViewSchema),
  /** Thresholds and rules apply to conversions that arrive from now on; nothing decided is re-queued. */
  'fraud.settings.update': method(
    z
      .object({
        settings: fraudSettingsSchema.optional(),
        asnFile: z.string().trim().max(1000).nullable().optional(),
      })
      .strict(),
    fraudSettingsViewSchema,
  ),
  'fraud.model.status': method(z.object({}).strict(), fraudModelStatusSchema),
  /** Trains on every labelled decision now (offline, on this machine); refuses while too few. */
  'fraud.model.train': method(
    z.object({}).strict(),
    z.object({ trained: z.boolean(), message: z.string(), status: fraudModelStatusSchema }),
  ),
} as const

import { z } from 'zod'
import { id, listOf, method, pageInput, timestamp } from './common'

export const auditEntrySchema = z.object({
  id,
  at: timestamp,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditMethods = {
  'audit.list': method(
    z.object({ ...pageInput, entity: z.string().max(64).optional() }).strict(),
    listOf(auditEntrySchema),
  ),
} as const

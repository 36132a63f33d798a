import { z } from 'zod'
import { method, timestamp } from './common'

const filePath = z
  .string()
  .trim()
  .min(1, 'Enter the full path of the file')
  .max(4096)
  .refine(
    (p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'),
    'Use a full file path, such as /home/me/affiliate-desk.export',
  )

export const backupEntrySchema = z.object({
  name: z.string(),
  file: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  createdAt: timestamp,
  /** Only a copy that passed integrity_check and foreign_key_check is ever given a backup's name. */
  verified: z.boolean(),
})
export type BackupEntry = z.infer<typeof backupEntrySchema>

export const backupRunSchema = z.object({
  at: timestamp,
  trigger: z.enum(['manual', 'scheduled', 'export']),
  ok: z.boolean(),
  /** The backup's file when it succeeded. */
  file: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** What happened, in words (why it failed, or what retention removed). */
  message: z.string(),
})
export type BackupRun = z.infer<typeof backupRunSchema>

export const backupProgressSchema = z.object({
  phase: z.enum(['copying', 'verifying', 'finishing']),
  pagesTotal: z.number().int(),
  pagesDone: z.number().int(),
  startedAt: timestamp,
})

export const backupStatusSchema = z.object({
  folder: z.string(),
  /** The folder used when Settings leaves it empty. */
  defaultFolder: z.string(),
  everyHours: z.number().int(),
  keepDaily: z.number().int(),
  keepWeekly: z.number().int(),
  running: backupProgressSchema.nullable(),
  last: backupRunSchema.nullable(),
  /** When the next scheduled backup is due; null when scheduled backups are off. */
  nextDueAt: timestamp.nullable(),
  backups: z.array(backupEntrySchema),
  /** A restore staged from the UI, applied when the app next starts. */
  pendingRestore: z.object({ source: z.string(), stagedAt: timestamp }).nullable(),
  /** How the last restore went (the data it replaced is kept aside, never deleted). */
  lastRestore: z
    .object({ at: timestamp, ok: z.boolean(), message: z.string(), keptAside: z.string().nullable() })
    .nullable(),
})
export type BackupStatus = z.infer<typeof backupStatusSchema>

export const backupMethods = {
  'backups.status': method(z.object({}).strict(), backupStatusSchema),
  /** Starts a backup now and returns at once; follow it with backups.status. */
  'backups.run': method(z.object({}).strict(), z.object({ started: z.boolean() })),
  /**
   * Checks a backup or export file (integrity, references, schema not newer than the app), then
   * either restores it now (the app stops its listener and jobs, swaps the database, upgrades it if
   * older, and starts again) or stages it for the next start. The current database is kept aside.
   */
  'backups.restore': method(
    z.object({ file: filePath, when: z.enum(['now', 'next-start']).default('now') }).strict(),
    z.object({ restored: z.boolean(), message: z.string() }),
  ),
  'backups.cancelRestore': method(z.object({}).strict(), z.object({ cancelled: z.boolean() })),
  /** Writes the whole program (a verified backup and its manifest) to one portable file. */
  'backups.export': method(
    z.object({ file: filePath }).strict(),
    z.object({ file: z.string(), sizeBytes: z.number().int(), sha256: z.string() }),
  ),
} as const

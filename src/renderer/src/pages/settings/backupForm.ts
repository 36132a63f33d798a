import type { MethodInput, Settings } from '../../../../shared/contract'
import type { ErrorIssue } from '../../../../shared/errors'
import { IssueCollector } from '../../forms/fieldErrors'
import { parseWhole } from '../../forms/parse'

export interface BackupFormValues {
  /** Empty = the "backups" folder inside the data folder. */
  backupFolder: string
  backupEveryHours: string
  backupKeepDaily: string
  backupKeepWeekly: string
}

export function backupSettingsToForm(s: Settings): BackupFormValues {
  return {
    backupFolder: s.backupFolder ?? '',
    backupEveryHours: String(s.backupEveryHours),
    backupKeepDaily: String(s.backupKeepDaily),
    backupKeepWeekly: String(s.backupKeepWeekly),
  }
}

/** Only what changed is sent, like the rest of Settings. */
export function toBackupSettingsUpdate(
  saved: Settings,
  v: BackupFormValues,
): { input: MethodInput<'settings.update'>; issues: ErrorIssue[] } {
  const c = new IssueCollector()
  const input: MethodInput<'settings.update'> = {}
  const folder = v.backupFolder.trim() === '' ? null : v.backupFolder.trim()
  if (folder !== saved.backupFolder) input.backupFolder = folder
  const every = c.take('backupEveryHours', parseWhole(v.backupEveryHours, 0, 24 * 30))
  if (every !== undefined && every !== saved.backupEveryHours) input.backupEveryHours = every
  const daily = c.take('backupKeepDaily', parseWhole(v.backupKeepDaily, 0, 366))
  if (daily !== undefined && daily !== saved.backupKeepDaily) input.backupKeepDaily = daily
  const weekly = c.take('backupKeepWeekly', parseWhole(v.backupKeepWeekly, 0, 520))
  if (weekly !== undefined && weekly !== saved.backupKeepWeekly) input.backupKeepWeekly = weekly
  return { input, issues: c.issues }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`
  return `${(n / 1024 ** 3).toFixed(2)} GB`
}

/** "Copying 42 %" from the backup's page counts. */
export function progressLabel(p: { phase: string; pagesDone: number; pagesTotal: number }): string {
  if (p.phase === 'verifying') return 'Verifying the copy…'
  if (p.phase === 'finishing') return 'Applying retention…'
  const pct = p.pagesTotal > 0 ? Math.floor((p.pagesDone / p.pagesTotal) * 100) : 0
  return `Copying… ${pct} %`
}

import { describe, expect, it } from 'vitest'
import type { Settings } from '../../../../shared/contract'
import { backupSettingsToForm, formatBytes, progressLabel, toBackupSettingsUpdate } from './backupForm'

const saved = {
  backupFolder: null,
  backupEveryHours: 24,
  backupKeepDaily: 7,
  backupKeepWeekly: 4,
} as Settings

describe('backup settings form', () => {
  it('sends only what changed, and an empty folder as the default folder', () => {
    const form = backupSettingsToForm(saved)
    expect(toBackupSettingsUpdate(saved, form)).toEqual({ input: {}, issues: [] })
    expect(
      toBackupSettingsUpdate(saved, { ...form, backupFolder: ' /mnt/nas/desk ', backupKeepWeekly: '8' })
        .input,
    ).toEqual({ backupFolder: '/mnt/nas/desk', backupKeepWeekly: 8 })
    expect(
      toBackupSettingsUpdate({ ...saved, backupFolder: '/x' }, { ...form, backupFolder: '' }).input,
    ).toEqual({ backupFolder: null })
  })

  it('refuses numbers out of range with the field named', () => {
    const r = toBackupSettingsUpdate(saved, { ...backupSettingsToForm(saved), backupEveryHours: '-1' })
    expect(r.issues.map((i) => i.path)).toEqual(['backupEveryHours'])
  })

  it('formats sizes and progress', () => {
    expect(formatBytes(2_500_000)).toBe('2.4 MB')
    expect(progressLabel({ phase: 'copying', pagesDone: 50, pagesTotal: 200 })).toBe('Copying… 25 %')
    expect(progressLabel({ phase: 'verifying', pagesDone: 200, pagesTotal: 200 })).toBe('Verifying the copy…')
  })
})

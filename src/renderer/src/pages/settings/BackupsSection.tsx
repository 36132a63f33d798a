import { useEffect, useState, type FormEvent } from 'react'
import type { BackupStatus, Settings } from '../../../../shared/contract'
import { api } from '../../api'
import { toApiError, type ApiError } from '../../api/ApiError'
import { useAsync } from '../../api/useAsync'
import { TextField } from '../../forms/BoundFields'
import { Field } from '../../forms/Field'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { useSaveForm, validInput } from '../../forms/useSaveForm'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { formatDateTime } from '../../ui/format'
import { StatusMessage } from '../../ui/StatusMessage'
import {
  backupSettingsToForm,
  formatBytes,
  progressLabel,
  toBackupSettingsUpdate,
  type BackupFormValues,
} from './backupForm'

const POLL_MS = 400

/** Settings → Backups: where and how often, what was kept, and a backup, restore or export on demand. */
export function BackupsSection({ initial }: { initial: Settings }) {
  const status = useAsync(() => api.call('backups.status', {}), 'backups-status')
  const { reload } = status
  const running = status.data?.running ?? null
  const [error, setError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  // Follow a running backup until it is done; the list and the last result refresh with it.
  useEffect(() => {
    if (!running) return
    const timer = setTimeout(reload, POLL_MS)
    return () => clearTimeout(timer)
  }, [running, reload, status.data])

  async function backUpNow() {
    setError(null)
    setNotice(null)
    try {
      // Answers once the backup has begun, so the next status shows it running.
      await api.call('backups.run', {})
      reload()
    } catch (err) {
      setError(toApiError(err))
    }
  }

  return (
    <section className="card" aria-labelledby="backups-heading">
      <h2 id="backups-heading" className="card-title">
        Backups
      </h2>
      <p className="fieldset-hint">
        Backups are copied from the running database without stopping tracking, checked by SQLite (every page
        and every reference) under a temporary name, and only then saved. Older ones are removed by the
        retention below; other files in the folder are never touched.
      </p>
      <BackupSettingsForm initial={initial} onSaved={reload} />
      <ErrorSummary error={error ?? status.error} action="Backups" />
      {status.data ? (
        <>
          <div className="backups-block">
            <dl className="facts">
              <dt>Folder</dt>
              <dd>
                <code>{status.data.folder}</code>
              </dd>
              <dt>Next scheduled backup</dt>
              <dd>
                {status.data.nextDueAt === null
                  ? 'Off'
                  : `${formatDateTime(status.data.nextDueAt)} (checked every 15 minutes while the app runs)`}
              </dd>
              <dt>Last backup</dt>
              <dd data-testid="backup-last">{lastRunText(status.data.last)}</dd>
              {status.data.lastRestore ? (
                <>
                  <dt>Last restore</dt>
                  <dd>
                    {formatDateTime(status.data.lastRestore.at)} — {status.data.lastRestore.message}
                  </dd>
                </>
              ) : null}
            </dl>
            <div className="form-actions">
              <button
                type="button"
                className="btn btn-primary"
                disabled={running !== null}
                onClick={() => void backUpNow()}
              >
                {running ? progressLabel(running) : 'Back up now'}
              </button>
              {running ? (
                <progress
                  max={Math.max(1, running.pagesTotal)}
                  value={running.pagesDone}
                  aria-label="Backup progress"
                />
              ) : null}
            </div>
            <BackupList status={status.data} onNotice={setNotice} onError={setError} onChanged={reload} />
          </div>
          <RestoreAndExport
            pending={status.data.pendingRestore}
            onNotice={setNotice}
            onError={setError}
            onChanged={reload}
          />
        </>
      ) : (
        <p className="loading-text">Loading…</p>
      )}
      <StatusMessage text={notice} />
    </section>
  )
}

function lastRunText(last: BackupStatus['last']): string {
  if (!last) return 'None yet'
  const when = formatDateTime(last.at)
  if (!last.ok) return `${when} — ${last.message}`
  return `${when} — ${last.message}${last.sizeBytes !== null ? ` (${formatBytes(last.sizeBytes)})` : ''}`
}

function BackupSettingsForm({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  const [saved, setSaved] = useState(initial)
  const { form, values, setValues, error, saving, submit } = useSaveForm<BackupFormValues>(() =>
    backupSettingsToForm(initial),
  )
  const [notice, setNotice] = useState<string | null>(null)

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    setNotice(null)
    void submit(
      async () => {
        const input = validInput('settings.update', toBackupSettingsUpdate(saved, values))
        return Object.keys(input).length === 0 ? null : api.call('settings.update', input)
      },
      (next) => {
        if (next === null) return setNotice('Nothing changed.')
        setSaved(next)
        setValues(backupSettingsToForm(next))
        setNotice('Saved.')
        onSaved()
      },
    )
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Backup settings">
      <ErrorSummary
        error={error}
        placedPaths={['backupFolder', 'backupEveryHours', 'backupKeepDaily', 'backupKeepWeekly']}
        action="Could not save the backup settings"
      />
      <div className="form-grid">
        <TextField
          form={form}
          name="backupFolder"
          label="Backup folder"
          optional
          className="span-2"
          hint="A full path, ideally on another disk or a synced folder. Empty: the backups folder inside the data folder."
          placeholder="/path/to/Backups"
        />
        <TextField
          form={form}
          name="backupEveryHours"
          label="Back up every (hours)"
          hint="0 turns scheduled backups off."
          inputMode="numeric"
        />
        <TextField
          form={form}
          name="backupKeepDaily"
          label="Keep daily backups"
          hint="The newest backup of each of this many days."
          inputMode="numeric"
        />
        <TextField
          form={form}
          name="backupKeepWeekly"
          label="Keep weekly backups"
          hint="The newest backup of each of this many weeks."
          inputMode="numeric"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={saving}>
          {saving ? 'Saving…' : 'Save backup settings'}
        </button>
        <span className="status-message" role="status">
          {notice}
        </span>
      </div>
    </form>
  )
}

interface ActionProps {
  onNotice: (text: string | null) => void
  onError: (err: ApiError | null) => void
  onChanged: () => void
}

function BackupList({ status, ...actions }: { status: BackupStatus } & ActionProps) {
  const [confirm, setConfirm] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (status.backups.length === 0) return <p className="fieldset-hint">No backups in this folder yet.</p>

  async function restore(file: string) {
    setBusy(true)
    actions.onError(null)
    try {
      actions.onNotice((await api.call('backups.restore', { file })).message)
      actions.onChanged()
    } catch (err) {
      actions.onError(toApiError(err))
    } finally {
      setBusy(false)
      setConfirm(null)
    }
  }

  return (
    <>
      <table className="data-table" aria-label="Backups">
        <thead>
          <tr>
            <th scope="col">Taken</th>
            <th scope="col">Size</th>
            <th scope="col">Verified</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {status.backups.map((b) => (
            <tr key={b.name}>
              <td title={b.file}>{formatDateTime(b.createdAt)}</td>
              <td>{formatBytes(b.sizeBytes)}</td>
              <td>{b.verified ? 'Yes' : 'No'}</td>
              <td>
                <button type="button" className="btn btn-small" onClick={() => setConfirm(b.file)}>
                  Restore…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirm ? (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore now"
          danger
          busy={busy}
          onConfirm={() => void restore(confirm)}
          onCancel={() => setConfirm(null)}
        >
          <p>
            The backup is checked first. Then tracking pauses for a moment while the app swaps in the backup
            and starts again on it. Everything recorded after it was taken is kept aside in the data folder,
            not deleted.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  )
}

function RestoreAndExport({
  pending,
  ...actions
}: { pending: BackupStatus['pendingRestore'] } & ActionProps) {
  const [restoreFile, setRestoreFile] = useState('')
  const [exportFile, setExportFile] = useState('')
  const [busy, setBusy] = useState<'restore' | 'export' | 'cancel' | null>(null)

  async function act(kind: 'restore' | 'export' | 'cancel') {
    setBusy(kind)
    actions.onError(null)
    actions.onNotice(null)
    try {
      if (kind === 'restore') {
        actions.onNotice((await api.call('backups.restore', { file: restoreFile })).message)
      } else if (kind === 'export') {
        const r = await api.call('backups.export', { file: exportFile })
        actions.onNotice(`Exported to ${r.file} (${formatBytes(r.sizeBytes)}).`)
      } else {
        await api.call('backups.cancelRestore', {})
        actions.onNotice('The staged restore was cancelled.')
      }
      actions.onChanged()
    } catch (err) {
      actions.onError(toApiError(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="form backups-block">
      {pending ? (
        <p className="callout callout-warning" role="alert">
          A restore of <code>{pending.source}</code> is staged: it replaces the current data when Affiliate
          Desk next starts. Quit and start the app again to finish.{' '}
          <button
            type="button"
            className="btn btn-small"
            disabled={busy !== null}
            onClick={() => void act('cancel')}
          >
            Cancel the restore
          </button>
        </p>
      ) : null}
      <div className="form-grid">
        <Field
          label="Restore or import from a file"
          className="span-2"
          hint="A backup or an export from another machine. It is checked first (integrity, and not newer than this app), then replaces the current data, which is kept aside; an older one is upgraded."
        >
          {(p) => (
            <input
              {...p}
              value={restoreFile}
              onChange={(e) => setRestoreFile(e.target.value)}
              placeholder="/path/to/affiliate-desk-….sqlite or program.affdesk"
            />
          )}
        </Field>
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={busy !== null || restoreFile.trim() === ''}
            onClick={() => void act('restore')}
          >
            {busy === 'restore' ? 'Restoring…' : 'Restore now'}
          </button>
        </div>
        <Field
          label="Export the whole program to one file"
          className="span-2"
          hint="To move to another machine: a verified backup with its checksum, imported there with Restore."
        >
          {(p) => (
            <input
              {...p}
              value={exportFile}
              onChange={(e) => setExportFile(e.target.value)}
              placeholder="/path/to/program.affdesk"
            />
          )}
        </Field>
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={busy !== null || exportFile.trim() === ''}
            onClick={() => void act('export')}
          >
            {busy === 'export' ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </div>
  )
}

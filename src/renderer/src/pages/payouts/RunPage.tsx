import { createColumnHelper } from '@tanstack/react-table'
import { createContext, use, useMemo, useState } from 'react'
import type { PayoutItem, PayoutRunDetail } from '../../../../shared/contract/payouts'
import { PAYOUT_ITEM_STATUSES, type PayoutFileFormatName } from '../../../../shared/domain'
import { displayMoney } from '../../../../shared/money'
import { api, describeSave, saveFile, toApiError, type ApiError } from '../../api'
import { useAsync } from '../../api/useAsync'
import { PayoutTotals } from '../../components/PayoutTotals'
import { ProviderSendPanel } from '../../components/ProviderSendPanel'
import { StatementButton } from '../../components/StatementButton'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { href } from '../../router/routes'
import { DataTable } from '../../table/DataTable'
import { Pagination } from '../../table/Pagination'
import type { AnyColumn } from '../../table/serverTable'
import { useClientTable } from '../../table/useClientTable'
import { StatusBadge } from '../../ui/Badge'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { formatDate, formatDateTimeShort } from '../../ui/format'
import { PageHeader } from '../../ui/PageHeader'
import { StatusMessage } from '../../ui/StatusMessage'
import { ToolbarField } from '../../ui/ToolbarField'
import { ExclusionsTable } from './ExclusionsTable'
import { MarkItemDialog } from './MarkItemDialog'
import {
  canCancelRun,
  canExportRun,
  canMarkItem,
  FORMATS,
  guessReportKind,
  methodLabel,
  RELEASED_NOTE,
  statusCountsText,
} from './payoutRules'

interface ItemActions {
  onMark: (item: PayoutItem) => void
  onNotice: (text: string) => void
}
// Row buttons reach the page through context so the column list stays a constant.
const ItemActionsContext = createContext<ItemActions>({ onMark: () => {}, onNotice: () => {} })

function ItemButtons({ item }: { item: PayoutItem }) {
  const ctx = use(ItemActionsContext)
  return (
    <span className="row-actions">
      {canMarkItem(item.status) ? (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => ctx.onMark(item)}>
          Mark…<span className="visually-hidden"> PI-{item.id}</span>
        </button>
      ) : null}
      <StatementButton itemId={item.id} onDone={ctx.onNotice} />
    </span>
  )
}

const col = createColumnHelper<PayoutItem>()
const COLUMNS: AnyColumn<PayoutItem>[] = [
  col.accessor('id', { header: 'Item', cell: (c) => <code>PI-{c.getValue()}</code> }),
  col.accessor('affiliateCode', { header: 'Affiliate', cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor('affiliateName', { header: 'Name', meta: { className: 'cell-strong' } }),
  col.accessor('method', { header: 'Method', cell: (c) => methodLabel(c.getValue()) }),
  col.accessor('amountMinor', {
    header: 'Amount',
    cell: (c) => displayMoney(c.getValue(), c.row.original.currency),
    meta: { className: 'num money strong' },
  }),
  col.accessor('lines', { header: 'Lines', meta: { className: 'num' } }),
  col.accessor('status', {
    header: 'Status',
    cell: (c) => {
      const note = RELEASED_NOTE[c.row.original.status]
      return (
        <span data-testid={`item-status-${c.row.original.id}`}>
          <StatusBadge status={c.getValue()} />
          {note ? <span className="cell-muted"> {note}</span> : null}
        </span>
      )
    },
  }),
  col.accessor('providerRef', { header: 'Provider ref', cell: (c) => c.getValue() ?? '—' }),
  col.accessor('reason', { header: 'Reason', cell: (c) => c.getValue() ?? '' }),
  col.display({ id: 'actions', header: 'Actions', cell: (c) => <ItemButtons item={c.row.original} /> }),
]

export function RunPage({ runId }: { runId: number }) {
  const [version, setVersion] = useState(0)
  const detail = useAsync(() => api.call('payouts.get', { runId }), `payout-run:${runId}:${version}`)
  const reload = () => setVersion((v) => v + 1)
  const d = detail.data?.run.id === runId ? detail.data : undefined
  return (
    <div className="page">
      <PageHeader
        title={`Payout run #${runId}`}
        description={
          <>
            <a href={href.section('payouts')}>Payouts</a>
            {d ? (
              <>
                {' '}
                › cut-off {formatDate(d.run.cutoff)}, created {formatDateTimeShort(d.run.createdAt)} by{' '}
                {d.run.createdBy}
              </>
            ) : null}
          </>
        }
      />
      <ErrorSummary error={detail.error} action="Could not load the run" />
      {d ? (
        <RunBody detail={d} reload={reload} />
      ) : detail.error ? null : (
        <p className="loading-text">Loading…</p>
      )}
    </div>
  )
}

function RunBody({ detail, reload }: { detail: PayoutRunDetail; reload: () => void }) {
  const { run } = detail
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<{ action: string; error: ApiError } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [marking, setMarking] = useState<PayoutItem | null>(null)
  const [statusFilter, setStatusFilter] = useState('')

  async function act(key: string, action: string, fn: () => Promise<string>) {
    setBusy(key)
    setError(null)
    try {
      setNotice(await fn())
      reload()
    } catch (err) {
      setError({ action, error: toApiError(err) })
    } finally {
      setBusy(null)
    }
  }

  const exportFiles = (format: PayoutFileFormatName, label: string) =>
    act(`export:${format}`, `Could not export the ${label}`, async () => {
      const { files } = await api.call('payouts.export', { runId: run.id, format })
      if (files.length === 0) return `No ${label}: no item of this run is paid that way.`
      const said: string[] = []
      for (const f of files) said.push(describeSave(await saveFile(f), f.name))
      return said.join('; ')
    })

  const importReport = (file: File, kind: 'paypal' | 'wise') =>
    act('import', 'Could not import the report', async () => {
      const text = await file.text()
      const r = await api.call('payouts.importReport', { kind, text, runId: run.id })
      const problems = r.problems.length
        ? ` ${r.problems.length} line${r.problems.length === 1 ? '' : 's'} not applied: ${r.problems
            .slice(0, 5)
            .map((p) => `line ${p.line}: ${p.message}`)
            .join('; ')}${r.problems.length > 5 ? '; …' : ''}`
        : ''
      return `Imported ${file.name}: ${r.applied} item${r.applied === 1 ? '' : 's'} updated, ${r.unchanged} unchanged.${problems}`
    })

  const items = useMemo(
    () => (statusFilter ? detail.items.filter((i) => i.status === statusFilter) : detail.items),
    [detail.items, statusFilter],
  )
  const table = useClientTable({ rows: items, columns: COLUMNS, getRowId: (i) => String(i.id) })
  const actions = useMemo<ItemActions>(() => ({ onMark: setMarking, onNotice: setNotice }), [])

  return (
    <>
      <section className="card payout-section" aria-labelledby="run-summary">
        <h2 id="run-summary" className="card-title">
          <StatusBadge status={run.status} /> {run.itemCount.toLocaleString('en-US')} items ·{' '}
          {statusCountsText(run.statusCounts)}
        </h2>
        <PayoutTotals totals={run.totals} caption="Run totals per currency and method" />
        <p className="fieldset-hint">
          Covers {run.affiliateIds ? `${run.affiliateIds.length} chosen affiliates` : 'everyone owed'}. PayPal
          batch id <code>{run.senderBatchId}</code>.
          {run.exportedAt ? ` First exported ${formatDateTimeShort(run.exportedAt)}.` : ''}
          {run.cancelledAt ? ` Cancelled ${formatDateTimeShort(run.cancelledAt)}.` : ''}
        </p>
        {canCancelRun(run.status) ? (
          <div className="form-actions">
            <button type="button" className="btn btn-danger-outline" onClick={() => setCancelling(true)}>
              Cancel run…
            </button>
          </div>
        ) : null}
      </section>

      <StatusMessage text={notice} />
      <ErrorSummary error={error?.error} action={error?.action} />

      {canExportRun(run.status) ? (
        <section className="card payout-section" aria-labelledby="run-files">
          <h2 id="run-files" className="card-title">
            Files
          </h2>
          <p className="fieldset-hint">
            Exporting a provider file moves its items to processing; the run can then no longer be cancelled.
          </p>
          <div className="payout-files">
            {FORMATS.map((f) => (
              <button
                key={f.format}
                type="button"
                className="btn"
                disabled={busy !== null}
                onClick={() => void exportFiles(f.format, f.label)}
              >
                {busy === `export:${f.format}` ? 'Preparing…' : f.label}
                <span className="button-hint"> {f.hint}</span>
              </button>
            ))}
          </div>
        </section>
      ) : null}

      <ProviderSendPanel run={run} items={detail.items} onDone={reload} />

      {run.status !== 'cancelled' ? (
        <ImportPanel busy={busy === 'import'} disabled={busy !== null} onImport={importReport} />
      ) : null}

      <section className="payout-section" aria-labelledby="run-items">
        <h2 id="run-items">Items</h2>
        <div className="toolbar">
          <ToolbarField label="Status">
            {(id) => (
              <select id={id} value={statusFilter} onChange={(e) => setStatusFilter(e.target.value)}>
                <option value="">Any status</option>
                {PAYOUT_ITEM_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </ToolbarField>
        </div>
        <ItemActionsContext value={actions}>
          <DataTable
            table={table}
            caption="Items of this run"
            loading={false}
            emptyText={statusFilter ? 'No item has this status.' : 'This run has no items.'}
          />
        </ItemActionsContext>
        <Pagination table={table} total={items.length} noun="items" />
      </section>

      {detail.exclusions.length ? (
        <section className="payout-section" aria-labelledby="run-exclusions">
          <h2 id="run-exclusions">Left out when committed</h2>
          <details>
            <summary>
              {detail.exclusions.length.toLocaleString('en-US')} affiliates owed money were not paid by this
              run
            </summary>
            <ExclusionsTable rows={detail.exclusions} caption="Affiliates left out of this run and why" />
          </details>
        </section>
      ) : null}

      {cancelling ? (
        <ConfirmDialog
          title={`Cancel run #${run.id}?`}
          confirmLabel="Cancel the run"
          danger
          busy={busy === 'cancel'}
          onCancel={() => setCancelling(false)}
          onConfirm={() =>
            void act('cancel', 'Could not cancel the run', async () => {
              await api.call('payouts.cancel', { runId: run.id })
              setCancelling(false)
              return `Run #${run.id} cancelled: its lines are payable again.`
            })
          }
        >
          <p>
            No file of this run has been exported. Its {run.itemCount} items are cancelled and their lines
            released.
          </p>
        </ConfirmDialog>
      ) : null}
      {marking ? (
        <MarkItemDialog
          item={marking}
          onCancel={() => setMarking(null)}
          onDone={(updated) => {
            setMarking(null)
            setNotice(`PI-${updated.id} marked ${updated.status}.`)
            reload()
          }}
        />
      ) : null}
    </>
  )
}

function ImportPanel({
  busy,
  disabled,
  onImport,
}: {
  busy: boolean
  disabled: boolean
  onImport: (file: File, kind: 'paypal' | 'wise') => Promise<void>
}) {
  const [kind, setKind] = useState<'paypal' | 'wise' | 'auto'>('auto')
  const [file, setFile] = useState<File | null>(null)
  const [inputKey, setInputKey] = useState(0)
  return (
    <section className="card payout-section" aria-labelledby="run-import">
      <h2 id="run-import" className="card-title">
        Import the provider's results
      </h2>
      <p className="fieldset-hint">
        PayPal's payouts report CSV or Wise's batch status CSV: items become paid, failed, unclaimed or
        returned. Importing the same report twice changes nothing.
      </p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault()
          if (!file) return
          void file
            .slice(0, 2000)
            .text()
            .then((head) => onImport(file, kind === 'auto' ? (guessReportKind(head) ?? 'paypal') : kind))
            .then(() => {
              setFile(null)
              setInputKey((k) => k + 1)
            })
        }}
      >
        <ToolbarField label="Report file">
          {(id) => (
            <input
              key={inputKey}
              id={id}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </ToolbarField>
        <ToolbarField label="Provider">
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="auto">Recognise</option>
              <option value="paypal">PayPal</option>
              <option value="wise">Wise</option>
            </select>
          )}
        </ToolbarField>
        <button type="submit" className="btn btn-primary" disabled={disabled || !file}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
    </section>
  )
}

import { createColumnHelper } from '@tanstack/react-table'
import { useState } from 'react'
import type { PayoutPreview, PayoutProposal } from '../../../../shared/contract/payouts'
import { displayMoney } from '../../../../shared/money'
import { api, toApiError, type ApiError } from '../../api'
import { AffiliatePicker, type AffiliateChoice } from '../../components/AffiliatePicker'
import { PayoutTotals } from '../../components/PayoutTotals'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { Field } from '../../forms/Field'
import { href } from '../../router/routes'
import { DataTable } from '../../table/DataTable'
import { moneyCell } from '../../table/moneyCell'
import { Pagination } from '../../table/Pagination'
import type { AnyColumn } from '../../table/serverTable'
import { useClientTable } from '../../table/useClientTable'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { formatDate } from '../../ui/format'
import { moneyListText } from '../../ui/money'
import { PageHeader } from '../../ui/PageHeader'
import { ExclusionsTable } from './ExclusionsTable'
import { cutoffOfDay, cutoffProblem, defaultCutoffDay, methodLabel } from './payoutRules'

const money = (minor: number, currency: string) => (
  <span className={minor < 0 ? 'negative' : undefined}>{displayMoney(minor, currency)}</span>
)

const itemCol = createColumnHelper<PayoutProposal>()
const ITEM_COLUMNS: AnyColumn<PayoutProposal>[] = [
  itemCol.accessor('affiliateCode', { header: 'Affiliate', cell: (c) => <code>{c.getValue()}</code> }),
  itemCol.accessor('affiliateName', { header: 'Name', meta: { className: 'cell-strong' } }),
  itemCol.accessor('method', { header: 'Method', cell: (c) => methodLabel(c.getValue()) }),
  itemCol.accessor('currency', { header: 'Currency' }),
  itemCol.accessor('lines', { header: 'Lines', meta: { className: 'num' } }),
  itemCol.accessor('amountMinor', {
    header: 'Amount',
    cell: moneyCell(money),
    meta: { className: 'num money strong' },
  }),
]

function perCurrency(preview: PayoutPreview): { currency: string; amountMinor: number }[] {
  const by = new Map<string, number>()
  for (const t of preview.totals) by.set(t.currency, (by.get(t.currency) ?? 0) + t.amountMinor)
  return [...by].map(([currency, amountMinor]) => ({ currency, amountMinor }))
}

export function NewRunPage() {
  // The page's 'today', fixed when it opens: a render must not read the clock.
  const [openedAt] = useState(() => Date.now())
  const [day, setDay] = useState(() => defaultCutoffDay(openedAt))
  const [chosen, setChosen] = useState<AffiliateChoice[]>([])
  const [preview, setPreview] = useState<PayoutPreview | null>(null)
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null)
  const [error, setError] = useState<{ action: string; error: ApiError } | null>(null)
  const [confirming, setConfirming] = useState(false)
  const problem = cutoffProblem(day, openedAt)

  const selection = () => ({
    cutoff: cutoffOfDay(day) ?? 0,
    ...(chosen.length ? { affiliateIds: chosen.map((c) => c.id) } : {}),
  })

  // Any change to the selection makes the preview stale: it must be run again before committing.
  const change = (fn: () => void) => {
    fn()
    setPreview(null)
    setError(null)
  }

  async function runPreview() {
    setBusy('preview')
    setError(null)
    try {
      setPreview(await api.call('payouts.preview', selection()))
    } catch (err) {
      setError({ action: 'Could not preview the run', error: toApiError(err) })
    } finally {
      setBusy(null)
    }
  }

  async function commit() {
    if (!preview) return
    setBusy('commit')
    setError(null)
    try {
      const detail = await api.call('payouts.commit', { ...selection(), expectedTotals: preview.totals })
      window.location.hash = href.payoutRun(detail.run.id)
    } catch (err) {
      setConfirming(false)
      setError({ action: 'Could not commit the run', error: toApiError(err) })
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="page">
      <PageHeader
        title="New payout run"
        description={
          <>
            <a href={href.section('payouts')}>Payouts</a> › a run takes approved, unpaid commission lines up
            to the cut-off, nets clawbacks against them and pays each affiliate once per currency and method.
          </>
        }
      />
      <section className="card payout-section" aria-label="Run selection">
        <div className="payout-selection">
          <Field
            label="Cut-off date"
            hint="Lines approved up to the end of this day."
            error={problem ?? undefined}
          >
            {(control) => (
              <input
                {...control}
                type="date"
                className="input-date"
                value={day}
                onChange={(e) => change(() => setDay(e.target.value))}
              />
            )}
          </Field>
          <div>
            <AffiliatePicker
              label="Only these affiliates"
              optional
              hint="Leave empty to pay everyone who is owed. When you choose affiliates, nobody else's lines are touched."
              value={null}
              onChange={(a) => {
                if (a && !chosen.some((c) => c.id === a.id)) change(() => setChosen([...chosen, a]))
              }}
              pickVerb="add to this run"
              clearLabel="Remove"
              exclude={(a) => chosen.some((c) => c.id === a.id)}
            />
            {chosen.length ? (
              <ul className="chosen-list" aria-label="Affiliates in this run">
                {chosen.map((c) => (
                  <li key={c.id}>
                    {c.label}{' '}
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() => change(() => setChosen(chosen.filter((x) => x.id !== c.id)))}
                    >
                      Remove<span className="visually-hidden"> {c.label}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={problem !== null || busy !== null}
            onClick={() => void runPreview()}
          >
            {busy === 'preview' ? 'Previewing…' : 'Preview'}
          </button>
        </div>
      </section>
      <ErrorSummary error={error?.error} action={error?.action} />
      {preview ? (
        <PreviewView preview={preview} onCommit={() => setConfirming(true)} busy={busy !== null} />
      ) : null}
      {confirming && preview ? (
        <ConfirmDialog
          title="Commit this payout run?"
          confirmLabel={`Commit and pay ${moneyListText(perCurrency(preview))}`}
          busy={busy === 'commit'}
          onConfirm={() => void commit()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {preview.items.length.toLocaleString('en-US')} items, cut-off {formatDate(preview.cutoff)}. Their
            commission lines are locked into this run and cannot be paid by another one; until a file is
            exported, you can still cancel the run.
          </p>
          <PayoutTotals totals={preview.totals} caption="Totals to commit" />
        </ConfirmDialog>
      ) : null}
    </div>
  )
}

function PreviewView({
  preview,
  onCommit,
  busy,
}: {
  preview: PayoutPreview
  onCommit: () => void
  busy: boolean
}) {
  const items = useClientTable({
    rows: preview.items,
    columns: ITEM_COLUMNS,
    getRowId: (i) => `${i.affiliateId}:${i.currency}:${i.method}`,
  })
  return (
    <>
      <section className="card payout-section" aria-labelledby="preview-totals">
        <h2 id="preview-totals" className="card-title">
          Preview: nothing has changed yet
        </h2>
        <PayoutTotals totals={preview.totals} caption="Preview totals per currency and method" />
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || preview.items.length === 0}
            onClick={onCommit}
          >
            Commit run…
          </button>
        </div>
      </section>
      <section className="payout-section" aria-labelledby="preview-items">
        <h2 id="preview-items">Items</h2>
        <DataTable
          table={items}
          caption="Items of the previewed run"
          loading={false}
          emptyText="Nobody is owed anything up to this cut-off."
        />
        <Pagination table={items} total={preview.items.length} noun="items" />
      </section>
      <section className="payout-section" aria-labelledby="preview-exclusions">
        <h2 id="preview-exclusions">Left out</h2>
        <p className="fieldset-hint">
          These affiliates are owed money but will not be paid by this run. Their lines stay payable: fix the
          reason and they are paid by the next run.
        </p>
        <ExclusionsTable rows={preview.exclusions} caption="Affiliates left out and why" />
      </section>
    </>
  )
}

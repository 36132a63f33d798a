import { useState } from 'react'
import { api, describeSave, saveFile, toApiError, type ApiError } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { displayMoney } from '../../../../shared/money'
import { StatusMessage } from '../../ui/StatusMessage'
import { ToolbarField } from '../../ui/ToolbarField'

/** The per-affiliate totals of a year (for 1099-style reporting), flagged over the threshold. */
export function YearlyTotalsPanel() {
  const [year, setYear] = useState(() => new Date().getFullYear() - 1)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  async function download() {
    setBusy(true)
    setError(null)
    try {
      const report = await api.call('payouts.yearlyTotals', { year })
      const outcome = await saveFile({ name: report.fileName, mediaType: 'text/csv', content: report.csv })
      const over = report.rows.filter((r) => r.overThreshold).length
      // The threshold is a US figure (1099): it applies to USD totals only.
      const threshold = displayMoney(report.thresholdMinor, 'USD')
      setNotice(
        `${describeSave(outcome, report.fileName)}: ${report.rows.length} affiliate totals, ${over} at or over ${threshold}.`,
      )
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card payout-section" aria-labelledby="yearly-totals-title">
      <h2 id="yearly-totals-title" className="card-title">
        Yearly totals
      </h2>
      <p className="fieldset-hint">
        What each affiliate was paid in a calendar year, per currency, as CSV; totals over the threshold in
        Settings are flagged (such as the US 1099 limit of $600).
      </p>
      <div className="toolbar">
        <ToolbarField label="Year">
          {(id) => (
            <input
              id={id}
              className="input-short"
              type="number"
              min={2000}
              max={2200}
              value={year}
              onChange={(e) => setYear(Number(e.target.value))}
            />
          )}
        </ToolbarField>
        <button type="button" className="btn" disabled={busy} onClick={() => void download()}>
          {busy ? 'Preparing…' : 'Download yearly totals'}
        </button>
        <StatusMessage text={notice} />
      </div>
      <ErrorSummary error={error} action="Could not build the yearly totals" />
    </section>
  )
}

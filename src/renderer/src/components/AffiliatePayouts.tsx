import { useState } from 'react'
import { api } from '../api'
import { useAsync } from '../api/useAsync'
import { ErrorSummary } from '../forms/ErrorSummary'
import { href } from '../router/routes'
import { displayMoney } from '../../../shared/money'
import { StatusBadge } from '../ui/Badge'
import { formatDate } from '../ui/format'
import { StatusMessage } from '../ui/StatusMessage'
import { StatementButton } from './StatementButton'

/** The affiliate detail's payouts: every item paid (or on its way) to them, with its statement. */
export function AffiliatePayouts({ affiliateId }: { affiliateId: number }) {
  const payouts = useAsync(
    () => api.call('payouts.affiliate', { affiliateId }),
    `affiliate-payouts:${affiliateId}`,
  )
  const [notice, setNotice] = useState<string | null>(null)
  const items = payouts.data?.items ?? []
  return (
    <section className="affiliate-payouts" aria-labelledby={`affiliate-payouts-${affiliateId}`}>
      <h3 id={`affiliate-payouts-${affiliateId}`}>Payouts</h3>
      <ErrorSummary error={payouts.error} action="Could not load this affiliate's payouts" />
      {payouts.loading && !payouts.data ? (
        <p className="loading-text">Loading…</p>
      ) : items.length === 0 ? (
        <p className="note">No payouts yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="plain-table">
            <caption className="visually-hidden">Payouts to this affiliate</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Cut-off</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Status</th>
                <th scope="col">Statement</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={href.payoutRun(i.runId)}>Run #{i.runId}</a>
                  </td>
                  <td>{formatDate(i.runCutoff)}</td>
                  <td className="num money strong">{displayMoney(i.amountMinor, i.currency)}</td>
                  <td>
                    <StatusBadge status={i.status} />
                  </td>
                  <td>
                    <span className="row-actions">
                      <StatementButton itemId={i.id} onDone={setNotice} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <StatusMessage text={notice} />
    </section>
  )
}

import { useId, useState } from 'react'
import type { MethodOutput } from '../../../../shared/contract'
import { displayMoney } from '../../../../shared/money'
import { api, toApiError, type ApiError } from '../../api'
import { useAsync } from '../../api/useAsync'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { StatusBadge } from '../../ui/Badge'
import { capitalize, formatDateTime } from '../../ui/format'
import { StatusMessage } from '../../ui/StatusMessage'
import {
  ACTION_LABEL,
  ACTION_PAST,
  ACTIONS,
  canMove,
  flagLabel,
  historyText,
  TRUST_LABEL,
  whyNot,
  type StatusAction,
} from '../../domain/conversionRules'
import { LedgerLinesTable } from './LedgerLinesTable'

type Detail = MethodOutput<'conversions.get'>

interface ConversionDetailProps {
  id: number
  /** Called after a status change, so the list behind the drawer can refresh. */
  onChanged: () => void
}

export function ConversionDetail({ id, onChanged }: ConversionDetailProps) {
  const loaded = useAsync(() => api.call('conversions.get', { id }), `conversion:${id}`)
  // What the last action returned is newer than what was loaded when the drawer opened.
  const [updated, setUpdated] = useState<Detail | null>(null)
  const detail = updated ?? loaded.data
  if (!detail) {
    return loaded.error ? (
      <ErrorSummary error={loaded.error} action="Could not load the conversion" />
    ) : (
      <p className="loading-text">Loading…</p>
    )
  }
  return (
    <DetailView
      detail={detail}
      onChanged={(d) => {
        setUpdated(d)
        onChanged()
      }}
    />
  )
}

function DetailView({ detail, onChanged }: { detail: Detail; onChanged: (d: Detail) => void }) {
  const c = detail.conversion
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<StatusAction | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const reasonId = useId()
  const whyId = useId()

  async function act(status: StatusAction) {
    setBusy(status)
    setError(null)
    setNotice(null)
    try {
      const trimmed = reason.trim()
      const next = await api.call('conversions.setStatus', {
        id: c.id,
        status,
        ...(trimmed ? { reason: trimmed } : {}),
      })
      setReason('')
      setNotice(`${ACTION_PAST[status]} conversion #${c.id}.`)
      onChanged(next)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(null)
    }
  }

  const unavailable = ACTIONS.filter((a) => !canMove(c.status, a))
  return (
    <div className="detail">
      <div className="detail-summary">
        <StatusBadge status={c.status} />
        <span className="detail-amount">
          {capitalize(c.eventType)} · {displayMoney(c.amountMinor, c.currency)}
        </span>
        <span className="cell-muted">commission {displayMoney(c.commissionMinor, c.currency)} net</span>
      </div>

      {c.flags.length > 0 ? (
        <section className="callout callout-warning flag-box" aria-labelledby="flags-heading">
          <h3 id="flags-heading">Fraud flags · risk score {c.riskScore}</h3>
          <ul>
            {c.flags.map((f) => (
              <li key={f}>
                {flagLabel(f)} <code className="cell-muted">{f}</code>
              </li>
            ))}
          </ul>
          <p className="field-hint">Flagged conversions are never approved automatically.</p>
        </section>
      ) : (
        <p className="ok-box">No fraud flags · risk score {c.riskScore}</p>
      )}

      <section className="detail-actions" aria-labelledby="actions-heading">
        <h3 id="actions-heading" className="detail-heading">
          Decision
        </h3>
        <ErrorSummary error={error} action="Could not change the status" />
        <div className="field">
          <label htmlFor={reasonId} className="field-label">
            Reason<span className="field-optional"> (optional, kept with the conversion)</span>
          </label>
          <input
            id={reasonId}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. Verified with the advertiser"
          />
        </div>
        <div className="form-actions">
          {ACTIONS.map((a) => (
            <button
              key={a}
              type="button"
              className={`btn ${a === 'approved' ? 'btn-positive' : 'btn-danger-outline'}`}
              disabled={busy !== null || !canMove(c.status, a)}
              aria-describedby={!canMove(c.status, a) ? whyId : undefined}
              onClick={() => act(a)}
            >
              {busy === a ? 'Working…' : ACTION_LABEL[a]}
            </button>
          ))}
          <StatusMessage text={notice} />
        </div>
        {unavailable.length > 0 ? (
          <p id={whyId} className="field-hint">
            {unavailable
              .map((a) => whyNot(c.status, a))
              .filter((v, i, all) => all.indexOf(v) === i)
              .join(' ')}
            {c.status === 'approved' ? ' Paid is set by a payout run.' : ''}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="lines-heading">
        <h3 id="lines-heading" className="detail-heading">
          Commission lines — why this amount
        </h3>
        <LedgerLinesTable lines={detail.lines} caption={`Commission lines of conversion ${c.id}`} />
      </section>
      {detail.history.length > 0 ? (
        <section aria-labelledby="history-heading">
          <h3 id="history-heading" className="detail-heading">
            History
          </h3>
          <ol className="history-list">
            {detail.history.map((h, i) => (
              <li key={i}>
                <time className="cell-muted">{formatDateTime(h.at)}</time>{' '}
                {historyText(h, (minor) => displayMoney(minor, c.currency))}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <dl className="facts facts-compact">
        <dt>Conversion</dt>
        <dd>#{c.id}</dd>
        <dt>Order ID</dt>
        <dd>
          <code>{c.orderId}</code>
          {c.orderRef ? <span className="cell-muted"> — the sender's order {c.orderRef}</span> : null}
        </dd>
        <dt>Affiliate</dt>
        <dd>
          <code>{c.affiliateCode}</code>
        </dd>
        <dt>Campaign</dt>
        <dd>{c.campaignName}</dd>
        <dt>Trust level</dt>
        <dd>{TRUST_LABEL[c.trust]}</dd>
        <dt>Received</dt>
        <dd>{formatDateTime(c.createdAt)}</dd>
        <dt>Status since</dt>
        <dd>
          {formatDateTime(c.statusChangedAt)}
          {c.reason ? <span className="cell-muted"> — “{c.reason}”</span> : null}
        </dd>
        <dt>Hold until</dt>
        <dd>
          {c.holdUntil === null ? (
            <span className="cell-muted">no automatic approval</span>
          ) : (
            formatDateTime(c.holdUntil)
          )}
        </dd>
        <dt>Click</dt>
        <dd>{c.clickId ? <code>{c.clickId}</code> : <span className="cell-muted">none</span>}</dd>
        <dt>Customer</dt>
        <dd>{c.customerKey ?? <span className="cell-muted">not sent</span>}</dd>
        <dt>IP</dt>
        <dd>{c.ip ?? <span className="cell-muted">unknown</span>}</dd>
        <dt>Advertiser payout</dt>
        <dd>
          {c.advertiserPayoutMinor === null ? (
            <span className="cell-muted">not sent</span>
          ) : (
            displayMoney(c.advertiserPayoutMinor, c.currency)
          )}
        </dd>
      </dl>
    </div>
  )
}

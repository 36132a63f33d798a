import type { ReviewDetail } from '../../../../shared/contract'
import { displayMoney } from '../../../../shared/money'
import { api } from '../../api'
import { useAsync } from '../../api/useAsync'
import { historyText, TRUST_LABEL } from '../../domain/conversionRules'
import { contributionText, featureLabel, MATCH_LABEL } from '../../domain/reviewReasons'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { StatusBadge } from '../../ui/Badge'
import { formatDateTime } from '../../ui/format'
import { ReasonChips } from './ReasonChips'

/** The side panel: why the focused conversion is suspect, where it came from, and who shares its traces. */
export function ReviewPanel({ id }: { id: number }) {
  const detail = useAsync(() => api.call('review.detail', { id }), `review-detail:${id}`)
  const d = detail.data?.row.id === id ? detail.data : undefined
  return (
    <aside className="review-panel card" aria-labelledby="review-panel-title" aria-busy={!d}>
      <h2 id="review-panel-title" className="card-title">
        Conversion #{id}
      </h2>
      {d ? (
        <PanelBody d={d} />
      ) : detail.error ? (
        <ErrorSummary error={detail.error} action="Could not load the conversion" />
      ) : (
        <p className="loading-text">Loading…</p>
      )}
    </aside>
  )
}

function PanelBody({ d }: { d: ReviewDetail }) {
  const { row, click } = d
  const money = (minor: number) => displayMoney(minor, row.currency)
  return (
    <>
      <p className="review-panel-summary">
        <StatusBadge status={row.status} /> {money(row.amountMinor)} · score <strong>{row.score}</strong> ·{' '}
        {TRUST_LABEL[row.trust]}
      </p>
      <ReasonChips reasons={row.reasons} />

      <h3 className="detail-heading">Model</h3>
      {row.modelTop ? (
        <ul className="model-top">
          {row.modelTop.map((f) => (
            <li key={f.feature}>
              {featureLabel(f.feature)} <span className="money">{contributionText(f.contribution)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-hint">Not trained yet: the rules alone decide this score.</p>
      )}

      <h3 className="detail-heading">Click → conversion</h3>
      <ol className="timeline">
        {click ? (
          <li>
            <strong>Click</strong> {formatDateTime(click.at)}
            {click.flagged ? (
              <span className="badge badge-flag">
                flagged{click.flagReason ? `: ${click.flagReason}` : ''}
              </span>
            ) : null}
            <dl className="facts facts-tight">
              <dt>IP</dt>
              <dd>
                <code>{click.ip || '—'}</code> · {click.country}
              </dd>
              <dt>Device</dt>
              <dd>{click.deviceType}</dd>
              <dt>User agent</dt>
              <dd className="cell-wrap">{click.userAgent || '— none —'}</dd>
              <dt>Referer</dt>
              <dd className="cell-wrap">{click.referer || '— none —'}</dd>
              <dt>Fingerprint</dt>
              <dd>
                <code>{click.fingerprint ?? '—'}</code>
              </dd>
              <dt>Sub ids</dt>
              <dd>{click.subIds.some((s) => s) ? click.subIds.map((s) => s ?? '·').join(' / ') : '—'}</dd>
            </dl>
          </li>
        ) : (
          <li>No click stored for this conversion.</li>
        )}
        <li>
          <strong>Conversion</strong> {formatDateTime(row.createdAt)}
          {click ? (
            <span className="cell-muted"> ({elapsed(row.createdAt - click.at)} after the click)</span>
          ) : null}
          <dl className="facts facts-tight">
            <dt>Reported by</dt>
            <dd>{TRUST_LABEL[row.trust]}</dd>
            <dt>IP</dt>
            <dd>
              <code>{d.ip ?? '—'}</code>
            </dd>
            <dt>Customer</dt>
            <dd>
              <code>{d.customerKey ?? '—'}</code>
            </dd>
            <dt>Order</dt>
            <dd>
              <code>{row.orderId}</code>
            </dd>
          </dl>
        </li>
        {d.history.map((h, i) => (
          <li key={i}>
            {formatDateTime(h.at)} · {historyText(h, money)}
          </li>
        ))}
      </ol>

      <h3 className="detail-heading">Siblings</h3>
      <p className="field-hint">
        Other conversions with the same IP, device or customer within {d.siblingWindowDays} days either side.
      </p>
      {d.siblings.length === 0 ? (
        <p>None.</p>
      ) : (
        <table className="plain-table siblings">
          <caption className="visually-hidden">Conversions sharing a trace with #{row.id}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Shares</th>
              <th scope="col">Affiliate</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {d.siblings.map((s) => (
              <tr key={s.id}>
                <td>{s.id}</td>
                <td>{s.matches.map((m) => MATCH_LABEL[m]).join(', ')}</td>
                <td>
                  <code>{s.affiliateCode}</code>
                </td>
                <td className="num money">{displayMoney(s.amountMinor, s.currency)}</td>
                <td>
                  <StatusBadge status={s.status} />
                  {s.flagged ? <span className="visually-hidden"> (flagged)</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.siblingsTruncated ? <p className="field-hint">More match; the newest are shown.</p> : null}
    </>
  )
}

function elapsed(ms: number): string {
  if (ms < 0) return 'before the click'
  const s = Math.round(ms / 1000)
  if (s < 120) return `${s} s`
  const m = Math.round(s / 60)
  if (m < 120) return `${m} min`
  const h = Math.round(m / 60)
  return h < 48 ? `${h} h` : `${Math.round(h / 24)} days`
}

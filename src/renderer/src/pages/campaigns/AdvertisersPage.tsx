import { useState } from 'react'
import { api } from '../../api'
import { useAsync } from '../../api/useAsync'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { href } from '../../router/routes'
import { navigate } from '../../router/useRoute'
import { formatDate } from '../../ui/format'
import { AdvertiserQuickForm, signingLabel } from './AdvertiserQuickForm'
import { CampaignsHeader } from './CampaignsTabs'

export function AdvertisersPage() {
  const advertisers = useAsync(() => api.call('advertisers.list', {}), 'advertisers')
  const [adding, setAdding] = useState(false)
  const rows = advertisers.data ?? []
  return (
    <div className="page">
      <CampaignsHeader
        tab="advertisers"
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)} disabled={adding}>
            New advertiser
          </button>
        }
      />
      <p className="fieldset-hint">
        Advertisers report conversions to this machine by postback. Open one for its postback URL, secret and
        signing instructions, and to send a test postback.
      </p>
      {adding ? (
        <AdvertiserQuickForm
          onCancel={() => setAdding(false)}
          onCreated={(a) => navigate(href.advertiser(a.id))}
        />
      ) : null}
      <ErrorSummary error={advertisers.error} action="Could not load advertisers" />
      <div
        className={`table-wrap${advertisers.loading ? ' is-loading' : ''}`}
        aria-busy={advertisers.loading}
      >
        <table className="data-table">
          <caption className="visually-hidden">Advertisers</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Postback signing</th>
              <th scope="col" className="num">
                Allowed IPs
              </th>
              <th scope="col" className="num">
                Allowed origins
              </th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="empty-cell">
                  {advertisers.loading ? 'Loading…' : 'No advertisers yet. Add one with “New advertiser”.'}
                </td>
              </tr>
            ) : (
              rows.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a className="cell-link" href={href.advertiser(a.id)}>
                      {a.name}
                    </a>
                  </td>
                  <td>{signingLabel(a.signingMode)}</td>
                  <td className="num">{a.allowedIps.length || <span className="cell-muted">any</span>}</td>
                  <td className="num">{a.allowedOrigins.length || <span className="cell-muted">—</span>}</td>
                  <td className="nowrap">{formatDate(a.createdAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  )
}

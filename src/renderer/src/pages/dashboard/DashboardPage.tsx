import { useState, type ReactNode } from 'react'
import type { StatsOverview } from '../../../../shared/contract'
import { bpsToPercent, displayMoney, divRoundHalfAwayFromZero } from '../../../../shared/money'
import { api } from '../../api'
import { useAsync } from '../../api/useAsync'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { href } from '../../router/routes'
import { PageHeader } from '../../ui/PageHeader'
import { percentOf, totalsOf } from './chart'
import { DailyChart } from './DailyChart'

const PERIODS = [7, 30, 90] as const
type Period = (typeof PERIODS)[number]

const fmt = (n: number) => n.toLocaleString('en-US')

/** Commission as a share of revenue, in integers (bps) all the way. */
function commissionShare(commission: number, revenue: number): string {
  if (revenue <= 0) return '—'
  const bps = Number(divRoundHalfAwayFromZero(BigInt(commission) * 10_000n, BigInt(revenue)))
  return `${bpsToPercent(bps)}%`
}

/** A plain figures table: the first column names the row, the others are numeric. */
function StatTable({
  columns,
  labelledBy,
  children,
}: {
  columns: readonly string[]
  labelledBy?: string
  children: ReactNode
}) {
  const [first, ...rest] = columns
  return (
    <table className="plain-table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          {rest.map((c) => (
            <th key={c} scope="col" className="num">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}

/** A titled card holding one figures table, or a note when there is nothing to show. */
function TableCard({
  headingId,
  title,
  columns,
  emptyText,
  hint,
  children,
}: {
  headingId: string
  title: string
  columns: readonly string[]
  /** Shown instead of the table when set. */
  emptyText: string | null
  hint?: string
  children: ReactNode
}) {
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        {title}
      </h2>
      {emptyText !== null ? (
        <p className="note">{emptyText}</p>
      ) : (
        <StatTable columns={columns} labelledBy={headingId}>
          {children}
        </StatTable>
      )}
      {hint ? <p className="fieldset-hint table-hint">{hint}</p> : null}
    </section>
  )
}

export function DashboardPage() {
  const [days, setDays] = useState<Period>(30)
  const stats = useAsync(() => api.call('stats.overview', { days }), `stats:${days}`)
  return (
    <div className="page">
      <PageHeader
        title="Dashboard"
        description="Traffic, conversions and money of the whole program, by UTC day."
        actions={
          <div className="segmented" role="group" aria-label="Period">
            {PERIODS.map((p) => (
              <button
                key={p}
                type="button"
                className={`segment${days === p ? ' active' : ''}`}
                aria-pressed={days === p}
                onClick={() => setDays(p)}
              >
                {p} days
              </button>
            ))}
          </div>
        }
      />
      <ErrorSummary error={stats.error} action="Could not load the figures" />
      {stats.data ? (
        <Overview data={stats.data} loading={stats.loading} />
      ) : stats.loading ? (
        <p className="loading-text">Loading…</p>
      ) : null}
    </div>
  )
}

function GettingStarted() {
  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading" className="card-title">
        No traffic in this period yet
      </h2>
      <ol className="recipe">
        <li>
          Point a tunnel at the tracking listener and enter its https address as the public base URL in{' '}
          <a href={href.section('settings')}>Settings</a>.
        </li>
        <li>
          Create a <a href={href.campaignNew()}>campaign</a> for an advertiser, with its commission plan.
        </li>
        <li>
          Approve <a href={href.section('affiliates')}>affiliates</a> and give each a tracking link under{' '}
          <a href={href.links()}>Links</a>.
        </li>
        <li>
          Hand the advertiser the postback URL and secret from <a href={href.advertisers()}>Advertisers</a>,
          and press “Send test postback” to check the whole path.
        </li>
      </ol>
    </section>
  )
}

function Overview({ data, loading }: { data: StatsOverview; loading: boolean }) {
  const totals = totalsOf(data.days)
  const empty = totals.clicks === 0 && totals.conversions === 0 && data.money.length === 0
  return (
    <div className={`dashboard${loading ? ' is-loading' : ''}`} aria-busy={loading}>
      <p className="period-note">
        {data.from} to {data.to} · {data.days.length} days
      </p>
      <section className="tiles" aria-label="Totals for the period">
        <div className="tile">
          <p className="tile-label">Clicks</p>
          <p className="tile-value" data-testid="tile-clicks">
            {fmt(totals.clicks)}
          </p>
          <p className="tile-note">
            {fmt(Math.round(totals.clicks / Math.max(1, data.days.length)))} a day on average
          </p>
        </div>
        <div className="tile">
          <p className="tile-label">Flagged clicks</p>
          <p className="tile-value" data-testid="tile-flagged">
            {fmt(totals.flaggedClicks)}
          </p>
          <p className="tile-note">{percentOf(totals.flaggedClicks, totals.clicks)} of clicks</p>
        </div>
        <div className="tile">
          <p className="tile-label">Conversions</p>
          <p className="tile-value" data-testid="tile-conversions">
            {fmt(totals.conversions)}
          </p>
          <p className="tile-note">{percentOf(totals.conversions, totals.clicks)} of clicks</p>
        </div>
        <a
          className={`tile tile-link${data.reviewQueue > 0 ? ' tile-attention' : ''}`}
          href={href.section('review')}
        >
          <p className="tile-label">Review queue</p>
          <p className="tile-value" data-testid="tile-review">
            {fmt(data.reviewQueue)}
          </p>
          <p className="tile-note">
            {data.reviewQueue === 0 ? 'Nothing waiting' : 'flagged, waiting for you →'}
          </p>
        </a>
      </section>

      {empty ? <GettingStarted /> : null}

      <TableCard
        headingId="money-heading"
        title="Revenue and commission, net of refunds and rejections"
        columns={['Currency', 'Revenue', 'Commission', 'Commission / revenue']}
        emptyText={data.money.length === 0 ? 'No revenue in this period.' : null}
        hint="One line per currency: amounts in different currencies are never added."
      >
        {data.money.map((m) => (
          <tr key={m.currency}>
            <th scope="row">{m.currency}</th>
            <td className="num money">{displayMoney(m.revenueMinor, m.currency)}</td>
            <td className="num money">{displayMoney(m.commissionMinor, m.currency)}</td>
            <td className="num">{commissionShare(m.commissionMinor, m.revenueMinor)}</td>
          </tr>
        ))}
      </TableCard>

      <section className="card" aria-labelledby="chart-heading">
        <div className="card-head">
          <h2 id="chart-heading">Clicks and conversions per day</h2>
          <ul className="legend" aria-label="Legend">
            <li>
              <span className="swatch swatch-clicks" aria-hidden="true" /> Clicks
            </li>
            <li>
              <span className="swatch swatch-flagged" aria-hidden="true" /> Flagged clicks
            </li>
            <li>
              <span className="swatch swatch-conv" aria-hidden="true" /> Conversions (right axis)
            </li>
          </ul>
        </div>
        {empty ? (
          <p className="note">No clicks or conversions in this period.</p>
        ) : (
          <DailyChart days={data.days} />
        )}
        <details className="chart-table">
          <summary>Show the figures as a table</summary>
          <StatTable columns={['Day (UTC)', 'Clicks', 'Flagged', 'Conversions']}>
            {data.days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td className="num">{fmt(d.clicks)}</td>
                <td className="num">{fmt(d.flaggedClicks)}</td>
                <td className="num">{fmt(d.conversions)}</td>
              </tr>
            ))}
          </StatTable>
        </details>
      </section>

      <div className="two-columns">
        <TableCard
          headingId="top-aff-heading"
          title="Top affiliates"
          columns={['Affiliate', 'Clicks', 'Conv.', 'Commission']}
          emptyText={data.topAffiliates.length === 0 ? 'No affiliate activity in this period.' : null}
        >
          {data.topAffiliates.map((a) => (
            <tr key={`${a.affiliateId}:${a.currency}`}>
              <td>
                <code>{a.code}</code> <span className="cell-muted">{a.name}</span>
              </td>
              <td className="num">{fmt(a.clicks)}</td>
              <td className="num">{fmt(a.conversions)}</td>
              <td className="num money">{displayMoney(a.commissionMinor, a.currency)}</td>
            </tr>
          ))}
        </TableCard>
        <TableCard
          headingId="top-camp-heading"
          title="Top campaigns"
          columns={['Campaign', 'Clicks', 'Conv.', 'Revenue', 'Commission']}
          emptyText={data.topCampaigns.length === 0 ? 'No campaign activity in this period.' : null}
        >
          {data.topCampaigns.map((c) => (
            <tr key={c.campaignId}>
              <td>
                <a href={href.campaign(c.campaignId)}>{c.name}</a>
              </td>
              <td className="num">{fmt(c.clicks)}</td>
              <td className="num">{fmt(c.conversions)}</td>
              <td className="num money">{displayMoney(c.revenueMinor, c.currency)}</td>
              <td className="num money">{displayMoney(c.commissionMinor, c.currency)}</td>
            </tr>
          ))}
        </TableCard>
      </div>
    </div>
  )
}

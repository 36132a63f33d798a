import { useId, useState } from 'react'
import type { Affiliate, HierarchyNode } from '../../../../shared/contract'
import { api, toApiError, type ApiError } from '../../api'
import { useAsync } from '../../api/useAsync'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { pageSummary } from '../../table/serverTable'
import { StatusBadge } from '../../ui/Badge'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { moneyListText } from '../../ui/money'
import { StatusMessage } from '../../ui/StatusMessage'
import { AffiliatePicker, describeAffiliate, type AffiliateChoice } from '../../components/AffiliatePicker'
import { DEPTH_OPTIONS, depthLabel, moveErrorMessage, uplinePath } from './hierarchy'

const DOWNLINE_PAGE = 25

interface HierarchyPanelProps {
  affiliate: Affiliate
  /** Browse: show another affiliate of the tree in this panel. */
  onOpen: (id: number) => void
  /** After a move, so the list behind the drawer shows the new parent. */
  onMoved: (a: Affiliate) => void
}

export function AffiliateHierarchy({ affiliate, onOpen, onMoved }: HierarchyPanelProps) {
  const [version, setVersion] = useState(0)
  const refresh = () => setVersion((v) => v + 1)
  return (
    <div className="hierarchy">
      <p className="detail-summary">
        <code>{affiliate.code}</code> <strong>{affiliate.name}</strong>{' '}
        <StatusBadge status={affiliate.status} />
      </p>
      <Upline id={affiliate.id} code={affiliate.code} version={version} onOpen={onOpen} />
      <LevelStats id={affiliate.id} version={version} />
      <Downline id={affiliate.id} version={version} onOpen={onOpen} />
      <MoveUnder
        affiliate={affiliate}
        onMoved={(a) => {
          refresh()
          onMoved(a)
        }}
      />
    </div>
  )
}

function NodeButton({ node, onOpen }: { node: HierarchyNode; onOpen: (id: number) => void }) {
  return (
    <button type="button" className="link-button" onClick={() => onOpen(node.id)}>
      <code>{node.code}</code>
      <span className="visually-hidden"> — show {node.name}’s hierarchy</span>
    </button>
  )
}

function Upline({
  id,
  code,
  version,
  onOpen,
}: {
  id: number
  code: string
  version: number
  onOpen: (id: number) => void
}) {
  const upline = useAsync(() => api.call('affiliates.upline', { id }), `upline:${id}:${version}`)
  const path = uplinePath(upline.data ?? [])
  return (
    <section aria-labelledby="upline-heading">
      <h3 id="upline-heading" className="detail-heading">
        Upline
      </h3>
      <ErrorSummary error={upline.error} action="Could not load the upline" />
      {upline.data ? (
        path.length === 0 ? (
          <p className="note">Top level: nobody above {code}.</p>
        ) : (
          <ol className="upline" aria-label={`From the top down to ${code}`}>
            {path.map((n) => (
              <li key={n.id}>
                <NodeButton node={n} onOpen={onOpen} /> <span className="cell-muted">{n.name}</span>
                {n.status !== 'approved' ? <StatusBadge status={n.status} /> : null}
              </li>
            ))}
            <li aria-current="true">
              <code>{code}</code>
            </li>
          </ol>
        )
      ) : upline.loading ? (
        <p className="loading-text">Loading…</p>
      ) : null}
    </section>
  )
}

function LevelStats({ id, version }: { id: number; version: number }) {
  const stats = useAsync(() => api.call('affiliates.levelStats', { id }), `levels:${id}:${version}`)
  const data = stats.data
  return (
    <section aria-labelledby="levels-heading">
      <h3 id="levels-heading" className="detail-heading">
        Earnings by level
      </h3>
      <ErrorSummary error={stats.error} action="Could not load the level stats" />
      {data ? (
        <table className="plain-table">
          <caption className="visually-hidden">Affiliates and net earnings per level</caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col" className="num">
                Affiliates
              </th>
              <th scope="col" className="num">
                Earned (net)
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Own sales</th>
              <td className="num cell-muted">—</td>
              <td className="num money">{moneyListText(data.own)}</td>
            </tr>
            {data.levels.map((l) => (
              <tr key={l.level}>
                <th scope="row">{l.level === 1 ? 'Level 1 (direct recruits)' : `Level ${l.level}`}</th>
                <td className="num">{l.affiliates.toLocaleString('en-US')}</td>
                <td className="num money">{moneyListText(l.earnings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : stats.loading ? (
        <p className="loading-text">Loading…</p>
      ) : null}
      <p className="field-hint">
        Level n: the affiliates n steps down and the upline commission earned on their sales. Net of reversals
        and clawbacks; one amount per currency.
      </p>
    </section>
  )
}

function Downline({ id, version, onOpen }: { id: number; version: number; onOpen: (id: number) => void }) {
  const [depth, setDepth] = useState('')
  const [page, setPage] = useState(0)
  const depthId = useId()
  const maxDepth = depth === '' ? undefined : Number(depth)
  const downline = useAsync(
    () => api.call('affiliates.downline', { id, maxDepth, page, pageSize: DOWNLINE_PAGE }),
    `downline:${id}:${depth}:${page}:${version}`,
  )
  const total = downline.data?.total ?? 0
  const { page: shown, pages, from, to } = pageSummary(page, DOWNLINE_PAGE, total)
  return (
    <section aria-labelledby="downline-heading">
      <div className="table-head">
        <h3 id="downline-heading" className="detail-heading">
          Downline
        </h3>
        <div className="toolbar-field toolbar-inline">
          <label htmlFor={depthId}>Show</label>
          <select
            id={depthId}
            value={depth}
            onChange={(e) => {
              setDepth(e.target.value)
              setPage(0)
            }}
          >
            {DEPTH_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorSummary error={downline.error} action="Could not load the downline" />
      {downline.data ? (
        downline.data.rows.length === 0 ? (
          <p className="note">Nobody below this affiliate{maxDepth ? ' at these levels' : ''}.</p>
        ) : (
          <>
            <table className={`plain-table${downline.loading ? ' is-loading' : ''}`}>
              <caption className="visually-hidden">Downline</caption>
              <thead>
                <tr>
                  <th scope="col">Affiliate</th>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Depth</th>
                </tr>
              </thead>
              <tbody>
                {downline.data.rows.map((n) => (
                  <tr key={n.id}>
                    <td>
                      <NodeButton node={n} onOpen={onOpen} />
                    </td>
                    <td>{n.name}</td>
                    <td>
                      <StatusBadge status={n.status} />
                    </td>
                    <td className="cell-muted">{depthLabel(n.depth)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="mini-pagination">
              <span data-testid="downline-count">
                {from}–{to} of {total.toLocaleString('en-US')}
              </span>
              <button
                type="button"
                className="btn btn-small"
                disabled={page === 0}
                onClick={() => setPage((p) => Math.max(0, p - 1))}
              >
                Previous<span className="visually-hidden"> downline page</span>
              </button>
              <span>
                Page {shown} of {pages}
              </span>
              <button
                type="button"
                className="btn btn-small"
                disabled={shown >= pages}
                onClick={() => setPage((p) => p + 1)}
              >
                Next<span className="visually-hidden"> downline page</span>
              </button>
            </div>
          </>
        )
      ) : downline.loading ? (
        <p className="loading-text">Loading…</p>
      ) : null}
    </section>
  )
}

function MoveUnder({ affiliate, onMoved }: { affiliate: Affiliate; onMoved: (a: Affiliate) => void }) {
  const [target, setTarget] = useState<AffiliateChoice | null>(null)
  const [toTop, setToTop] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ err: ApiError; text: string } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const destination = toTop ? 'the top level' : (target?.label ?? null)
  const unchanged = toTop ? affiliate.parentId === null : target !== null && target.id === affiliate.parentId

  async function move() {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      const moved = await api.call('affiliates.move', {
        id: affiliate.id,
        parentId: toTop ? null : target!.id,
      })
      setNotice(
        moved.parentCode
          ? `${moved.code} now sits under ${moved.parentCode}.`
          : `${moved.code} is now top level.`,
      )
      setTarget(null)
      setToTop(false)
      onMoved(moved)
    } catch (err) {
      const apiErr = toApiError(err)
      const targetCode = toTop ? null : (target?.label.split(' — ')[0] ?? null)
      setError({ err: apiErr, text: moveErrorMessage(apiErr, affiliate.code, targetCode) })
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  return (
    <section className="move-under" aria-labelledby="move-heading">
      <h3 id="move-heading" className="detail-heading">
        Move under…
      </h3>
      <p className="field-hint">
        {affiliate.code} and everyone below it move together. Past commissions stay as they were; new sales
        pay the new upline.
      </p>
      {error ? (
        <div className="callout callout-danger error-summary" role="alert">
          <p className="error-summary-title">Could not move {affiliate.code}</p>
          <p className="error-summary-message">{error.text}</p>
        </div>
      ) : null}
      {!toTop ? (
        <AffiliatePicker
          label="New parent"
          value={target}
          onChange={(v) => {
            setTarget(v)
            setError(null)
          }}
          pickVerb={`move ${affiliate.code} under`}
          clearLabel="Pick another"
          exclude={(a) => a.id === affiliate.id}
        />
      ) : null}
      <label className="toolbar-check">
        <input
          type="checkbox"
          checked={toTop}
          disabled={affiliate.parentId === null && !toTop}
          onChange={(e) => {
            setToTop(e.target.checked)
            setError(null)
          }}
        />
        Top level (no parent)
        {affiliate.parentId === null ? <span className="cell-muted"> — already top level</span> : null}
      </label>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={destination === null || unchanged || busy}
          onClick={() => setConfirming(true)}
        >
          {toTop ? `Move ${affiliate.code} to the top level` : `Move ${affiliate.code}`}
        </button>
        {unchanged && destination ? <span className="cell-muted">Already there.</span> : null}
        <StatusMessage text={notice} />
      </div>
      {confirming && destination ? (
        <ConfirmDialog
          title={`Move ${affiliate.code}?`}
          confirmLabel="Move"
          busy={busy}
          onConfirm={move}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {describeAffiliate(affiliate)} and its {affiliate.downlineCount.toLocaleString('en-US')} downline
            affiliate{affiliate.downlineCount === 1 ? '' : 's'} move under {destination}.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}

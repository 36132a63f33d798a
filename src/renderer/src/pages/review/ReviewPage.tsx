import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { useAsync } from '../../api/useAsync'
import { displayMoney } from '../../../../shared/money'
import { api, toApiError } from '../../api'
import {
  createDecisionBuffer,
  secondsLeft,
  type Decision,
  type DecisionBuffer,
  type HeldDecision,
} from '../../domain/decisionBuffer'
import { contributionText, featureLabel, focusAfterRemoval } from '../../domain/reviewReasons'
import { TRUST_LABEL } from '../../domain/conversionRules'
import { PageHeader } from '../../ui/PageHeader'
import { formatDateTimeShort } from '../../ui/format'
import { KeysHelp } from './KeysHelp'
import { ReasonChips } from './ReasonChips'
import { ReviewPanel } from './ReviewPanel'

/** How long the last decision waits before it is sent, so `u` can still cancel it. */
export const UNDO_MS = 5_000
const PAGE_SIZE = 50
/** Fewer rows than this left on screen: fetch the next ones while the manager works. */
const REFILL_BELOW = 15
const DEFAULT_REASON: Record<Decision, string> = {
  approve: 'Approved in review',
  reject: 'Rejected in review',
}
const PAST: Record<Decision, string> = { approve: 'Approved', reject: 'Rejected' }

const ids = (list: readonly number[]) => list.map((id) => `#${id}`).join(', ')

/** Keys are for the list; typing in a field must never approve or reject anything. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  return false
}

export function ReviewPage() {
  const list = useAsync(() => api.call('review.list', { pageSize: PAGE_SIZE }), 'review.list')
  const reload = list.reload
  // Decided in this visit (held or sent): hidden at once, whatever the last load said.
  const [decided, setDecided] = useState<ReadonlySet<number>>(new Set())
  const [focusedId, setFocusedId] = useState<number | null>(null)
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set())
  const [held, setHeld] = useState<HeldDecision | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [reason, setReason] = useState('')
  const [announcement, setAnnouncement] = useState('')
  const [failures, setFailures] = useState<{ id: number; message: string }[]>([])
  const [helpOpen, setHelpOpen] = useState(false)
  const rowRefs = useRef(new Map<number, HTMLTableRowElement>())
  const focusRow = useRef(false)

  const loaded = list.data?.rows ?? []
  const visible = loaded.filter((r) => !decided.has(r.id))
  const waiting = Math.max(0, (list.data?.total ?? 0) - (loaded.length - visible.length))
  // The focus stays on a row that exists: the one chosen, else the first.
  const focused = visible.some((r) => r.id === focusedId) ? focusedId : (visible[0]?.id ?? null)

  // Sends a decision and reports what the server refused; those come back to the list (reloaded, so
  // one decided elsewhere in the meantime does not). Uses only setters and the stable reload.
  const [buffer] = useState<DecisionBuffer>(() =>
    createDecisionBuffer({
      delayMs: UNDO_MS,
      onChange: (h) => setHeld(h),
      send: (d) => {
        api
          .call('review.decide', { ids: d.ids, decision: d.decision, reason: d.reason })
          .then(
            ({ results }) => results.flatMap((r) => (r.ok ? [] : [{ id: r.id, message: r.message }])),
            (err: unknown) => {
              const message = toApiError(err).message
              return d.ids.map((id) => ({ id, message }))
            },
          )
          .then((failed) => {
            if (failed.length === 0) return
            setFailures((prev) => [...prev, ...failed])
            setDecided((prev) => new Set([...prev].filter((id) => !failed.some((f) => f.id === id))))
            setAnnouncement(`Could not ${d.decision} ${ids(failed.map((f) => f.id))}.`)
            reload()
          })
      },
    }),
  )

  // Leaving the page sends what is held (unmount, or the window closing).
  useEffect(() => {
    const onHide = () => buffer.flush()
    window.addEventListener('pagehide', onHide)
    return () => {
      window.removeEventListener('pagehide', onHide)
      buffer.flush()
    }
  }, [buffer])

  // The countdown ticks only while something is held.
  useEffect(() => {
    if (!held) return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [held])

  // Keyboard moves and decisions carry the DOM focus with them; the mouse and typing do not need it.
  useEffect(() => {
    if (!focusRow.current || focused === null) return
    focusRow.current = false
    rowRefs.current.get(focused)?.focus()
  }, [focused])

  function decide(targets: number[], decision: Decision) {
    if (targets.length === 0) return
    const chosen = reason.trim() || DEFAULT_REASON[decision]
    const gone = new Set(targets)
    const next = focusAfterRemoval(visible, gone, focused)
    setDecided((prev) => new Set([...prev, ...targets]))
    setSelected((prev) => new Set([...prev].filter((id) => !gone.has(id))))
    setFocusedId(next)
    focusRow.current = true
    setReason('')
    buffer.hold({ ids: targets, decision, reason: chosen })
    // Refill before the screen runs dry; the rows held or sent stay hidden when the page returns.
    if (visible.length - gone.size < REFILL_BELOW && waiting - gone.size > visible.length - gone.size)
      reload()
    setAnnouncement(
      `${PAST[decision]} ${ids(targets)}. Sending in ${UNDO_MS / 1000} seconds; press u to undo.`,
    )
  }

  function undo() {
    const d = buffer.undo()
    if (!d) {
      setAnnouncement('Nothing to undo: only the last decision can be undone while it waits.')
      return
    }
    setDecided((prev) => new Set([...prev].filter((id) => !d.ids.includes(id))))
    // A bulk decision undone comes back selected, ready to be decided again.
    if (d.ids.length > 1) setSelected((prev) => new Set([...prev, ...d.ids]))
    setFocusedId(d.ids[0]!)
    focusRow.current = true
    setAnnouncement(`Undone: ${ids(d.ids)} ${d.ids.length === 1 ? 'stays' : 'stay'} in the queue.`)
  }

  function move(by: number) {
    if (visible.length === 0) return
    const at = visible.findIndex((r) => r.id === focused)
    const to = Math.min(visible.length - 1, Math.max(0, (at < 0 ? 0 : at) + by))
    setFocusedId(visible[to]!.id)
    focusRow.current = true
    // The focused row is announced by the screen reader as it takes the focus.
  }

  function toggle(id: number) {
    setSelected((prev) => {
      const next = new Set(prev)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (helpOpen || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
        move(1)
        break
      case 'k':
      case 'ArrowUp':
        move(-1)
        break
      case 'a':
        if (focused !== null) decide([focused], 'approve')
        break
      case 'r':
        if (focused !== null) decide([focused], 'reject')
        break
      case 'u':
        undo()
        break
      case 'x':
        if (focused !== null) toggle(focused)
        break
      case '?':
        setHelpOpen(true)
        break
      default:
        return
    }
    e.preventDefault()
  })
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e)
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [])

  const selectedVisible = visible.filter((r) => selected.has(r.id)).map((r) => r.id)
  const allSelected = visible.length > 0 && selectedVisible.length === visible.length

  return (
    <div className="page review-page">
      <PageHeader
        title="Review queue"
        description={
          <>
            Flagged conversions wait here, riskiest first; none is approved automatically. Keys: <kbd>j</kbd>/
            <kbd>k</kbd> move, <kbd>a</kbd> approve, <kbd>r</kbd> reject, <kbd>u</kbd> undo, <kbd>?</kbd> all
            keys.
          </>
        }
        actions={
          <button type="button" className="btn" onClick={() => setHelpOpen(true)}>
            Keyboard help
          </button>
        }
      />
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="review-announcer">
        {announcement}
      </p>

      <div className="bulk-bar" role="group" aria-label="Decision">
        <span className="bulk-count" data-testid="review-waiting">
          {waiting === 1 ? '1 waiting' : `${waiting.toLocaleString('en-US')} waiting`}
          {selectedVisible.length > 0 ? ` · ${selectedVisible.length} selected` : ''}
        </span>
        <input
          aria-label="Reason for the next decision (optional; a default reason is used when empty)"
          className="bulk-reason"
          placeholder="Reason (optional)"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            // Enter or Escape hands the keys back to the list.
            if (e.key === 'Enter' || e.key === 'Escape') {
              e.preventDefault()
              if (focused !== null) rowRefs.current.get(focused)?.focus()
            }
          }}
        />
        <button
          type="button"
          className="btn btn-positive"
          disabled={selectedVisible.length === 0}
          onClick={() => decide(selectedVisible, 'approve')}
        >
          Approve selected
        </button>
        <button
          type="button"
          className="btn btn-danger-outline"
          disabled={selectedVisible.length === 0}
          onClick={() => decide(selectedVisible, 'reject')}
        >
          Reject selected
        </button>
      </div>

      {held ? (
        <div className="undo-bar" data-testid="undo-bar">
          <span>
            {PAST[held.decision]} {ids(held.ids)} — sending in{' '}
            <strong className="undo-countdown">{Math.min(UNDO_MS / 1000, secondsLeft(held, now))} s</strong>
          </span>
          <button type="button" className="btn btn-small" onClick={undo}>
            Undo <kbd>u</kbd>
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => buffer.flush()}>
            Send now
          </button>
        </div>
      ) : null}

      {failures.length > 0 ? (
        <div className="callout callout-danger error-summary" role="alert">
          <p className="error-summary-title">Some decisions were not applied</p>
          <ul>
            {failures.map((f, i) => (
              <li key={`${f.id}-${i}`}>
                #{f.id}: {f.message}
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-small" onClick={() => setFailures([])}>
            Dismiss
          </button>
        </div>
      ) : null}
      {list.error ? (
        <div className="callout callout-danger" role="alert">
          Could not load the queue: {list.error.message}{' '}
          <button type="button" className="btn btn-small" onClick={reload}>
            Try again
          </button>
        </div>
      ) : null}

      <div className="review-layout">
        <div className="table-scroll review-list">
          <table className="data-table review-table" aria-busy={list.loading}>
            <caption className="visually-hidden">Conversions waiting for review, riskiest first</caption>
            <thead>
              <tr>
                <th scope="col" className="cell-check">
                  <input
                    type="checkbox"
                    className="row-check"
                    aria-label="Select every conversion shown"
                    checked={allSelected}
                    disabled={visible.length === 0}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(visible.map((r) => r.id)))}
                  />
                </th>
                <th scope="col">#</th>
                <th scope="col">Score</th>
                <th scope="col">Reasons</th>
                <th scope="col">Model</th>
                <th scope="col">Affiliate</th>
                <th scope="col">Campaign</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Report</th>
                <th scope="col">Received</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((r) => (
                <tr
                  key={r.id}
                  ref={(el) => {
                    if (el) rowRefs.current.set(r.id, el)
                    else rowRefs.current.delete(r.id)
                  }}
                  data-id={r.id}
                  tabIndex={r.id === focused ? 0 : -1}
                  aria-current={r.id === focused ? 'true' : undefined}
                  className={`review-row is-clickable${r.id === focused ? ' is-active' : ''}${selected.has(r.id) ? ' is-selected' : ''}`}
                  onClick={() => setFocusedId(r.id)}
                  onFocus={(e) => {
                    if (e.target === e.currentTarget) setFocusedId(r.id)
                  }}
                >
                  <td className="cell-check">
                    <input
                      type="checkbox"
                      className="row-check"
                      aria-label={`Select conversion ${r.id}`}
                      checked={selected.has(r.id)}
                      tabIndex={-1}
                      onClick={(e) => e.stopPropagation()}
                      onChange={() => toggle(r.id)}
                    />
                  </td>
                  <th scope="row">#{r.id}</th>
                  <td>
                    <span className={`score score-${r.score >= 70 ? 'high' : r.score >= 40 ? 'mid' : 'low'}`}>
                      {r.score}
                    </span>
                  </td>
                  <td>
                    <ReasonChips reasons={r.reasons} />
                  </td>
                  <td>
                    {r.modelTop ? (
                      <span className="cell-muted">
                        {r.modelTop
                          .slice(0, 2)
                          .map((f) => `${featureLabel(f.feature)} ${contributionText(f.contribution)}`)
                          .join(', ')}
                      </span>
                    ) : (
                      <span
                        className="cell-muted"
                        title="Too few decisions to train on: the rules alone decide"
                      >
                        rules only
                      </span>
                    )}
                  </td>
                  <td>
                    <code>{r.affiliateCode}</code>
                  </td>
                  <td className="cell-clip" title={r.campaignName}>
                    {r.campaignName}
                  </td>
                  <td className="num money">{displayMoney(r.amountMinor, r.currency)}</td>
                  <td title={TRUST_LABEL[r.trust]}>{r.trust}</td>
                  <td className="nowrap">{formatDateTimeShort(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data && !list.loading && visible.length === 0 ? (
            <p className="placeholder" data-testid="review-empty">
              Nothing to review: no flagged conversion is waiting.
            </p>
          ) : null}
        </div>
        {focused !== null ? <ReviewPanel key={focused} id={focused} /> : null}
      </div>

      {helpOpen ? <KeysHelp undoSeconds={UNDO_MS / 1000} onClose={() => setHelpOpen(false)} /> : null}
    </div>
  )
}

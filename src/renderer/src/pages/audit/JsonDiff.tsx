import { useState } from 'react'
import type { AuditEntry } from '../../../../shared/contract'
import { diffJson, showJson } from './jsonDiff'

const KIND_LABEL = { added: 'added', removed: 'removed', changed: 'changed', unchanged: '' } as const

export function JsonDiff({ entry }: { entry: AuditEntry }) {
  const [showAll, setShowAll] = useState(false)
  const rows = diffJson(entry.before, entry.after)
  const changed = rows.filter((r) => r.kind !== 'unchanged')
  const visible = showAll ? rows : changed
  // A creation has no "before" and a deletion no "after": an all-empty column would only be noise.
  const hasBefore = entry.before !== null && entry.before !== undefined
  const hasAfter = entry.after !== null && entry.after !== undefined
  const both = hasBefore && hasAfter
  return (
    <div className="json-diff">
      {rows.length === 0 ? (
        <p className="cell-muted">No data recorded for this entry.</p>
      ) : (
        <table className="diff-table">
          <caption className="visually-hidden">Changes in audit entry {entry.id}</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {hasBefore ? <th scope="col">{hasAfter ? 'Before' : 'Value when deleted'}</th> : null}
              {hasAfter ? <th scope="col">{hasBefore ? 'After' : 'Value when created'}</th> : null}
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr key={r.path} className={both ? `diff-${r.kind}` : undefined}>
                <th scope="row">
                  <code>{r.path || '(value)'}</code>
                  {both && KIND_LABEL[r.kind] ? (
                    <span className="diff-kind"> {KIND_LABEL[r.kind]}</span>
                  ) : null}
                </th>
                {hasBefore ? (
                  <td className="diff-before">
                    <code>{showJson(r.before)}</code>
                  </td>
                ) : null}
                {hasAfter ? (
                  <td className="diff-after">
                    <code>{showJson(r.after)}</code>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > changed.length ? (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setShowAll((v) => !v)}>
          {showAll ? 'Show changed fields only' : `Show ${rows.length - changed.length} unchanged fields too`}
        </button>
      ) : null}
    </div>
  )
}

import { useEffect, useId, useState } from 'react'
import type { Affiliate } from '../../../../shared/contract'
import { api } from '../../api'
import { useDebouncedValue } from '../../ui/useDebouncedValue'
import type { ParentChoice } from './affiliateForm'

interface ParentPickerProps {
  value: ParentChoice | null
  onChange: (value: ParentChoice | null) => void
  error?: string | undefined
}

const describe = (a: Affiliate): string => `${a.code} — ${a.name}`

/** Pick the upline affiliate by searching code, name or email (the server does the matching). */
export function ParentPicker({ value, onChange, error }: ParentPickerProps) {
  const id = useId()
  const [term, setTerm] = useState('')
  const debounced = useDebouncedValue(term.trim(), 250)
  const [found, setFound] = useState<{ term: string; rows: Affiliate[] } | null>(null)

  useEffect(() => {
    if (debounced === '') return
    let live = true
    api
      .call('affiliates.list', {
        search: debounced,
        page: 0,
        pageSize: 8,
        sort: { field: 'code', dir: 'asc' },
      })
      .then(
        (res) => live && setFound({ term: debounced, rows: res.rows }),
        () => live && setFound({ term: debounced, rows: [] }),
      )
    return () => {
      live = false
    }
  }, [debounced])

  const results = found && found.term === debounced && debounced !== '' ? found.rows : null
  const errorId = error ? `${id}-error` : undefined

  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        Parent affiliate<span className="field-optional"> (optional)</span>
      </label>
      {value ? (
        <div className="parent-chosen">
          <span>{value.label}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange(null)}>
            Remove parent
          </button>
        </div>
      ) : (
        <>
          <input
            id={id}
            type="search"
            value={term}
            placeholder="Search by code, name or email"
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={errorId}
            onChange={(e) => setTerm(e.target.value)}
          />
          {results ? (
            results.length === 0 ? (
              <p className="field-hint">No affiliate matches “{debounced}”.</p>
            ) : (
              <ul className="picker-results" aria-label="Matching affiliates">
                {results.map((a) => (
                  <li key={a.id}>
                    <button
                      type="button"
                      onClick={() => {
                        onChange({ id: a.id, label: describe(a) })
                        setTerm('')
                      }}
                    >
                      {describe(a)}
                      <span className="visually-hidden"> — use as parent</span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </>
      )}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <p className="field-hint">
        The parent earns the campaign’s upline commission on this affiliate’s sales.
      </p>
    </div>
  )
}

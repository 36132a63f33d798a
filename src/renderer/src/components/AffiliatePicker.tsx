import { useEffect, useState, type ReactNode } from 'react'
import type { Affiliate } from '../../../shared/contract'
import { api } from '../api'
import { Field } from '../forms/Field'
import { useDebouncedValue } from '../ui/useDebouncedValue'

export interface AffiliateChoice {
  id: number
  label: string
}

interface AffiliatePickerProps {
  label: string
  value: AffiliateChoice | null
  onChange: (value: AffiliateChoice | null) => void
  error?: string | undefined
  hint?: ReactNode
  optional?: boolean
  /** Said after each result for screen readers: "use as parent". */
  pickVerb: string
  /** The button that clears the choice: "Remove parent". */
  clearLabel: string
  /** Affiliates that cannot be chosen here (e.g. the affiliate itself). */
  exclude?: (a: Affiliate) => boolean
  /** Only affiliates with this status (the server filters). */
  status?: Affiliate['status']
}

export const describeAffiliate = (a: Pick<Affiliate, 'code' | 'name'>): string => `${a.code} — ${a.name}`

/** Pick an affiliate by searching code, name or email (the server does the matching). */
export function AffiliatePicker({
  label,
  value,
  onChange,
  error,
  hint,
  optional,
  pickVerb,
  clearLabel,
  exclude,
  status,
}: AffiliatePickerProps) {
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
        status,
      })
      .then(
        (res) => live && setFound({ term: debounced, rows: res.rows }),
        () => live && setFound({ term: debounced, rows: [] }),
      )
    return () => {
      live = false
    }
  }, [debounced, status])

  const results =
    found && found.term === debounced && debounced !== '' ? found.rows.filter((a) => !exclude?.(a)) : null

  return (
    <Field label={label} optional={optional} error={error} hint={hint}>
      {(control) =>
        value ? (
          <div className="parent-chosen">
            <span>{value.label}</span>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange(null)}>
              {clearLabel}
            </button>
          </div>
        ) : (
          <>
            <input
              {...control}
              type="search"
              value={term}
              placeholder="Search by code, name or email"
              autoComplete="off"
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
                          onChange({ id: a.id, label: describeAffiliate(a) })
                          setTerm('')
                        }}
                      >
                        {describeAffiliate(a)}
                        <span className="visually-hidden"> — {pickVerb}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </>
        )
      }
    </Field>
  )
}

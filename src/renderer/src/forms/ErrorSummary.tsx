import { useEffect, useRef } from 'react'
import type { ApiError } from '../api/ApiError'
import { unplacedIssues } from './fieldErrors'

const TITLES: Record<string, string> = {
  invalid_input: 'Some fields need attention',
  conflict: 'This clashes with an existing record',
  not_found: 'Not found',
  forbidden: 'Not allowed',
  unauthorized: 'Your session has ended',
  network: 'Cannot reach Affiliate Desk',
}

interface ErrorSummaryProps {
  error: ApiError | null | undefined
  /** Paths the form shows next to a field; other issues are listed here so none is hidden. */
  placedPaths?: readonly string[]
  /** What was being attempted, e.g. "Could not save the campaign". */
  action?: string
  /**
   * For forms: move focus here when an error appears, so it is seen (and read out) even when the
   * owner pressed Save at the bottom of a long form. Off for list errors, which must not steal focus.
   */
  focusOnShow?: boolean
}

export function ErrorSummary({ error, placedPaths = [], action, focusOnShow = false }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (focusOnShow && error) ref.current?.focus()
  }, [error, focusOnShow])
  if (!error) return null
  const rest = unplacedIssues(error.issues, placedPaths)
  return (
    <div className="callout callout-danger error-summary" role="alert" ref={ref} tabIndex={-1}>
      <p className="error-summary-title">
        {action ? `${action}: ` : ''}
        {TITLES[error.code] ?? 'Something went wrong'}
      </p>
      <p className="error-summary-message">{error.message}</p>
      {rest.length > 0 ? (
        <ul>
          {rest.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path ? <code>{issue.path}</code> : null} {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

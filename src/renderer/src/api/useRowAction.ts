// A change made from a table row (approve, deactivate, ...): one row is busy at a time, the outcome is
// announced, and a failure is shown above the list without losing it.
import { useCallback, useState } from 'react'
import { toApiError, type ApiError } from './ApiError'

export interface RowAction {
  /** The row whose change is in flight, or null. */
  busyId: number | null
  error: ApiError | null
  /** The last outcome, for a status message; pages also set it for their own changes. */
  notice: string | null
  setNotice: (text: string | null) => void
  /** Runs the change for a row; what it resolves to is announced, then onDone runs (e.g. reload). */
  run: (id: number, change: () => Promise<string>) => Promise<void>
}

export function useRowAction(onDone: () => void): RowAction {
  const [busyId, setBusyId] = useState<number | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const run = useCallback(
    async (id: number, change: () => Promise<string>) => {
      setBusyId(id)
      setError(null)
      try {
        setNotice(await change())
        onDone()
      } catch (err) {
        setError(toApiError(err))
      } finally {
        setBusyId(null)
      }
    },
    [onDone],
  )
  return { busyId, error, notice, setNotice, run }
}

import { useCallback, useEffect, useEffectEvent, useState } from 'react'
import { toApiError, type ApiError } from './ApiError'

interface Settled<T> {
  key: string
  data?: T
  error?: ApiError
}

export interface AsyncState<T> {
  /** The last loaded value; kept while a reload runs so screens don't flash empty. */
  data: T | undefined
  error: ApiError | null
  loading: boolean
  reload: () => void
}

/**
 * Load something when `key` changes. The result remembers which key it belongs to, so "loading" is
 * derived rather than set from the effect, and a slow answer for an old key is simply ignored.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> {
  const [version, setVersion] = useState(0)
  const fullKey = `${key}#${version}`
  const [settled, setSettled] = useState<Settled<T> | null>(null)
  const run = useEffectEvent(load)

  useEffect(() => {
    let live = true
    run().then(
      (data) => live && setSettled({ key: fullKey, data }),
      (err: unknown) =>
        live && setSettled((prev) => ({ key: fullKey, data: prev?.data, error: toApiError(err) })),
    )
    return () => {
      live = false
    }
  }, [fullKey])

  const reload = useCallback(() => setVersion((v) => v + 1), [])
  const current = settled?.key === fullKey
  return {
    data: settled?.data,
    error: current ? (settled.error ?? null) : null,
    loading: !current,
    reload,
  }
}

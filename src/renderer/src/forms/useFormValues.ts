import { useCallback, useState } from 'react'
import type { FieldErrors } from './fieldErrors'

/** What a bound field needs from its form: the typed values, a setter per key, the errors by path. */
export interface FormBinding<V> {
  values: V
  set: <K extends keyof V>(key: K, value: V[K]) => void
  errors: FieldErrors
}

/** A form's text values with a per-key setter; the values stay as typed until the form resets them. */
export function useFormValues<V extends object>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial)
  const set = useCallback(
    <K extends keyof V>(key: K, value: V[K]) => setValues((prev) => ({ ...prev, [key]: value })),
    [],
  )
  return { values, setValues, set }
}

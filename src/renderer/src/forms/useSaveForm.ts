import { useState } from 'react'
import type { MethodInput, MethodName } from '../../../shared/contract'
import type { ErrorIssue } from '../../../shared/errors'
import { ApiError, toApiError } from '../api/ApiError'
import { issuesToFieldErrors } from './fieldErrors'
import { useFormValues, type FormBinding } from './useFormValues'
import { allIssues } from './validate'

/** What a form says when its own check refuses the values; the issues go to the fields. */
export function invalidInput(issues: ErrorIssue[]): ApiError {
  return new ApiError('invalid_input', 'Fix the highlighted fields and save again.', issues)
}

/**
 * The input a form built, checked with the method's schema before it is sent; throws `invalidInput`
 * so a save inside `submit` stops there and the form shows every problem at once.
 */
export function validInput<M extends MethodName>(
  method: M,
  built: { input: MethodInput<M>; issues: ErrorIssue[] },
): MethodInput<M> {
  const issues = allIssues(method, built)
  if (issues.length) throw invalidInput(issues)
  return built.input
}

/**
 * A form that saves through the API: the values as typed, the last refusal (its issues shown on the
 * fields) and whether a save is running. A refused save leaves the values as they are, so the owner
 * fixes them and submits again.
 */
export function useSaveForm<V extends object>(initial: V | (() => V)) {
  const { values, setValues, set } = useFormValues<V>(initial)
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  const form: FormBinding<V> = { values, set, errors: issuesToFieldErrors(error?.issues ?? []) }

  async function submit<T>(save: () => Promise<T>, onSaved: (saved: T) => void): Promise<void> {
    setSaving(true)
    try {
      const saved = await save()
      setError(null)
      onSaved(saved)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }

  return { form, values, setValues, set, errors: form.errors, error, saving, submit }
}

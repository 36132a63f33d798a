// Early validation with the very schemas the main process applies, so the messages a form shows
// before saving are the ones the server would send. The server still validates everything.
import { contract, type MethodInput, type MethodName } from '../../../shared/contract'
import type { ErrorIssue } from '../../../shared/errors'

export function schemaIssues<M extends MethodName>(method: M, input: MethodInput<M>): ErrorIssue[] {
  const result = contract[method].input.safeParse(input)
  if (result.success) return []
  return result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

/**
 * All problems with a form at once: conversion errors (bad % or amount text) first, then whatever
 * the schema finds on the other fields, so one submit highlights every field that needs fixing.
 */
export function allIssues<M extends MethodName>(
  method: M,
  built: { input: MethodInput<M>; issues: ErrorIssue[] },
): ErrorIssue[] {
  const converted = new Set(built.issues.map((i) => i.path))
  return [...built.issues, ...schemaIssues(method, built.input).filter((i) => !converted.has(i.path))]
}

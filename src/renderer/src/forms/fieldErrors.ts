import type { ErrorIssue } from '../../../shared/errors'

/** Error messages keyed by the contract's input path, e.g. `email` or `plan.tiers.1.rateBps`. */
export type FieldErrors = Record<string, string>

/** First message per path; the form shows one message per field. */
export function issuesToFieldErrors(issues: readonly ErrorIssue[]): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    if (!(issue.path in out)) out[issue.path] = issue.message
  }
  return out
}

/** Issues no field of the form displays, so the summary can list them and nothing goes unseen. */
export function unplacedIssues(issues: readonly ErrorIssue[], placed: readonly string[]): ErrorIssue[] {
  return issues.filter((i) => !placed.includes(i.path))
}

/** Collects conversion errors (text → minor units, % → bps) while building an API input. */
export class IssueCollector {
  readonly issues: ErrorIssue[] = []

  take<T>(path: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value
    this.issues.push({ path, message: parsed.message })
    return undefined
  }

  add(path: string, message: string): void {
    this.issues.push({ path, message })
  }
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

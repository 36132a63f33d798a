// Errors that cross the contract. Anything else that escapes a handler is reported as
// `internal` without its message, so internals never leak to the renderer or an HTTP client.
/**
 * `unavailable`: the data folder cannot be written (disk full, read-only); nothing was saved, retry later.
 * `unsupported`: this shell cannot do it at all (e.g. printing to PDF in headless mode); retrying never helps.
 */
export type ErrorCode =
  'invalid_input' | 'not_found' | 'conflict' | 'forbidden' | 'unavailable' | 'unsupported' | 'internal'

export interface ErrorIssue {
  path: string
  message: string
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ErrorIssue[] = [],
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what: string, id: unknown): AppError =>
  new AppError('not_found', `${what} ${JSON.stringify(id)} does not exist`)

export const conflict = (message: string): AppError => new AppError('conflict', message)

export const invalid = (message: string, issues: ErrorIssue[] = []): AppError =>
  new AppError('invalid_input', message, issues)

/** The wire form of an error, identical over IPC and HTTP. */
export interface WireError {
  code: ErrorCode
  message: string
  issues: ErrorIssue[]
}

export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) return { code: err.code, message: err.message, issues: err.issues }
  return { code: 'internal', message: 'Something went wrong inside Affiliate Desk; see the log.', issues: [] }
}

import type { ErrorCode, ErrorIssue } from '../../../shared/errors'

/** The contract's error codes plus the two only a client can see: no session and no server. */
export type ApiErrorCode = ErrorCode | 'unauthorized' | 'network'

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly issues: ErrorIssue[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Anything thrown in the UI becomes an ApiError, so every error view has one shape to render. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof Error) return new ApiError('internal', err.message)
  return new ApiError('internal', String(err))
}

// One HTTP call to a payment provider, with a timeout and bounded retries. Only calls that carry
// an idempotency key (or are harmless to repeat) go through here: a dropped connection or a 5xx
// may mean the provider acted, so the retry must be the very same request, keys included.

export interface HttpOptions {
  /** Per attempt; a loaded provider answers within seconds. */
  timeoutMs?: number
  /** Attempts in all (first + retries). */
  attempts?: number
  /** First backoff; doubled each retry, with jitter. */
  backoffMs?: number
}

export const DEFAULT_HTTP: Required<HttpOptions> = { timeoutMs: 30_000, attempts: 4, backoffMs: 500 }

/** The provider answered with an error status; `body` is its parsed error (never our credentials). */
export class ProviderHttpError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${provider} answered ${status} to ${what}${describeBody(body)}`)
    this.name = 'ProviderHttpError'
  }
  get auth(): boolean {
    return this.status === 401 || this.status === 403
  }
}

/** No answer at all after every attempt (network down, timeouts, 5xx throughout). */
export class ProviderUnreachable extends Error {
  constructor(provider: string, what: string, cause: unknown) {
    super(
      `${provider} could not be reached for ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
    )
    this.name = 'ProviderUnreachable'
  }
}

function describeBody(body: unknown): string {
  if (!body || typeof body !== 'object') return ''
  const b = body as Record<string, unknown>
  const parts = [b.name, b.error, b.message, b.error_description]
  const errors = Array.isArray(b.errors) ? (b.errors as Record<string, unknown>[]) : []
  for (const e of errors) parts.push(e.code, e.message)
  const text = parts.filter((p) => typeof p === 'string' && p).join(': ')
  return text ? ` (${text.slice(0, 300)})` : ''
}

const retryable = (status: number) => status >= 500 || status === 429 || status === 408

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface ProviderRequest {
  provider: string
  what: string
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  /** JSON object or a form-encoded string. */
  body?: unknown
}

export interface ProviderResponse {
  status: number
  body: unknown
}

/**
 * Sends the request, retrying the same request on network errors, timeouts, 408, 429 and 5xx.
 * Any other status is returned to the caller, who decides what a 4xx means (a repeat key, bad
 * credentials). Throws ProviderUnreachable once the attempts are spent.
 */
export async function providerRequest(
  req: ProviderRequest,
  opts: HttpOptions = {},
): Promise<ProviderResponse> {
  const o = { ...DEFAULT_HTTP, ...opts }
  const body =
    req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers }
  if (body !== undefined && typeof req.body !== 'string') headers['content-type'] = 'application/json'
  let last: unknown = null
  for (let attempt = 0; attempt < o.attempts; attempt++) {
    if (attempt > 0) await sleep(o.backoffMs * 2 ** (attempt - 1) * (1 + Math.random() / 2))
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(o.timeoutMs),
        redirect: 'error',
      })
      const text = await res.text()
      let parsed: unknown = null
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {
        parsed = { message: text.slice(0, 300) }
      }
      if (retryable(res.status)) {
        last = new ProviderHttpError(req.provider, res.status, parsed, req.what)
        continue
      }
      return { status: res.status, body: parsed }
    } catch (err) {
      last = err
    }
  }
  throw new ProviderUnreachable(req.provider, req.what, last)
}

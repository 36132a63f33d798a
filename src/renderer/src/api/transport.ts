// How a contract call reaches the main process. Electron: the preload's bridge (IPC). Headless:
// HTTP to the local server. Both return the same Envelope, so the client above has one code path.
import type { MethodName } from '../../../shared/contract'
import type { Envelope } from '../../../shared/methods'

export type Transport = (method: MethodName, input: unknown) => Promise<Envelope<unknown>>

export type Bridge = Partial<Record<MethodName, (input: unknown) => Promise<Envelope<unknown>>>>

export function bridgeTransport(bridge: Bridge): Transport {
  return async (method, input) => {
    const fn = bridge[method]
    if (typeof fn !== 'function')
      return failure('not_found', `This version of the app has no "${method}" method`)
    return fn(input)
  }
}

export interface HttpTransportOptions {
  getToken: () => string | null
  onUnauthorized: () => void
  noTokenMessage: string
  fetch?: typeof fetch
}

export function httpTransport(opts: HttpTransportOptions): Transport {
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args))
  return async (method, input) => {
    const token = opts.getToken()
    if (!token) {
      opts.onUnauthorized()
      return failure('unauthorized', opts.noTokenMessage)
    }
    let res: Response
    try {
      res = await doFetch(`/api/rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Session-Token': token },
        body: JSON.stringify(input ?? {}),
      })
    } catch {
      return failure('network', 'Cannot reach Affiliate Desk. Is `affiliate-desk serve` still running?')
    }
    if (res.status === 401) {
      opts.onUnauthorized()
      return failure('unauthorized', opts.noTokenMessage)
    }
    const body: unknown = await res.json().catch(() => null)
    if (isEnvelope(body)) return body
    return failure('internal', `The server answered HTTP ${res.status} without a result`)
  }
}

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  if (value.ok === true) return 'value' in value
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null
}

function failure(code: string, message: string): Envelope<never> {
  return { ok: false, error: { code, message, issues: [] } }
}

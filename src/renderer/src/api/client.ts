// The typed client every screen uses. Only types come from the contract, so calling the API never
// pulls zod into the code path (forms may still use the schemas for early validation).
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract'
import { ApiError } from './ApiError'
import { storageHealth as defaultHealth, type StorageHealth } from './storageHealth'
import type { Transport } from './transport'

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
}

export function createApiClient(transport: Transport, health: StorageHealth = defaultHealth): ApiClient {
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    let envelope
    try {
      envelope = await transport(method, input)
    } catch (err) {
      throw new ApiError('network', err instanceof Error ? err.message : 'The call did not complete')
    }
    if (envelope.ok) {
      health.succeeded(method)
      return envelope.value as MethodOutput<M>
    }
    const { code, message, issues } = envelope.error
    if (code === 'unavailable') health.failed(method, message)
    throw new ApiError(code, message, Array.isArray(issues) ? issues : [])
  }
  return { call }
}

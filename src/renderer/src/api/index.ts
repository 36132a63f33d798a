// The app's one client, wired to whichever shell we run in.
import { BRIDGE_KEY } from '../../../shared/methods'
import { createApiClient } from './client'
import { NO_TOKEN_MESSAGE, readToken, sessionStore } from './session'
import { bridgeTransport, httpTransport, type Bridge, type Transport } from './transport'

declare global {
  interface Window {
    [BRIDGE_KEY]?: Bridge
  }
}

export const bridge: Bridge | undefined = window[BRIDGE_KEY]

/** True when served to a browser by `affiliate-desk serve` rather than running inside Electron. */
export const isHeadless = bridge === undefined

const transport: Transport = bridge
  ? bridgeTransport(bridge)
  : httpTransport({
      getToken: readToken,
      onUnauthorized: sessionStore.markLost,
      noTokenMessage: NO_TOKEN_MESSAGE,
    })

export const api = createApiClient(transport)
export { ApiError, toApiError } from './ApiError'

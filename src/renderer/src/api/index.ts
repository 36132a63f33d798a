// The app's one client, wired to whichever shell we run in.
import type { MethodOutput } from '../../../shared/contract'
import { BRIDGE_KEY } from '../../../shared/methods'
import { createApiClient } from './client'
import { createFileSaver } from './saveFile'
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

/** Saves a file where the shell can: the desktop's save dialog, or a browser download. */
export const saveFile = createFileSaver({ headless: isHeadless, api })
export { describeSave, type FileToSave, type SaveOutcome } from './saveFile'

let shellInfo: Promise<MethodOutput<'app.info'>> | null = null

/**
 * app.info, asked once for the whole session (what the shell can do does not change while it runs),
 * so a list of rows can each ask without a call per row; a failure is forgotten and asked again.
 */
export function appInfoOnce(): Promise<MethodOutput<'app.info'>> {
  shellInfo ??= api.call('app.info', {}).catch((err: unknown) => {
    shellInfo = null
    throw err
  })
  return shellInfo
}

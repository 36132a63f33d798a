// The contract over IPC: one handler per contract method, nothing generic. A handler only answers
// the app's own page: if the window ever showed anything else (a navigation that slipped past the
// guard, say), that page's calls get a `forbidden` envelope instead of reaching the core.
import type { Dispatch } from '../../core/dispatch'
import { IPC_PREFIX, METHOD_NAMES, type Envelope } from '../../../shared/methods'
import type { IsAppUrl } from './security'

export interface InvokeEventLike {
  /** Null when the frame navigated away or was destroyed before the call arrived. */
  readonly senderFrame: { readonly url: string } | null
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

export const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: {
    code: 'forbidden',
    message: 'Only the Affiliate Desk window may call the app.',
    issues: [],
  },
}

function senderUrl(event: InvokeEventLike): string | null {
  try {
    return event.senderFrame?.url ?? null
  } catch {
    // Reading a disposed frame can throw; such a sender is not trusted either.
    return null
  }
}

/** Registers the handlers and returns the function that removes exactly those handlers. */
export function registerContract(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isAppUrl: IsAppUrl,
  methodNames: readonly string[] = METHOD_NAMES,
  log: (msg: string) => void = () => undefined,
): () => void {
  const channels: string[] = []
  for (const name of methodNames) {
    const channel = IPC_PREFIX + name
    ipcMain.handle(channel, async (event, input) => {
      const url = senderUrl(event)
      if (url === null || !isAppUrl(url)) {
        log(`refused ${name} from ${url ?? 'an unknown frame'}`)
        return FORBIDDEN
      }
      return dispatch(name, input)
    })
    channels.push(channel)
  }
  return () => {
    for (const channel of channels.splice(0)) ipcMain.removeHandler(channel)
  }
}

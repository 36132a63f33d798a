// Tracking links and postback URLs are built from Settings → public base URL. When that still points
// at this machine but not at the port the listener actually runs on, every link would miss: say so.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

export function publicUrlProblem(info: { publicBaseUrl: string; listenerUrl: string | null }): string | null {
  if (!info.listenerUrl) return 'The tracking listener is not running, so links and postbacks get no answer.'
  let pub: URL
  let listener: URL
  try {
    pub = new URL(info.publicBaseUrl)
    listener = new URL(info.listenerUrl)
  } catch {
    return null
  }
  if (!LOOPBACK.has(pub.hostname)) return null
  if (pub.port === listener.port || (pub.port === '' && listener.port === '80')) {
    return 'The public base URL is this machine only: visitors and advertisers elsewhere cannot reach it. Put a tunnel in front and enter its https address in Settings.'
  }
  return `The public base URL (${info.publicBaseUrl}) points at this machine, but the listener runs at ${info.listenerUrl}: links built from it reach nothing. Set the public base URL in Settings.`
}

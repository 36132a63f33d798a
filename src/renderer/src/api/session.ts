// The headless shell's session token. The CLI prints a URL with `#token=…`; we move the token into
// sessionStorage and strip it from the address bar so it doesn't linger in history, bookmarks or
// screenshots. sessionStorage (not localStorage) so it survives a reload of this tab but dies with it.

const STORAGE_KEY = 'affiliate-desk.session-token'

export const NO_TOKEN_MESSAGE =
  'Open the URL printed by `affiliate-desk serve` (it contains the session token).'

/** The token in a location hash such as `#token=abc`, or null. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#\/?/, ''))
  const token = params.get('token')
  return token && /^[A-Za-z0-9_-]+$/.test(token) ? token : null
}

// Kept in memory too: sessionStorage can be unavailable (privacy modes) and calls must still work.
let memoryToken: string | null = null

function storage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

export function readToken(): string | null {
  if (memoryToken) return memoryToken
  try {
    return storage()?.getItem(STORAGE_KEY) ?? null
  } catch {
    return null
  }
}

/** Adopt a token from the URL, then hide it. Returns whether there was one. */
export function adoptTokenFromUrl(): boolean {
  const token = tokenFromHash(window.location.hash)
  if (!token) return false
  memoryToken = token
  try {
    storage()?.setItem(STORAGE_KEY, token)
  } catch {
    // memoryToken still carries this tab's session
  }
  window.history.replaceState(null, '', window.location.pathname + window.location.search + '#/')
  sessionLost = false
  notify()
  return true
}

/**
 * Pasting the printed URL into a tab already open on this page changes only the hash (no reload),
 * so the token must be picked up from hashchange too. replaceState fires no event of its own, so
 * we announce the cleaned hash for the router.
 */
export function watchForToken(): void {
  window.addEventListener('hashchange', () => {
    if (adoptTokenFromUrl()) window.dispatchEvent(new HashChangeEvent('hashchange'))
  })
}

// "Lost" = the server refused our token (401): the app shows how to get a fresh one.
let sessionLost = false
const listeners = new Set<() => void>()

function notify(): void {
  for (const l of listeners) l()
}

export const sessionStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  /** True when calls can be made: a token is known and the server has not refused it. */
  hasSession(): boolean {
    return !sessionLost && readToken() !== null
  },
  markLost(): void {
    if (sessionLost) return
    sessionLost = true
    notify()
  },
}

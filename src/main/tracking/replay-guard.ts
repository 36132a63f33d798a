// Refuses a signed postback seen before while its timestamp is still fresh. The signature check
// alone accepts the same URL for ±300 s; this closes that window. Consult it only AFTER the
// signature verified: then only the advertiser can create entries, and the hard cap is a safety
// net for bursts, not something an attacker can flush.
//
// A Map answers "seen?" in O(1); a ring buffer remembers insertion order, so expired entries are
// swept from the oldest end a few per call and, at the cap, the oldest is evicted. (The order is
// not taken from the Map itself: iterating a Map from the front after many deletes is O(deleted).)

export interface ReplayPersistence {
  /** Entries still unexpired at `now`, e.g. SELECT signature, expires_at FROM postback_nonces WHERE expires_at > ?. */
  load(now: number): Iterable<readonly [signature: string, expiresAt: number]>
  /** Called before a new signature is accepted; if it throws, the signature is not remembered either. */
  save(signature: string, expiresAt: number): void
  /** Called by forget(); optional. Expired rows are the data-access layer's to delete. */
  remove?(signature: string): void
}

export interface ReplayGuardOptions {
  /** Clock in epoch ms: the same one the signature check uses. */
  now: () => number
  /** How long a signature is remembered when checkAndAdd gets no expiry (default 630 s: ±300 s window + 30 s). */
  ttlMs?: number
  /** Added to every expiry, for clock differences between the sender's timestamp and ours (default 30 s). */
  skewMs?: number
  /** Hard cap on remembered signatures (default 100 000, a few MB). */
  maxEntries?: number
  persistence?: ReplayPersistence
}

export interface ReplayGuard {
  /**
   * True the first time a signature is seen (it is now remembered until expiresAt + skew), false
   * for a replay. Pass the verifier's replayUntil as expiresAt.
   */
  checkAndAdd(signature: string, expiresAt?: number): boolean
  /** Drop a signature again, e.g. when processing the postback failed and the sender will retry it. */
  forget(signature: string): void
  readonly size: number
}

const SWEEP_PER_CALL = 4

export function createReplayGuard(options: ReplayGuardOptions): ReplayGuard {
  const { now, persistence } = options
  const ttlMs = options.ttlMs ?? 630_000
  const skewMs = options.skewMs ?? 30_000
  const capacity = options.maxEntries ?? 100_000
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error('maxEntries must be a positive integer')

  const seen = new Map<string, number>()
  // Ring buffer of (signature, expiry) in insertion order. A slot whose expiry no longer matches
  // the Map (forgotten, or re-added later) is stale and just skipped when it reaches the head.
  const ringSig: (string | undefined)[] = []
  const ringExp: number[] = []
  let head = 0
  let count = 0

  const dropHead = (): void => {
    const sig = ringSig[head]!
    if (seen.get(sig) === ringExp[head]) seen.delete(sig)
    ringSig[head] = undefined
    head = (head + 1) % capacity
    count--
  }

  const remember = (signature: string, until: number): void => {
    if (count === capacity) dropHead()
    const tail = (head + count) % capacity
    ringSig[tail] = signature
    ringExp[tail] = until
    count++
    seen.set(signature, until)
  }

  const sweep = (t: number): void => {
    for (let i = 0; i < SWEEP_PER_CALL && count > 0; i++) {
      const sig = ringSig[head]!
      const until = ringExp[head]!
      // Stop at the first slot that is both live and current; stale slots go regardless.
      if (until > t && seen.get(sig) === until) break
      dropHead()
    }
  }

  if (persistence) {
    const t = now()
    const loaded = [...persistence.load(t)].filter(([, until]) => until > t).sort((a, b) => a[1] - b[1])
    for (const [signature, until] of loaded) remember(signature, until)
  }

  return {
    checkAndAdd(signature, expiresAt) {
      const t = now()
      sweep(t)
      const until = seen.get(signature)
      if (until !== undefined && until > t) return false
      const newUntil = (expiresAt ?? t + ttlMs) + skewMs
      if (newUntil <= t) return true // already outside any window: nothing left to guard
      persistence?.save(signature, newUntil)
      remember(signature, newUntil)
      return true
    },
    forget(signature) {
      seen.delete(signature)
      persistence?.remove?.(signature)
    },
    get size() {
      return seen.size
    },
  }
}

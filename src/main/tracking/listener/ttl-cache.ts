// Short-lived memo for lookups the listener repeats on every request (link by code, advertiser by
// id). Entries expire after `ttlMs` so the owner's edits reach the listener within seconds without
// any cross-module invalidation, and misses are cached too (as null) so a flood of unknown codes
// cannot turn into a flood of queries. Bounded in entries and in key length: the key space is
// attacker-controlled, and a key longer than `maxKeyLength` is looked up but never remembered, so
// a flood of long junk keys cannot hold entries x key bytes of memory.
import { createBoundedCache } from '../bounded-cache'

export interface TtlCache<V> {
  get(key: string, load: (key: string) => Promise<V | null>): Promise<V | null>
  /** The fresh cached value (null = cached miss), or undefined when get() would have to load. */
  peek(key: string): V | null | undefined
  clear(): void
  /** Entries held (approximate, see bounded-cache.ts). */
  readonly size: number
}

export function createTtlCache<V>(opts: {
  ttlMs: number
  maxEntries: number
  /** Longest key remembered (default 128); longer keys always load. */
  maxKeyLength?: number
  now: () => number
}): TtlCache<V> {
  const maxKeyLength = opts.maxKeyLength ?? 128
  const cache = createBoundedCache<string, { value: V | null; expires: number }>(opts.maxEntries)
  const inflight = new Map<string, Promise<V | null>>()
  return {
    async get(key, load) {
      if (key.length > maxKeyLength) return load(key)
      const hit = cache.get(key)
      const t = opts.now()
      if (hit && hit.expires > t) return hit.value
      let p = inflight.get(key)
      if (!p) {
        p = load(key).finally(() => inflight.delete(key))
        inflight.set(key, p)
      }
      const value = await p
      cache.set(key, { value, expires: t + opts.ttlMs })
      return value
    },
    peek(key) {
      const hit = cache.get(key)
      return hit && hit.expires > opts.now() ? hit.value : undefined
    },
    clear() {
      cache.clear()
    },
    get size() {
      return cache.size
    },
  }
}

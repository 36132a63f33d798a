// A memo cache with a hard size cap, for pure lookups on the hot path (user agent → device type,
// IP → country) where the key space is attacker-controlled and must never grow memory unbounded.
//
// Two generations ("hashlru"): writes go to `current`; when it holds half the cap it becomes
// `previous` and a fresh map starts; a hit in `previous` is copied forward. So recently used keys
// survive and everything is O(1). We deliberately never iterate a Map to find the oldest entry:
// after many deletes V8 walks every deleted slot at the front, which measured ~3 µs per call at
// a few thousand keys.

export interface BoundedCache<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): void
  /** Entries held (a key copied forward may count twice until its old generation is dropped). */
  readonly size: number
  clear(): void
}

export function createBoundedCache<K, V>(maxEntries: number): BoundedCache<K, V> {
  if (!Number.isInteger(maxEntries) || maxEntries < 2) {
    throw new Error(`maxEntries must be an integer of at least 2, got ${maxEntries}`)
  }
  const generationSize = Math.floor(maxEntries / 2)
  let current = new Map<K, V>()
  let previous = new Map<K, V>()

  const set = (key: K, value: V): void => {
    current.set(key, value)
    if (current.size >= generationSize) {
      previous = current
      current = new Map()
    }
  }

  return {
    get(key) {
      const value = current.get(key)
      if (value !== undefined) return value
      const old = previous.get(key)
      if (old !== undefined) set(key, old)
      return old
    },
    set,
    get size() {
      return current.size + previous.size
    },
    clear() {
      current = new Map()
      previous = new Map()
    },
  }
}

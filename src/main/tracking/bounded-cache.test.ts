import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBoundedCache } from './bounded-cache'

describe('bounded cache', () => {
  it('returns what was stored, or nothing, and never holds more than its cap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 })), { maxLength: 300 }),
        (max, ops) => {
          const cache = createBoundedCache<number, string>(max)
          const truth = new Map<number, string>()
          let version = 0
          for (const [isSet, key] of ops) {
            if (isSet) {
              const value = `${key}:${version++}`
              cache.set(key, value)
              truth.set(key, value)
            } else {
              const got = cache.get(key)
              // A cache may forget, but must never answer with a stale or foreign value.
              if (got !== undefined) expect(got).toBe(truth.get(key))
            }
            expect(cache.size).toBeLessThanOrEqual(max)
          }
        },
      ),
    )
  })

  it('keeps recently used keys while others churn through', () => {
    const cache = createBoundedCache<string, number>(10)
    cache.set('hot', 1)
    for (let i = 0; i < 1000; i++) {
      expect(cache.get('hot')).toBe(1)
      cache.set(`cold-${i}`, i)
    }
    expect(cache.get('cold-0')).toBeUndefined()
    expect(cache.get('cold-999')).toBe(999)
  })

  it('stays O(1) with heavy churn', () => {
    const cache = createBoundedCache<string, number>(10_000)
    const started = performance.now()
    for (let i = 0; i < 200_000; i++) {
      cache.get(`k${i % 7000}`)
      cache.set(`k${i % 7000}`, i)
    }
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('clears and refuses a useless cap', () => {
    const cache = createBoundedCache<string, number>(4)
    cache.set('a', 1)
    cache.clear()
    expect(cache.get('a')).toBeUndefined()
    expect(() => createBoundedCache(1)).toThrow(/at least 2/)
  })
})

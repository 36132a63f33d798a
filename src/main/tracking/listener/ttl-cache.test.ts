import { describe, expect, it } from 'vitest'
import { createTtlCache } from './ttl-cache'

describe('ttl cache', () => {
  it('peeks only at fresh entries, cached misses included, and loads once for concurrent gets', async () => {
    let t = 1000
    let loads = 0
    const cache = createTtlCache<string>({ ttlMs: 50, maxEntries: 10, now: () => t })
    const load = async (k: string) => {
      loads++
      return k === 'gone' ? null : `v:${k}`
    }
    expect(cache.peek('a')).toBeUndefined()
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual(['v:a', 'v:a'])
    expect(loads).toBe(1)
    expect(cache.peek('a')).toBe('v:a')
    expect(await cache.get('gone', load)).toBeNull()
    expect(cache.peek('gone')).toBeNull()
    t += 50
    expect(cache.peek('a')).toBeUndefined()
    expect(await cache.get('a', load)).toBe('v:a')
    expect(loads).toBe(3)
    cache.clear()
    expect(cache.peek('a')).toBeUndefined()
  })

  it('looks long keys up every time and never remembers them', async () => {
    let loads = 0
    const cache = createTtlCache<string>({ ttlMs: 1000, maxEntries: 10, maxKeyLength: 26, now: () => 0 })
    const load = async () => {
      loads++
      return null
    }
    for (let i = 0; i < 100; i++) expect(await cache.get(`${'x'.repeat(1000)}${i}`, load)).toBeNull()
    expect(loads).toBe(100)
    expect(cache.size).toBe(0)
    await cache.get('y'.repeat(26), load)
    expect(cache.size).toBe(1)
  })
})

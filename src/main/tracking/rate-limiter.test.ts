import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRateLimiter, ipRateKey } from './rate-limiter'

function clock(start = 0) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('rate limiter', () => {
  it('allows a burst, then limits, then refills at the sustained rate', () => {
    const c = clock()
    const rl = createRateLimiter({ limit: 10, intervalMs: 60_000, now: c.now })
    const first = Array.from({ length: 12 }, () => rl.check('1.2.3.4'))
    expect(first.filter((d) => d === 'allowed')).toHaveLength(10)
    expect(first.slice(10)).toEqual(['limited', 'limited'])
    c.advance(5_999)
    expect(rl.check('1.2.3.4')).toBe('limited')
    c.advance(1) // 6 s = one token at 10 per minute
    expect(rl.check('1.2.3.4')).toBe('allowed')
    expect(rl.check('1.2.3.4')).toBe('limited')
  })

  it('keeps keys independent', () => {
    const rl = createRateLimiter({ limit: 1, intervalMs: 1000, now: () => 0 })
    expect(rl.check('a')).toBe('allowed')
    expect(rl.check('a')).toBe('limited')
    expect(rl.check('b')).toBe('allowed')
  })

  it('honours a burst different from the sustained limit', () => {
    const c = clock()
    const rl = createRateLimiter({ limit: 1, intervalMs: 1000, burst: 3, now: c.now })
    expect([rl.check('k'), rl.check('k'), rl.check('k'), rl.check('k')]).toEqual([
      'allowed',
      'allowed',
      'allowed',
      'limited',
    ])
    c.advance(10_000)
    expect([rl.check('k'), rl.check('k'), rl.check('k'), rl.check('k')]).toEqual([
      'allowed',
      'allowed',
      'allowed',
      'limited',
    ])
  })

  it('never allows more than burst + elapsed × rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 300 }),
        (limit, intervalMs, gaps) => {
          const c = clock(1000)
          const rl = createRateLimiter({ limit, intervalMs, now: c.now })
          let allowed = 0
          for (const gap of gaps) {
            c.advance(gap)
            if (rl.check('k') === 'allowed') allowed++
          }
          const elapsed = c.now() - 1000
          expect(allowed).toBeLessThanOrEqual(limit + Math.floor((elapsed * limit) / intervalMs) + 1e-9)
          // And a client that keeps within the rate is never limited.
          const rl2 = createRateLimiter({ limit, intervalMs, now: c.now })
          for (let i = 0; i < 50; i++) {
            expect(rl2.check('steady')).toBe('allowed')
            c.advance(Math.ceil(intervalMs / limit))
          }
        },
      ),
    )
  })

  it('does not refill when the clock steps back', () => {
    const c = clock(10_000)
    const rl = createRateLimiter({ limit: 1, intervalMs: 1000, now: c.now })
    expect(rl.check('k')).toBe('allowed')
    c.advance(-5000)
    expect(rl.check('k')).toBe('limited')
    c.advance(5000)
    expect(rl.check('k')).toBe('limited')
    c.advance(1000)
    expect(rl.check('k')).toBe('allowed')
  })

  it('caps the number of tracked keys, keeping recently used ones', () => {
    const rl = createRateLimiter({ limit: 1, intervalMs: 60_000, maxKeys: 4, now: () => 0 })
    for (const k of ['a', 'b', 'a', 'c']) rl.check(k)
    expect(rl.size).toBeLessThanOrEqual(4)
    expect(rl.check('a')).toBe('limited') // still tracked
    expect(rl.check('b')).toBe('allowed') // least recently used: forgotten, so it starts full
    for (let i = 0; i < 10_000; i++) {
      rl.check(`flood-${i}`)
      expect(rl.size).toBeLessThanOrEqual(4)
    }
  })

  it('forgets idle keys once they would be full again', () => {
    const c = clock()
    const rl = createRateLimiter({ limit: 10, intervalMs: 1000, now: c.now })
    for (let i = 0; i < 1000; i++) rl.check(`ip-${i}`)
    expect(rl.size).toBe(1000)
    c.advance(1000)
    rl.check('busy')
    c.advance(1000)
    rl.check('busy')
    expect(rl.size).toBe(1)
  })

  it('decides exactly like an unbounded token bucket while keys fit (property)', () => {
    // Dyadic rates keep the float arithmetic exact, so decisions must agree one for one.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 700 })), {
          maxLength: 300,
        }),
        (limit, burst, ops) => {
          const c = clock(5000)
          const rl = createRateLimiter({ limit, intervalMs: 1024, burst, maxKeys: 100, now: c.now })
          const model = new Map<number, { tokens: number; at: number }>()
          for (const [key, gap] of ops) {
            c.advance(gap)
            const t = c.now()
            const b = model.get(key) ?? { tokens: burst, at: t }
            b.tokens = Math.min(burst, b.tokens + ((t - b.at) * limit) / 1024)
            b.at = t
            const expected = b.tokens >= 1 - 1e-9 ? 'allowed' : 'limited'
            if (expected === 'allowed') b.tokens -= 1
            model.set(key, b)
            expect(rl.check(`k${key}`)).toBe(expected)
          }
        },
      ),
    )
  })

  it('stays O(1) per check with many keys', () => {
    const rl = createRateLimiter({ limit: 600, intervalMs: 60_000, now: () => 1 })
    const started = performance.now()
    for (let i = 0; i < 200_000; i++) rl.check(`10.0.${(i >> 8) & 63}.${i & 255}`)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('refuses nonsense configuration', () => {
    expect(() => createRateLimiter({ limit: 0, intervalMs: 1000, now: () => 0 })).toThrow(/limit/)
    expect(() => createRateLimiter({ limit: 1, intervalMs: Number.NaN, now: () => 0 })).toThrow(/intervalMs/)
  })
})

describe('ipRateKey', () => {
  it('groups an IPv6 /64 and keeps IPv4 as is', () => {
    expect(ipRateKey('203.0.113.7')).toBe('203.0.113.7')
    expect(ipRateKey('2001:db8:1:2:aaaa::1')).toBe(ipRateKey('2001:db8:1:2:ffff:1:2:3'))
    expect(ipRateKey('2001:db8:1:2::1')).not.toBe(ipRateKey('2001:db8:1:3::1'))
    expect(ipRateKey('')).toBe('')
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createReplayGuard, type ReplayPersistence } from './replay-guard'

function clock(start = 1_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('replay guard', () => {
  it('refuses a signature seen within its window and accepts it again after', () => {
    const c = clock()
    const guard = createReplayGuard({ now: c.now, ttlMs: 10_000, skewMs: 0 })
    expect(guard.checkAndAdd('sig-a')).toBe(true)
    expect(guard.checkAndAdd('sig-a')).toBe(false)
    expect(guard.checkAndAdd('sig-b')).toBe(true)
    c.advance(9_999)
    expect(guard.checkAndAdd('sig-a')).toBe(false)
    c.advance(1)
    expect(guard.checkAndAdd('sig-a')).toBe(true)
    expect(guard.checkAndAdd('sig-a')).toBe(false)
  })

  it('honours an explicit expiry plus skew', () => {
    const c = clock()
    const guard = createReplayGuard({ now: c.now, skewMs: 500 })
    expect(guard.checkAndAdd('s', c.now() + 1000)).toBe(true)
    c.advance(1499)
    expect(guard.checkAndAdd('s')).toBe(false)
    c.advance(1)
    expect(guard.checkAndAdd('s')).toBe(true)
  })

  it('does not store signatures whose window has already passed', () => {
    const c = clock()
    const guard = createReplayGuard({ now: c.now, skewMs: 0 })
    expect(guard.checkAndAdd('old', c.now() - 1)).toBe(true)
    expect(guard.size).toBe(0)
  })

  it('sweeps expired entries as it goes, so memory follows the traffic rate', () => {
    const c = clock()
    const guard = createReplayGuard({ now: c.now, ttlMs: 1000, skewMs: 0 })
    for (let i = 0; i < 10_000; i++) {
      guard.checkAndAdd(`sig-${i}`)
      c.advance(10)
    }
    // About ttl / interval = 100 live entries, plus a small sweep lag.
    expect(guard.size).toBeLessThan(110)
  })

  it('stays O(1) per call with many entries expiring and churning', () => {
    const c = clock()
    const guard = createReplayGuard({ now: c.now, ttlMs: 50_000, skewMs: 0, maxEntries: 20_000 })
    const started = performance.now()
    for (let i = 0; i < 200_000; i++) {
      guard.checkAndAdd(`sig-${i}`)
      if (i % 3 === 0) guard.forget(`sig-${i - 1}`)
      c.advance(1)
    }
    expect(performance.now() - started).toBeLessThan(1500)
    expect(guard.size).toBeLessThanOrEqual(20_000)
  })

  it('never holds more than maxEntries, evicting the oldest', () => {
    const c = clock()
    const guard = createReplayGuard({ now: c.now, maxEntries: 3 })
    for (const s of ['a', 'b', 'c', 'd']) expect(guard.checkAndAdd(s)).toBe(true)
    expect(guard.size).toBe(3)
    expect(guard.checkAndAdd('d')).toBe(false)
    expect(guard.checkAndAdd('b')).toBe(false)
    expect(guard.checkAndAdd('a')).toBe(true) // evicted, so it is forgotten
  })

  it('forget() releases a signature so a retry is accepted', () => {
    const removed: string[] = []
    const guard = createReplayGuard({
      now: () => 0,
      persistence: { load: () => [], save: () => {}, remove: (s) => removed.push(s) },
    })
    guard.checkAndAdd('x')
    guard.forget('x')
    expect(guard.checkAndAdd('x')).toBe(true)
    expect(removed).toEqual(['x'])
  })

  it('matches a reference model under random operations (property)', () => {
    type Op =
      | { kind: 'check'; sig: number; expiresIn: number | null }
      | { kind: 'tick'; ms: number }
      | { kind: 'forget'; sig: number }
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('forget' as const), sig: fc.integer({ min: 0, max: 6 }) }),
      fc.record({
        kind: fc.constant('check' as const),
        sig: fc.integer({ min: 0, max: 6 }),
        expiresIn: fc.option(fc.integer({ min: -50, max: 500 })),
      }),
      fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 300 }) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const c = clock(0)
        const guard = createReplayGuard({ now: c.now, ttlMs: 200, skewMs: 10, maxEntries: 1000 })
        const model = new Map<number, number>() // sig -> remembered until (no cap reached here)
        for (const o of ops) {
          if (o.kind === 'tick') {
            c.advance(o.ms)
            continue
          }
          if (o.kind === 'forget') {
            guard.forget(`s${o.sig}`)
            model.delete(o.sig)
            continue
          }
          const t = c.now()
          const live = (model.get(o.sig) ?? -Infinity) > t
          const until = (o.expiresIn === null ? t + 200 : t + o.expiresIn) + 10
          expect(guard.checkAndAdd(`s${o.sig}`, o.expiresIn === null ? undefined : t + o.expiresIn)).toBe(
            !live,
          )
          if (!live && until > t) model.set(o.sig, until)
        }
      }),
    )
  })
})

describe('replay guard persistence', () => {
  function memoryStore() {
    const rows = new Map<string, number>()
    const store: ReplayPersistence = {
      load: (now) => [...rows].filter(([, e]) => e > now),
      save: (s, e) => void rows.set(s, e),
      remove: (s) => void rows.delete(s),
    }
    return { rows, store }
  }

  it('survives a restart', () => {
    const c = clock()
    const { rows, store } = memoryStore()
    const first = createReplayGuard({ now: c.now, persistence: store, skewMs: 0, ttlMs: 5000 })
    first.checkAndAdd('sig')
    expect(rows.get('sig')).toBe(c.now() + 5000)
    c.advance(1000)
    const second = createReplayGuard({ now: c.now, persistence: store, skewMs: 0 })
    expect(second.checkAndAdd('sig')).toBe(false)
    c.advance(4000)
    const third = createReplayGuard({ now: c.now, persistence: store, skewMs: 0 })
    expect(third.checkAndAdd('sig')).toBe(true)
  })

  it('ignores expired rows a store hands back', () => {
    const guard = createReplayGuard({
      now: () => 100,
      persistence: {
        load: () => [
          ['old', 50],
          ['live', 150],
        ],
        save: () => {},
      },
    })
    expect(guard.size).toBe(1)
    expect(guard.checkAndAdd('old')).toBe(true)
    expect(guard.checkAndAdd('live')).toBe(false)
  })

  it('does not remember a signature whose save failed, so the retried postback is not a "replay"', () => {
    let fail = true
    const guard = createReplayGuard({
      now: () => 0,
      persistence: {
        load: () => [],
        save: () => {
          if (fail) throw new Error('disk full')
        },
      },
    })
    expect(() => guard.checkAndAdd('sig')).toThrow('disk full')
    fail = false
    expect(guard.checkAndAdd('sig')).toBe(true)
    expect(guard.checkAndAdd('sig')).toBe(false)
  })
})

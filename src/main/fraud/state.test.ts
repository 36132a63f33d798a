import { describe, expect, it } from 'vitest'
import { FraudState, type FraudStateEvent } from './state'

const T = Date.UTC(2026, 0, 5, 0, 0, 0)
const MIN = 60_000
const HOUR = 60 * MIN

describe('FraudState', () => {
  it('counts clicks per IP in the last hour in five-minute buckets', () => {
    const s = new FraudState()
    for (let i = 0; i < 11; i++) s.observeClick({ at: T + i * MIN, ip: '198.51.100.1' })
    s.observeClick({ at: T, ip: '198.51.100.2' })
    const q = (at: number) =>
      s.counters({ at, ip: '198.51.100.1', fingerprint: null, affiliateId: 1 }).ipClicksLastHour
    expect(q(T + 11 * MIN)).toBe(11)
    // Buckets [T, T+5) [T+5, T+10) [T+10, T+15): the first one leaves the window 60 minutes after it began.
    expect(q(T + 59 * MIN)).toBe(11)
    expect(q(T + 60 * MIN)).toBe(6)
    expect(q(T + 65 * MIN)).toBe(1)
    expect(q(T + 70 * MIN)).toBe(0)
    // Another IP is counted apart; a click IP may differ from the conversion IP.
    expect(
      s.counters({ at: T, ip: null, clickIp: '198.51.100.2', fingerprint: null, affiliateId: 1 })
        .ipClicksLastHour,
    ).toBe(1)
  })

  it('counts conversions per IP, fingerprint and affiliate in 24 h, and the affiliates a fingerprint converted for', () => {
    const s = new FraudState()
    s.observeConversion({ at: T, ip: '1.1.1.1', fingerprint: 'fp', affiliateId: 1 })
    s.observeConversion({ at: T + HOUR, ip: '1.1.1.1', fingerprint: 'fp', affiliateId: 2 })
    s.observeConversion({ at: T + 2 * HOUR, ip: '2.2.2.2', fingerprint: 'fp', affiliateId: 2 })
    const c = s.counters({ at: T + 3 * HOUR, ip: '1.1.1.1', fingerprint: 'fp', affiliateId: 3 })
    expect(c).toEqual({
      ipClicksLastHour: 0,
      ipConversionsLast24h: 2,
      fingerprintConversionsLast24h: 3,
      fingerprintAffiliatesLast24h: 3, // 1 and 2, and this conversion's 3
      affiliateConversionsLast24h: 0,
    })
    expect(
      s.counters({ at: T + 3 * HOUR, ip: null, fingerprint: 'fp', affiliateId: 2 })
        .fingerprintAffiliatesLast24h,
    ).toBe(2)
    expect(
      s.counters({ at: T + 3 * HOUR, ip: null, fingerprint: null, affiliateId: 2 })
        .affiliateConversionsLast24h,
    ).toBe(2)
    // A day later the first conversion has left every window.
    const later = s.counters({ at: T + 24 * HOUR + 1, ip: '1.1.1.1', fingerprint: 'fp', affiliateId: 1 })
    expect(later.ipConversionsLast24h).toBe(1)
    expect(later.fingerprintConversionsLast24h).toBe(2)
    expect(later.fingerprintAffiliatesLast24h).toBe(2) // affiliate 2, and this one (1)
    expect(
      s.counters({ at: T + 50 * HOUR, ip: '1.1.1.1', fingerprint: 'fp', affiliateId: 1 })
        .ipConversionsLast24h,
    ).toBe(0)
  })

  it('a long silence clears the ring instead of adding to stale buckets', () => {
    const s = new FraudState()
    s.observeClick({ at: T, ip: 'a' })
    s.observeClick({ at: T + 13 * HOUR, ip: 'a' }) // a multiple of the ring's span later
    expect(
      s.counters({ at: T + 13 * HOUR, ip: 'a', fingerprint: null, affiliateId: 1 }).ipClicksLastHour,
    ).toBe(1)
  })

  it('rebuilt from the same events it answers the same as the live state', () => {
    const events: FraudStateEvent[] = []
    let x = 7
    const rnd = (n: number) => (x = (x * 48271) % 2147483647) % n
    for (let i = 0; i < 3000; i++) {
      const at = T + i * 20_000
      if (rnd(4) === 0)
        events.push({
          kind: 'conversion',
          at,
          ip: `10.0.0.${rnd(20)}`,
          fingerprint: rnd(2) ? `fp${rnd(10)}` : null,
          affiliateId: rnd(5),
        })
      else events.push({ kind: 'click', at, ip: `10.0.0.${rnd(20)}` })
    }
    const live = new FraudState()
    for (const e of events)
      if (e.kind === 'click') live.observeClick(e)
      else live.observeConversion(e)
    const rebuilt = new FraudState()
    rebuilt.observeClick({ at: T, ip: 'stale' })
    rebuilt.rebuild(events)
    const end = events.at(-1)!.at
    for (let i = 0; i < 20; i++) {
      const q = { at: end, ip: `10.0.0.${i}`, fingerprint: `fp${i % 10}`, affiliateId: i % 5 }
      expect(rebuilt.counters(q)).toEqual(live.counters(q))
    }
    expect(rebuilt.size()).toEqual(live.size())
  })

  it('stays within its IP bound, dropping the stalest IPs first', () => {
    const s = new FraudState({ maxIps: 1000 })
    for (let i = 0; i < 5000; i++) s.observeClick({ at: T + i * 1000, ip: `ip${i}` })
    expect(s.size().ips).toBeLessThanOrEqual(1000)
    // The newest IP is kept, the first one is gone.
    expect(
      s.counters({ at: T + 5000_000, ip: 'ip4999', fingerprint: null, affiliateId: 1 }).ipClicksLastHour,
    ).toBe(1)
    expect(
      s.counters({ at: T + 5000_000, ip: 'ip0', fingerprint: null, affiliateId: 1 }).ipClicksLastHour,
    ).toBe(0)
  })

  it('estimates its size: about 130 bytes per IP', () => {
    const s = new FraudState()
    for (let i = 0; i < 10_000; i++) s.observeClick({ at: T, ip: `198.51.${i >> 8}.${i & 255}` })
    const perIp = s.approxBytes() / 10_000
    expect(perIp).toBeGreaterThan(100)
    expect(perIp).toBeLessThan(250) // capacity doubles, so up to twice the slots may be allocated
  })
})

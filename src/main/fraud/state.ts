// The fraud rules' memory: sliding-window counters per IP, fingerprint and affiliate, bounded in
// size, rebuilt from the database's last 24 h on restart. Pure: every call is given the time.
//
// Memory: an IP costs one Map entry (its string key, ~70 bytes with the entry) plus 60 bytes in
// typed arrays: 12 five-minute click buckets (Uint16) and 24 one-hour conversion buckets (Uint8,
// saturating), each ring with the index of its newest bucket. So 1,000,000 IPs fit in ~130 MB;
// past `maxIps` the stalest IPs are dropped first. The windows are therefore counted in whole
// buckets: "last hour" is the current five-minute bucket and the 11 before it (55–60 minutes), "24 h"
// the current hour and the 23 before it (23–24 h). Fingerprints and affiliates are far fewer and
// keep plain objects (per fingerprint, which affiliate it last converted for, and when).
import type { FraudInput } from './types'

const CLICK_BUCKET_MS = 5 * 60_000
const CLICK_BUCKETS = 12
const CONV_BUCKET_MS = 3_600_000
const CONV_BUCKETS = 24
const DAY_MS = 86_400_000
/** Per IP slot: 12×2 + 24×1 bytes of buckets, two 4-byte ring heads, a 4-byte last-seen. */
const SLOT_BYTES = CLICK_BUCKETS * 2 + CONV_BUCKETS + 12
/** A Map entry with a short string key (V8, 64-bit), measured roughly; approxBytes is an estimate. */
const KEY_BYTES = 72

export interface ObservedClick {
  at: number
  ip: string
}
export interface ObservedConversion {
  at: number
  ip: string | null
  fingerprint: string | null
  affiliateId: number
}
export type FraudStateEvent =
  ({ kind: 'click' } & ObservedClick) | ({ kind: 'conversion' } & ObservedConversion)

export interface CountersQuery {
  at: number
  /** The conversion's IP (velocity). */
  ip: string | null
  /** The click's IP (click flood); defaults to `ip`. */
  clickIp?: string | null
  fingerprint: string | null
  affiliateId: number
}

export interface FraudStateOptions {
  maxIps?: number
  maxFingerprints?: number
  maxAffiliates?: number
}

/** A ring of counting buckets over parallel typed arrays, one ring per slot. */
class Rings {
  heads: Uint32Array
  counts: Uint16Array | Uint8Array
  constructor(
    private readonly buckets: number,
    private readonly bucketMs: number,
    private readonly wide: boolean,
    capacity: number,
  ) {
    this.heads = new Uint32Array(capacity)
    this.counts = wide ? new Uint16Array(capacity * buckets) : new Uint8Array(capacity * buckets)
  }
  grow(capacity: number): void {
    const heads = new Uint32Array(capacity)
    heads.set(this.heads)
    const counts = this.wide
      ? new Uint16Array(capacity * this.buckets)
      : new Uint8Array(capacity * this.buckets)
    counts.set(this.counts)
    this.heads = heads
    this.counts = counts
  }
  clear(slot: number): void {
    this.heads[slot] = 0
    this.counts.fill(0, slot * this.buckets, (slot + 1) * this.buckets)
  }
  add(slot: number, at: number): void {
    const b = Math.floor(at / this.bucketMs)
    const head = this.heads[slot]!
    const base = slot * this.buckets
    if (b > head) {
      // Zero the buckets the ring moves past (all of them after a long silence).
      const steps = Math.min(b - head, this.buckets)
      for (let s = 1; s <= steps; s++) this.counts[base + ((head + s) % this.buckets)] = 0
      this.heads[slot] = b
    } else if (b <= head - this.buckets) return // older than the window: nothing to keep
    const i = base + (b % this.buckets)
    const max = this.wide ? 0xffff : 0xff
    if (this.counts[i]! < max) this.counts[i]! += 1
  }
  /** Events in the window ending at `at`: buckets (bAt - buckets, bAt] that the ring still holds. */
  count(slot: number, at: number): number {
    const bAt = Math.floor(at / this.bucketMs)
    const head = this.heads[slot]!
    const from = Math.max(bAt - this.buckets + 1, head - this.buckets + 1)
    const to = Math.min(bAt, head)
    let sum = 0
    const base = slot * this.buckets
    for (let b = from; b <= to; b++) sum += this.counts[base + (b % this.buckets)]!
    return sum
  }
}

const NO_TIMES: readonly number[] = []

interface FingerprintEntry {
  /** Conversion times in the last 24 h (a fingerprint converting more than a handful is the signal). */
  times: number[]
  /** Affiliate → last conversion time. */
  affiliates: Map<number, number>
  lastSeen: number
}

export class FraudState {
  private readonly maxIps: number
  private readonly maxFingerprints: number
  private readonly maxAffiliates: number
  private ipSlots = new Map<string, number>()
  private free: number[] = []
  private capacity = 0
  private next = 0
  private clicks: Rings
  private conversions: Rings
  private lastSeen: Uint32Array
  private fingerprints = new Map<string, FingerprintEntry>()
  private affiliates = new Map<number, number[]>()

  constructor(options: FraudStateOptions = {}) {
    this.maxIps = options.maxIps ?? 1_500_000
    this.maxFingerprints = options.maxFingerprints ?? 200_000
    this.maxAffiliates = options.maxAffiliates ?? 100_000
    this.capacity = 1024
    this.clicks = new Rings(CLICK_BUCKETS, CLICK_BUCKET_MS, true, this.capacity)
    this.conversions = new Rings(CONV_BUCKETS, CONV_BUCKET_MS, false, this.capacity)
    this.lastSeen = new Uint32Array(this.capacity)
  }

  private slotFor(ip: string, at: number): number {
    let slot = this.ipSlots.get(ip)
    if (slot === undefined) {
      if (this.ipSlots.size >= this.maxIps) this.evictIps(at)
      slot = this.free.pop()
      if (slot === undefined) {
        if (this.next === this.capacity) this.growIps(Math.min(this.capacity * 2, this.maxIps))
        slot = this.next++
      }
      this.clicks.clear(slot)
      this.conversions.clear(slot)
      this.ipSlots.set(ip, slot)
    }
    // Minutes since the epoch fit a Uint32 until the year 10,000.
    this.lastSeen[slot] = Math.max(this.lastSeen[slot]!, Math.floor(at / 60_000))
    return slot
  }

  private growIps(capacity: number): void {
    this.clicks.grow(capacity)
    this.conversions.grow(capacity)
    const seen = new Uint32Array(capacity)
    seen.set(this.lastSeen)
    this.lastSeen = seen
    this.capacity = capacity
  }

  /** Drops IPs silent for 24 h; if that frees too little, the stalest quarter. */
  private evictIps(at: number): void {
    const dayAgo = Math.floor((at - DAY_MS) / 60_000)
    let cutoff = dayAgo
    if (![...this.ipSlots.values()].some((s) => this.lastSeen[s]! < dayAgo)) {
      const seen = Array.from(this.ipSlots.values(), (s) => this.lastSeen[s]!).sort((a, b) => a - b)
      cutoff = seen[Math.floor(seen.length / 4)]! + 1
    }
    for (const [ip, slot] of this.ipSlots) {
      if (this.lastSeen[slot]! < cutoff) {
        this.ipSlots.delete(ip)
        this.lastSeen[slot] = 0
        this.free.push(slot)
      }
    }
  }

  observeClick(click: ObservedClick): void {
    if (!click.ip) return
    this.clicks.add(this.slotFor(click.ip, click.at), click.at)
  }

  observeConversion(conversion: ObservedConversion): void {
    const { at, ip, fingerprint, affiliateId } = conversion
    if (ip) this.conversions.add(this.slotFor(ip, at), at)
    if (fingerprint) {
      let entry = this.fingerprints.get(fingerprint)
      if (!entry) {
        if (this.fingerprints.size >= this.maxFingerprints)
          evictStalest(this.fingerprints, (e) => e.lastSeen, at)
        entry = { times: [], affiliates: new Map(), lastSeen: at }
        this.fingerprints.set(fingerprint, entry)
      }
      entry.times = entry.times.filter((t) => t > at - DAY_MS)
      entry.times.push(at)
      entry.affiliates.set(affiliateId, Math.max(entry.affiliates.get(affiliateId) ?? 0, at))
      entry.lastSeen = Math.max(entry.lastSeen, at)
    }
    let times = this.affiliates.get(affiliateId)
    if (!times) {
      if (this.affiliates.size >= this.maxAffiliates)
        evictStalest(this.affiliates, (t) => t[t.length - 1] ?? 0, at)
      times = []
      this.affiliates.set(affiliateId, times)
    }
    times.push(at)
    // Busy affiliates would grow a long list: trim the expired head now and then.
    if (times.length > 64 && times[0]! <= at - DAY_MS)
      this.affiliates.set(
        affiliateId,
        times.filter((t) => t > at - DAY_MS),
      )
  }

  /**
   * The counters of a conversion about to be assessed: its own click already observed, the
   * conversion itself not yet. `fingerprintAffiliatesLast24h` counts this conversion's affiliate
   * too, so 1 means "only this affiliate".
   */
  counters(q: CountersQuery): FraudInput['counters'] {
    const clickIp = q.clickIp === undefined ? q.ip : q.clickIp
    const clickSlot = clickIp ? this.ipSlots.get(clickIp) : undefined
    // A postback's visitor is its click: one lookup.
    const convSlot = q.ip === clickIp ? clickSlot : q.ip ? this.ipSlots.get(q.ip) : undefined
    const since = q.at - DAY_MS
    const fp = q.fingerprint ? this.fingerprints.get(q.fingerprint) : undefined
    let fpAffiliates = 0
    if (fp)
      for (const [id, last] of fp.affiliates)
        if (last > since && last <= q.at && id !== q.affiliateId) fpAffiliates++
    return {
      ipClicksLastHour: clickSlot === undefined ? 0 : this.clicks.count(clickSlot, q.at),
      ipConversionsLast24h: convSlot === undefined ? 0 : this.conversions.count(convSlot, q.at),
      fingerprintConversionsLast24h: fp ? fp.times.filter((t) => t > since && t <= q.at).length : 0,
      fingerprintAffiliatesLast24h: q.fingerprint ? fpAffiliates + 1 : 0,
      affiliateConversionsLast24h: countBetween(this.affiliates.get(q.affiliateId) ?? NO_TIMES, since, q.at),
    }
  }

  /** Forgets everything and replays the events (the database's clicks and conversions since now − 24 h). */
  rebuild(events: Iterable<FraudStateEvent>): void {
    this.ipSlots = new Map()
    this.free = []
    this.next = 0
    this.capacity = 1024
    this.clicks = new Rings(CLICK_BUCKETS, CLICK_BUCKET_MS, true, this.capacity)
    this.conversions = new Rings(CONV_BUCKETS, CONV_BUCKET_MS, false, this.capacity)
    this.lastSeen = new Uint32Array(this.capacity)
    this.fingerprints = new Map()
    this.affiliates = new Map()
    for (const e of events) {
      if (e.kind === 'click') this.observeClick(e)
      else this.observeConversion(e)
    }
  }

  size(): { ips: number; fingerprints: number; affiliates: number } {
    return { ips: this.ipSlots.size, fingerprints: this.fingerprints.size, affiliates: this.affiliates.size }
  }

  /** An estimate of the heap this state holds (typed arrays exactly, Map entries and objects roughly). */
  approxBytes(): number {
    let bytes = this.capacity * SLOT_BYTES + this.ipSlots.size * KEY_BYTES + this.free.length * 8
    for (const [key, e] of this.fingerprints)
      bytes += KEY_BYTES + key.length + 120 + e.times.length * 8 + e.affiliates.size * 40
    for (const times of this.affiliates.values()) bytes += 80 + times.length * 8
    return bytes
  }
}

/**
 * How many of `times` (ascending: appended as conversions arrive, replayed in time order) lie in
 * (after, upTo]. Two binary searches: a busy affiliate's day of conversions was a filter over tens of
 * thousands of times on every postback.
 */
function countBetween(times: readonly number[], after: number, upTo: number): number {
  return firstAbove(times, upTo) - firstAbove(times, after)
}

/** The index of the first of `times` (ascending) above x. Not a closure: this runs on every postback. */
function firstAbove(times: readonly number[], x: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid]! > x) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Removes the stalest quarter of a map (by its last-seen time), at least one entry. */
function evictStalest<K, V>(map: Map<K, V>, lastSeen: (v: V) => number, _at: number): void {
  const times = Array.from(map.values(), lastSeen).sort((a, b) => a - b)
  const cutoff = times[Math.max(0, Math.floor(times.length / 4) - 1)]!
  for (const [k, v] of map) if (lastSeen(v) <= cutoff) map.delete(k)
}

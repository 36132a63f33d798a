// Per-key token buckets (key = client IP, usually), for the click and postback paths. A bucket
// holds up to `burst` tokens and refills at limit/interval; each request takes one. The limiter
// only answers; the caller decides (clicks over the limit are still recorded, flagged).
//
// Memory is bounded with two generations of buckets (see bounded-cache.ts for why not an LRU
// walked through a Map): a bucket touched in the previous generation moves forward; the old
// generation is dropped when the current one is half the key cap, or when it is old enough that
// every bucket left in it has refilled completely and is indistinguishable from a new one.
import { parseIp } from './ip'

export type RateDecision = 'allowed' | 'limited'

export interface RateLimiterOptions {
  /** Requests allowed per interval, sustained. */
  limit: number
  intervalMs: number
  /** Bucket size: requests allowed back-to-back after an idle period (default: limit). */
  burst?: number
  /** Most keys tracked at once (default 50 000, a few MB). */
  maxKeys?: number
  /** Clock in epoch ms. */
  now: () => number
}

export interface RateLimiter {
  check(key: string): RateDecision
  /** Keys tracked (approximate: a key may sit in both generations briefly). */
  readonly size: number
}

interface Bucket {
  tokens: number
  at: number
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, intervalMs, now } = options
  const burst = options.burst ?? limit
  const maxKeys = options.maxKeys ?? 50_000
  for (const [name, v] of Object.entries({ limit, intervalMs, burst, maxKeys })) {
    if (!(v > 0) || !Number.isFinite(v)) throw new Error(`${name} must be a positive number, got ${v}`)
  }
  // A bucket idle this long has refilled from empty, so forgetting it changes nothing.
  const fullAfterMs = (burst * intervalMs) / limit
  const generationSize = Math.max(1, Math.floor(maxKeys / 2))
  let current = new Map<string, Bucket>()
  let previous = new Map<string, Bucket>()
  let generationStart = now()

  return {
    check(key) {
      const t = now()
      if (t - generationStart >= fullAfterMs) {
        previous = current
        current = new Map()
        generationStart = t
      }
      let bucket = current.get(key)
      if (bucket === undefined) {
        bucket = previous.get(key)
        if (bucket === undefined) bucket = { tokens: burst, at: t }
        else previous.delete(key)
        current.set(key, bucket)
        if (current.size >= generationSize) {
          previous = current
          current = new Map()
          generationStart = t
        }
      }
      if (t > bucket.at) {
        // Multiply before dividing: a client pacing exactly at the rate gets exactly one token back.
        bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) * limit) / intervalMs)
        bucket.at = t
      }
      if (bucket.tokens >= 1 - 1e-9) {
        bucket.tokens -= 1
        return 'allowed'
      }
      return 'limited'
    },
    get size() {
      return current.size + previous.size
    },
  }
}

/**
 * The rate-limit key for a client address: the address itself for IPv4, its /64 for IPv6, since
 * one IPv6 subscriber usually holds a whole /64 and could otherwise rotate addresses per request.
 */
export function ipRateKey(ip: string): string {
  const parsed = parseIp(ip)
  if (parsed === null) return ip
  if (parsed.version === 4) return ip
  const w = parsed.words
  return `${w[0]!.toString(16)}:${w[1]!.toString(16)}::/64`
}

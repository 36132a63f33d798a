// Public click ids: ULID-shaped (48-bit millisecond timestamp + 80 random bits, Crockford base32,
// 26 characters). Time-ordered ids make every click insert an append to the B-tree instead of a
// random page write (see performance-notes.md), and they sort by creation in the UI.
//
// Within one millisecond, ULID's monotonic mode adds 1 to the random part. We add a random step in
// 1..2^32 instead: ids still sort by creation, but knowing one click id does not reveal the next.
import { randomFillSync } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const TWO_20 = 2 ** 20
const TWO_40 = 2 ** 40
const MAX_TIME = 2 ** 48 - 1

// Every 10-bit value as two base32 characters, so encoding a 40-bit number is four lookups.
const PAIRS: string[] = Array.from({ length: 1024 }, (_, i) => ALPHABET[i >>> 5]! + ALPHABET[i & 31]!)

const DECODE = new Int8Array(128).fill(-1)
for (let i = 0; i < 32; i++) DECODE[ALPHABET.charCodeAt(i)] = i

// Randomness comes from one pooled buffer refilled in place: one getrandom() call per ~400 ids
// rather than one per id, and no allocation on the hot path.
const POOL_SIZE = 4096
const pool = Buffer.allocUnsafe(POOL_SIZE)
let poolPos = POOL_SIZE

function takeRandom(bytes: number): number {
  if (poolPos + bytes > POOL_SIZE) {
    randomFillSync(pool)
    poolPos = 0
  }
  const at = poolPos
  poolPos += bytes
  return at
}

function random40(): number {
  const at = takeRandom(5)
  return pool[at]! * 2 ** 32 + pool.readUInt32BE(at + 1)
}

function random32(): number {
  return pool.readUInt32BE(takeRandom(4))
}

function encode40(n: number): string {
  const hi = Math.floor(n / TWO_20)
  const lo = n % TWO_20
  return PAIRS[hi >>> 10]! + PAIRS[hi & 1023]! + PAIRS[lo >>> 10]! + PAIRS[lo & 1023]!
}

export interface ClickIdGeneratorOptions {
  /** Clock in epoch milliseconds; injected by tests. */
  now?: () => number
}

/**
 * A generator whose ids strictly increase, even for many ids in the same millisecond and even if
 * the clock steps backwards (the id time then stays at the latest time seen until the clock
 * catches up). Each generator keeps its own ordering; use one per process for the click path.
 */
export function createClickIdGenerator(options: ClickIdGeneratorOptions = {}): () => string {
  const now = options.now ?? Date.now
  let lastTime = -1
  let randHi = 0
  let randLo = 0
  // Under load many ids share a millisecond (and the high random half): encode those once.
  let prefix = ''

  const fresh = (): void => {
    randHi = random40()
    randLo = random40()
    prefix = PAIRS[Math.floor(lastTime / TWO_40)]! + encode40(lastTime % TWO_40) + encode40(randHi)
  }

  return function nextClickId(): string {
    const t = now()
    if (!Number.isSafeInteger(t) || t < 0 || t > MAX_TIME) throw new Error(`Clock returned ${t}`)
    if (t > lastTime) {
      lastTime = t
      fresh()
    } else {
      randLo += 1 + random32()
      if (randLo >= TWO_40) {
        randLo -= TWO_40
        randHi += 1
        if (randHi >= TWO_40) {
          // 80 bits used up within one millisecond (odds ~2^-40): borrow the next millisecond.
          if (lastTime >= MAX_TIME) throw new Error('Click id time overflow')
          lastTime += 1
          fresh()
        } else {
          prefix = PAIRS[Math.floor(lastTime / TWO_40)]! + encode40(lastTime % TWO_40) + encode40(randHi)
        }
      }
    }
    return prefix + encode40(randLo)
  }
}

/** The process-wide generator used by the click path. */
export const newClickId: () => string = createClickIdGenerator()

const CLICK_ID_RE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/

/** True for ids in the exact canonical form we issue (upper case, 26 characters). */
export function isClickId(value: string): boolean {
  return value.length === 26 && CLICK_ID_RE.test(value)
}

/** The creation time (epoch ms) encoded in a click id, or null if it is not one of ours. */
export function clickIdTime(id: string): number | null {
  if (!isClickId(id)) return null
  let t = 0
  for (let i = 0; i < 10; i++) t = t * 32 + DECODE[id.charCodeAt(i)]!
  return t
}

/**
 * The smallest id that can be issued at `ms`, so "clicks since ms" can be a range scan on the
 * click id index: every id created at or after `ms` sorts at or after this one.
 */
export function minClickIdAt(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_TIME) throw new Error(`Invalid time ${ms}`)
  return PAIRS[Math.floor(ms / TWO_40)]! + encode40(ms % TWO_40) + '0000000000000000'
}

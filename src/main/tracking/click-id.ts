// Public click ids: ULID-shaped (48-bit millisecond timestamp + 80 more bits, Crockford base32,
// 26 characters). Time-ordered ids make every click insert an append to the B-tree instead of a
// random page write (see performance-notes.md), and they sort by creation in the UI.
//
// The 80 bits are a 10-bit sequence within the millisecond, then 70 random bits. The time and the
// sequence are the click's integer primary key (clickRowid: time x 1024 + sequence), so a click
// costs one B-tree insert, not two: the text id needs no index of its own, and a lookup goes
// straight to the row and then compares the whole text. The random part is fresh for every id, so
// knowing one click id does not reveal another. Ids issued before this layout (80 random bits)
// keep their small rowids and a partial unique index of their own (see db/schema.ts clicks).
import { randomFillSync } from 'node:crypto'
import type { ClickKeys } from './types'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const TWO_20 = 2 ** 20
const TWO_30 = 2 ** 30
const TWO_40 = 2 ** 40
/** Ids per millisecond before the generator borrows the next one. */
const SEQUENCE = 1024
/** The largest time whose rowid (time x 1024 + sequence) is still a safe JS integer: year 2248. */
const MAX_TIME = 2 ** 43 - 1

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

function random30(): number {
  return pool.readUInt32BE(takeRandom(4)) >>> 2
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

function encodeTime(ms: number): string {
  return PAIRS[Math.floor(ms / TWO_40)]! + encode40(ms % TWO_40)
}

/**
 * A generator whose ids strictly increase, even for many ids in the same millisecond and even if
 * the clock steps backwards (the id time then stays at the latest time seen until the clock
 * catches up). Each generator keeps its own ordering; use one per process for the click path.
 * Two generators can issue the same rowid in the same millisecond: the store re-keys such a click
 * before anyone sees its id (db/sqlite/tracking.ts).
 */
export function createClickIdGenerator(options: ClickIdGeneratorOptions = {}): () => string {
  const now = options.now ?? Date.now
  let lastTime = -1
  let sequence = 0
  let timeText = ''

  return function nextClickId(): string {
    const t = now()
    if (!Number.isSafeInteger(t) || t < 0 || t > MAX_TIME) throw new Error(`Clock returned ${t}`)
    if (t > lastTime) {
      lastTime = t
      sequence = 0
      timeText = encodeTime(t)
    } else if (++sequence === SEQUENCE) {
      // More than 1,024 ids within one millisecond: borrow the next millisecond.
      if (lastTime >= MAX_TIME) throw new Error('Click id time overflow')
      lastTime += 1
      sequence = 0
      timeText = encodeTime(lastTime)
    }
    return timeText + encode40(sequence * TWO_30 + random30()) + encode40(random40())
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
  return isClickId(id) ? decode(id, 0, 10) : null
}

function decode(id: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) n = n * 32 + DECODE[id.charCodeAt(i)]!
  return n
}

/**
 * The integer primary key an id of ours is stored under (time x 1024 + sequence), or null if the
 * string is not a click id or its time is past what a rowid can hold. For an id issued before this
 * layout the number means nothing: the lookup compares the whole text and then tries the legacy index.
 */
export function clickRowid(id: string): number | null {
  if (!isClickId(id)) return null
  const time = decode(id, 0, 10)
  if (time > MAX_TIME) return null
  return time * SEQUENCE + decode(id, 10, 12)
}

/** The same id with another rowid (time and sequence), its random part kept. */
export function withClickRowid(id: string, rowid: number): string {
  if (!isClickId(id)) throw new Error(`Not a click id: ${id}`)
  if (!Number.isSafeInteger(rowid) || rowid < 0) throw new Error(`Invalid click rowid ${rowid}`)
  return encodeTime(Math.floor(rowid / SEQUENCE)) + PAIRS[rowid % SEQUENCE]! + id.slice(12)
}

/** The mapping the store keys clicks by, passed to it by the core. */
export const clickKeys: ClickKeys = { rowid: clickRowid, withRowid: withClickRowid }

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  clickIdTime,
  clickRowid,
  createClickIdGenerator,
  isClickId,
  newClickId,
  withClickRowid,
} from './click-id'

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

// Reference decoder written independently of the module: base32 digits → BigInt.
function decodeBig(id: string): bigint {
  let n = 0n
  for (const ch of id) {
    const d = CROCKFORD.indexOf(ch)
    if (d < 0) throw new Error(`bad char ${ch}`)
    n = n * 32n + BigInt(d)
  }
  return n
}

describe('click ids', () => {
  it('are 26 canonical Crockford base32 characters and URL-safe', () => {
    for (let i = 0; i < 1000; i++) {
      const id = newClickId()
      expect(id).toHaveLength(26)
      expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
      expect(encodeURIComponent(id)).toBe(id)
      expect(isClickId(id)).toBe(true)
    }
  })

  it('encode the clock time in the first 48 bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 43 - 1 }), (ms) => {
        const id = createClickIdGenerator({ now: () => ms })()
        expect(decodeBig(id) >> 80n).toBe(BigInt(ms))
        expect(clickIdTime(id)).toBe(ms)
      }),
    )
  })

  it('strictly increase within one millisecond, across milliseconds and when the clock steps back', () => {
    const times = [1000, 1000, 1000, 1001, 1001, 999, 999, 1000, 1002, 5, 1003]
    let i = 0
    const gen = createClickIdGenerator({ now: () => times[Math.min(i++, times.length - 1)]! })
    const ids = times.map(() => gen())
    for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!).toBe(true)
    // The id time never goes backwards with the clock.
    expect(ids.map((id) => clickIdTime(id))).toEqual([
      1000, 1000, 1000, 1001, 1001, 1001, 1001, 1001, 1002, 1002, 1003,
    ])
  })

  it('sort by creation for long runs in the same millisecond, and are unique', () => {
    const gen = createClickIdGenerator({ now: () => 1_700_000_000_000 })
    const ids = Array.from({ length: 50_000 }, () => gen())
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
  })

  it('carry the sequence within the millisecond, then 70 bits that are fresh for every id', () => {
    const gen = createClickIdGenerator({ now: () => 42 })
    const ids = Array.from({ length: 50 }, () => gen()).map(decodeBig)
    expect(ids.map((n) => Number((n >> 70n) & 1023n))).toEqual(Array.from({ length: 50 }, (_, i) => i))
    const randomParts = new Set(ids.map((n) => n & (2n ** 70n - 1n)))
    expect(randomParts.size).toBe(50)
    // Not a counter: consecutive random parts do not step by one fixed amount.
    const steps = new Set(ids.slice(1).map((n, k) => (n & (2n ** 70n - 1n)) - (ids[k]! & (2n ** 70n - 1n))))
    expect(steps.size).toBeGreaterThan(45)
  })

  it('borrow the next millisecond after 1,024 ids in one', () => {
    const gen = createClickIdGenerator({ now: () => 5000 })
    const ids = Array.from({ length: 1030 }, () => gen())
    expect(clickIdTime(ids[1023]!)).toBe(5000)
    expect(clickIdTime(ids[1024]!)).toBe(5001)
    expect(clickRowid(ids[1024]!)).toBe(5001 * 1024)
    expect([...ids].sort()).toEqual(ids)
  })

  it('differ between generators started in the same millisecond', () => {
    const a = createClickIdGenerator({ now: () => 7 })()
    const b = createClickIdGenerator({ now: () => 7 })()
    expect(a).not.toBe(b)
  })

  it('refuse a clock outside the range a rowid can hold', () => {
    expect(() => createClickIdGenerator({ now: () => -1 })()).toThrow()
    expect(() => createClickIdGenerator({ now: () => 2 ** 48 })()).toThrow()
    // Past 2^43 ms (year 2248) the rowid would not be a safe integer any more.
    expect(() => createClickIdGenerator({ now: () => 2 ** 43 })()).toThrow()
    expect(() => createClickIdGenerator({ now: () => 1.5 })()).toThrow()
  })
})

describe('isClickId / clickIdTime', () => {
  it('reject anything that is not a canonical id', () => {
    const id = newClickId()
    for (const bad of [
      '',
      id.slice(1),
      id + '0',
      id.toLowerCase(),
      '8' + id.slice(1), // would overflow 48 bits of time
      id.slice(0, 25) + 'U', // U, I, L, O are not in the canonical alphabet
      id.slice(0, 25) + 'I',
      id.slice(0, 25) + '-',
    ]) {
      expect(isClickId(bad)).toBe(false)
      expect(clickIdTime(bad)).toBeNull()
    }
  })

  it('accept exactly the strings the alphabet can form', () => {
    fc.assert(
      fc.property(
        fc.string({
          minLength: 26,
          maxLength: 26,
          unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_'),
        }),
        (s) => {
          const expected = /^[0-7]/.test(s) && [...s].every((c) => CROCKFORD.includes(c))
          expect(isClickId(s)).toBe(expected)
        },
      ),
    )
  })
})

describe('clickRowid / withClickRowid', () => {
  it('give each id its time x 1024 + sequence, in the same order as the ids', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 2 ** 43 - 2000 }),
        (advances, start) => {
          let clock = start
          const gen = createClickIdGenerator({ now: () => clock })
          const ids = advances.map((a) => {
            clock += a
            return gen()
          })
          const rowids = ids.map((id) => clickRowid(id)!)
          for (let k = 0; k < ids.length; k++) {
            expect(rowids[k]).toBe(Number(decodeBig(ids[k]!) >> 70n))
            expect(Math.floor(rowids[k]! / 1024)).toBe(clickIdTime(ids[k]!))
            if (k > 0) expect(rowids[k]! > rowids[k - 1]!).toBe(true)
          }
        },
      ),
    )
  })

  it('move an id to another rowid and keep its random part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 53 - 1 }), (rowid) => {
        const id = newClickId()
        const moved = withClickRowid(id, rowid)
        expect(isClickId(moved)).toBe(true)
        expect(clickRowid(moved)).toBe(rowid)
        expect(moved.slice(12)).toBe(id.slice(12))
      }),
    )
  })

  it('is null for anything that is not an id a rowid can hold', () => {
    expect(clickRowid('')).toBeNull()
    expect(clickRowid(newClickId().toLowerCase())).toBeNull()
    // A well-formed id whose time is past 2^43 ms.
    expect(clickRowid('7' + '0'.repeat(25))).toBeNull()
    expect(() => withClickRowid('nope', 1)).toThrow()
    expect(() => withClickRowid(newClickId(), -1)).toThrow()
  })
})

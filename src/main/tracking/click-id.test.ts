import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clickIdTime, createClickIdGenerator, isClickId, minClickIdAt, newClickId } from './click-id'

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
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
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

  it('do not step by a predictable amount within one millisecond', () => {
    const gen = createClickIdGenerator({ now: () => 42 })
    const ids = Array.from({ length: 50 }, () => gen())
    const steps = new Set(ids.slice(1).map((id, k) => decodeBig(id) - decodeBig(ids[k]!)))
    expect(steps.size).toBeGreaterThan(45)
    for (const s of steps) expect(s > 0n && s <= 2n ** 32n).toBe(true)
  })

  it('differ between generators started in the same millisecond', () => {
    const a = createClickIdGenerator({ now: () => 7 })()
    const b = createClickIdGenerator({ now: () => 7 })()
    expect(a).not.toBe(b)
  })

  it('refuse a clock outside 48 bits', () => {
    expect(() => createClickIdGenerator({ now: () => -1 })()).toThrow()
    expect(() => createClickIdGenerator({ now: () => 2 ** 48 })()).toThrow()
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

describe('minClickIdAt', () => {
  it('sorts at or before every id of that millisecond and after every earlier one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 48 - 1 }), (ms) => {
        const floor = minClickIdAt(ms)
        expect(isClickId(floor)).toBe(true)
        expect(clickIdTime(floor)).toBe(ms)
        const same = createClickIdGenerator({ now: () => ms })()
        const before = createClickIdGenerator({ now: () => ms - 1 })()
        expect(floor <= same).toBe(true)
        expect(before < floor).toBe(true)
      }),
    )
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cutText, wellFormed } from './text'

const isWellFormed = (s: string) => {
  try {
    encodeURIComponent(s)
    return true
  } catch {
    return false
  }
}

describe('cutText', () => {
  it('counts code points, so an emoji at the limit is kept whole and never split', () => {
    const sub = `${'a'.repeat(254)}😀`
    expect(sub.length).toBe(256)
    expect(cutText(sub, 255)).toBe(sub)
    expect(cutText(`${'a'.repeat(255)}😀`, 255)).toBe('a'.repeat(255))
    expect(cutText('😀😀😀', 2)).toBe('😀😀')
    expect(cutText('abc', 5)).toBe('abc')
  })

  it('replaces lone surrogates', () => {
    expect(wellFormed('a\ud83db')).toBe('a\ufffdb')
    expect(wellFormed('\ude00x\ud83d')).toBe('\ufffdx\ufffd')
    expect(cutText('a\ud83d', 5)).toBe('a\ufffd')
  })

  it('always returns well-formed text of at most max code points, a prefix of the input when it was well formed (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer({ min: 0, max: 40 }), (s, max) => {
        const out = cutText(s, max)
        expect(isWellFormed(out)).toBe(true)
        expect([...out].length).toBeLessThanOrEqual(max)
        if (isWellFormed(s)) expect(s.startsWith(out)).toBe(true)
      }),
    )
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (s, max) => {
          expect(cutText(s, max)).toBe([...s].slice(0, max).join(''))
        },
      ),
    )
  })
})

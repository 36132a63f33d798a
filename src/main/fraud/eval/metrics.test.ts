import { describe, expect, it } from 'vitest'
import { atThreshold, rocAuc } from './metrics'

describe('ROC AUC by ranks', () => {
  it('perfect, reversed and all-tied rankings', () => {
    expect(rocAuc([1, 2, 3, 4], [false, false, true, true])).toBe(1)
    expect(rocAuc([4, 3, 2, 1], [false, false, true, true])).toBe(0)
    expect(rocAuc([5, 5, 5, 5], [false, true, false, true])).toBe(0.5)
  })

  it('ties are averaged: a hand-computed case', () => {
    // scores 0.1 0.4 0.4 0.8 0.8 0.9, labels n p n n p p
    // ranks   1  2.5 2.5 4.5 4.5  6; positive ranks 2.5 + 4.5 + 6 = 13
    // U = 13 − 3·4/2 = 7; AUC = 7 / (3·3) = 7/9. By pairs: (p0.4 vs n0.1 1, n0.4 ½, n0.8 0) +
    // (p0.8: 1 + 1 + ½) + (p0.9: 3) = 1.5 + 2.5 + 3 = 7 ✓.
    const auc = rocAuc([0.1, 0.4, 0.4, 0.8, 0.8, 0.9], [false, true, false, false, true, true])
    expect(auc).toBeCloseTo(7 / 9, 12)
  })

  it('matches counting pairs on random data with many ties', () => {
    let seed = 42
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const scores = Array.from({ length: 300 }, () => Math.floor(rnd() * 10))
    const labels = scores.map((s) => rnd() < 0.2 + s / 15)
    let pairs = 0
    let wins = 0
    scores.forEach((sp, i) => {
      if (!labels[i]) return
      scores.forEach((sn, j) => {
        if (labels[j]) return
        pairs++
        wins += sp > sn ? 1 : sp === sn ? 0.5 : 0
      })
    })
    expect(rocAuc(scores, labels)).toBeCloseTo(wins / pairs, 12)
  })

  it('is NaN without both classes', () => {
    expect(rocAuc([1, 2], [true, true])).toBeNaN()
    expect(rocAuc([], [])).toBeNaN()
  })
})

describe('precision at a threshold', () => {
  it('counts score ≥ threshold as flagged', () => {
    const s = atThreshold([10, 40, 40, 60, 90], [false, true, false, false, true], 40)
    expect(s).toEqual({ threshold: 40, flagged: 4, truePositives: 2, precision: 0.5, recall: 1 })
    expect(atThreshold([39.9, 41], [true, false], 40)).toMatchObject({ flagged: 1, precision: 0, recall: 0 })
  })

  it('is NaN when nothing is flagged', () => {
    expect(atThreshold([1, 2], [true, false], 50).precision).toBeNaN()
  })
})

// The oracle must be right for the hierarchy tests that trust it to mean anything.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ClosureRow, closureFromParents } from './support/closure-oracle'

const sorted = (rows: ClosureRow[]) =>
  [...rows].sort((a, b) => a.ancestorId - b.ancestorId || a.descendantId - b.descendantId)
const row = (ancestorId: number, descendantId: number, depth: number): ClosureRow => ({
  ancestorId,
  descendantId,
  depth,
})
const above = (table: ClosureRow[], id: number) => table.filter((r) => r.descendantId === id)

describe('closureFromParents', () => {
  it('builds every ancestor pair with its depth', () => {
    // 1 ─ 2 ─ 3
    //  └─ 4
    const parents = new Map<number, number | null>([
      [3, 2],
      [1, null],
      [2, 1],
      [4, 1],
    ])
    expect(sorted(closureFromParents(parents))).toEqual(
      sorted([
        row(1, 1, 0),
        row(2, 2, 0),
        row(3, 3, 0),
        row(4, 4, 0),
        row(1, 2, 1),
        row(1, 3, 2),
        row(2, 3, 1),
        row(1, 4, 1),
      ]),
    )
  })
  it('refuses loops and unknown parents', () => {
    expect(() => closureFromParents(new Map([[1, 1]]))).toThrow(/loop/)
    expect(() =>
      closureFromParents(
        new Map<number, number | null>([
          [1, null],
          [2, 3],
          [3, 4],
          [4, 2],
        ]),
      ),
    ).toThrow(/loop/)
    expect(() => closureFromParents(new Map([[1, 5]]))).toThrow(/not in the hierarchy/)
  })
})

describe('closureFromParents, over random forests', () => {
  // A forest over ids 1..n: each node's parent is an earlier node or none, so it starts acyclic.
  const forestArb = fc
    .array(fc.option(fc.nat(), { nil: null, freq: 4 }), { minLength: 1, maxLength: 40 })
    .map((picks) => {
      const parents = new Map<number, number | null>()
      picks.forEach((p, i) => parents.set(i + 1, i === 0 || p === null ? null : (p % i) + 1))
      return parents
    })

  function isInSubtree(parents: Map<number, number | null>, node: number, root: number): boolean {
    for (let n: number | null = node; n !== null; n = parents.get(n) ?? null) if (n === root) return true
    return false
  }

  it('gives each node one row per ancestor plus itself', () => {
    fc.assert(
      fc.property(forestArb, (parents) => {
        const closure = closureFromParents(parents)
        for (const id of parents.keys()) {
          let depth = 0
          for (let n = parents.get(id) ?? null; n !== null; n = parents.get(n) ?? null) depth++
          const rows = above(closure, id)
          expect(rows).toHaveLength(depth + 1)
          expect(Math.max(...rows.map((x) => x.depth))).toBe(depth)
        }
      }),
    )
  })

  it('refuses any parent map with a loop', () => {
    fc.assert(
      fc.property(forestArb, fc.nat(), fc.nat(), (parents, a, b) => {
        // Make `top` a child of a node in its own subtree (possibly itself): always a loop.
        const ids = [...parents.keys()]
        const top = ids[a % ids.length]!
        const inside = ids.filter((id) => isInSubtree(parents, id, top))
        parents.set(top, inside[b % inside.length]!)
        expect(() => closureFromParents(parents)).toThrow(/loop/)
      }),
    )
  })
})

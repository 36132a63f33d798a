import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { type ClosureRow, closureFromParents, type MovePlan, planMove, rowsForInsert } from './closure'

const key = (r: { ancestorId: number; descendantId: number }) => `${r.ancestorId}>${r.descendantId}`
const sorted = (rows: ClosureRow[]) =>
  [...rows].sort((a, b) => a.ancestorId - b.ancestorId || a.descendantId - b.descendantId)
const row = (ancestorId: number, descendantId: number, depth: number): ClosureRow => ({
  ancestorId,
  descendantId,
  depth,
})

// The reads the data-access layer makes before a move.
const below = (table: ClosureRow[], id: number) => table.filter((r) => r.ancestorId === id)
const above = (table: ClosureRow[], id: number) => table.filter((r) => r.descendantId === id)

function applyMove(table: ClosureRow[], plan: MovePlan): ClosureRow[] {
  const gone = new Set(plan.delete.map(key))
  const kept = table.filter((r) => !gone.has(key(r)))
  const keys = new Set(kept.map(key))
  for (const r of plan.insert) {
    if (keys.has(key(r))) throw new Error(`duplicate primary key ${key(r)}`)
    keys.add(key(r))
  }
  return [...kept, ...plan.insert]
}

// 1 ─ 2 ─ 3
//  └─ 4
const table: ClosureRow[] = [
  row(1, 1, 0),
  row(2, 2, 0),
  row(3, 3, 0),
  row(4, 4, 0),
  row(1, 2, 1),
  row(1, 3, 2),
  row(2, 3, 1),
  row(1, 4, 1),
]

describe('rowsForInsert', () => {
  it('gives a top-level affiliate only its self row', () => {
    expect(rowsForInsert(9, [])).toEqual([row(9, 9, 0)])
  })
  it("copies the parent's ancestors one level deeper", () => {
    expect(sorted(rowsForInsert(9, above(table, 3)))).toEqual([
      row(1, 9, 3),
      row(2, 9, 2),
      row(3, 9, 1),
      row(9, 9, 0),
    ])
  })
  it('refuses an id that is already the parent or above it', () => {
    expect(() => rowsForInsert(3, above(table, 3))).toThrow(/own parent/)
    expect(() => rowsForInsert(1, above(table, 3))).toThrow(/already above/)
  })
  it('refuses parent rows without the self row', () => {
    expect(() =>
      rowsForInsert(
        9,
        above(table, 3).filter((r) => r.depth > 0),
      ),
    ).toThrow(/depth-0/)
  })
})

describe('planMove', () => {
  it('moves a subtree: unlinks old ancestors, links new ones with summed depths', () => {
    const plan = planMove(below(table, 2), above(table, 2), above(table, 4), 2, 4)
    expect(plan.delete.map(key).sort()).toEqual(['1>2', '1>3'])
    expect(sorted(plan.insert)).toEqual([row(1, 2, 2), row(1, 3, 3), row(4, 2, 1), row(4, 3, 2)])
    expect(sorted(applyMove(table, plan))).toEqual(
      sorted([
        row(1, 1, 0),
        row(2, 2, 0),
        row(3, 3, 0),
        row(4, 4, 0),
        row(1, 4, 1),
        row(2, 3, 1),
        row(1, 2, 2),
        row(1, 3, 3),
        row(4, 2, 1),
        row(4, 3, 2),
      ]),
    )
  })

  it('moves to the top level', () => {
    const plan = planMove(below(table, 2), above(table, 2), [], 2, null)
    expect(plan.insert).toEqual([])
    expect(plan.delete.map(key).sort()).toEqual(['1>2', '1>3'])
  })

  it('does nothing when the parent does not change', () => {
    expect(planMove(below(table, 2), above(table, 2), above(table, 1), 2, 1)).toEqual({
      delete: [],
      insert: [],
    })
    expect(planMove(below(table, 1), above(table, 1), [], 1, null)).toEqual({ delete: [], insert: [] })
  })

  it('refuses to move an affiliate under itself or under its own downline', () => {
    const underSelf = () => planMove(below(table, 2), above(table, 2), above(table, 2), 2, 2)
    expect(underSelf).toThrow(AppError)
    expect(underSelf).toThrow('Affiliate 2 cannot be its own parent')
    const underChild = () => planMove(below(table, 1), above(table, 1), above(table, 3), 1, 3)
    expect(underChild).toThrow(AppError)
    expect(underChild).toThrow(
      'Affiliate 3 is in the downline of affiliate 1; moving 1 under it would make a loop',
    )
  })

  it('refuses rows that are not what it asked for', () => {
    expect(() => planMove(above(table, 3), above(table, 2), above(table, 4), 2, 4)).toThrow(/subtreeRows/)
    expect(() => planMove(below(table, 2), above(table, 2), above(table, 3), 2, 4)).toThrow(
      /newParentAncestors/,
    )
  })
})

describe('closureFromParents', () => {
  it('builds every ancestor pair with its depth', () => {
    const parents = new Map<number, number | null>([
      [3, 2],
      [1, null],
      [2, 1],
      [4, 1],
    ])
    expect(sorted(closureFromParents(parents))).toEqual(sorted(table))
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

describe('closure table, over random forests and moves', () => {
  // A forest over ids 1..n: each node's parent is an earlier node or none, so it starts acyclic.
  const forestArb = fc
    .array(fc.option(fc.nat(), { nil: null, freq: 4 }), { minLength: 1, maxLength: 40 })
    .map((picks) => {
      const parents = new Map<number, number | null>()
      picks.forEach((p, i) => parents.set(i + 1, i === 0 || p === null ? null : (p % i) + 1))
      return parents
    })
  const movesArb = fc.array(fc.tuple(fc.nat(), fc.option(fc.nat(), { nil: null, freq: 6 })), {
    maxLength: 30,
  })

  function isInSubtree(parents: Map<number, number | null>, node: number, root: number): boolean {
    for (let n: number | null = node; n !== null; n = parents.get(n) ?? null) if (n === root) return true
    return false
  }

  it('applies any valid move exactly like recomputing, and refuses every loop', () => {
    fc.assert(
      fc.property(forestArb, movesArb, (parents, moves) => {
        let closure = closureFromParents(parents)
        const n = parents.size
        for (const [r, p] of moves) {
          const root = (r % n) + 1
          const newParent = p === null ? null : (p % n) + 1
          const attempt = () =>
            planMove(
              below(closure, root),
              above(closure, root),
              newParent === null ? [] : above(closure, newParent),
              root,
              newParent,
            )
          if (newParent !== null && isInSubtree(parents, newParent, root)) {
            expect(attempt).toThrow(AppError)
            continue
          }
          closure = applyMove(closure, attempt())
          parents.set(root, newParent)
          expect(sorted(closure)).toEqual(sorted(closureFromParents(parents)))
        }
      }),
      { numRuns: 500 },
    )
  })

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

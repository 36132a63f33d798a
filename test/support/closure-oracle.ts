// The closure table recomputed from scratch, as the oracle the SQL in db/sqlite/hierarchy.ts is
// checked against: one row per (ancestor, descendant) pair, including a depth-0 row from every
// affiliate to itself.

export interface ClosureRow {
  ancestorId: number
  descendantId: number
  depth: number
}

/**
 * The whole table from each affiliate's parent (null = top level).
 * Refuses a parent that is not in the map and any loop.
 */
export function closureFromParents(parents: ReadonlyMap<number, number | null>): ClosureRow[] {
  // ancestorsOf.get(id) = [parent, grandparent, ...]; index + 1 is the depth.
  const ancestorsOf = new Map<number, number[]>()
  for (const start of parents.keys()) {
    if (ancestorsOf.has(start)) continue
    // Walk up to a known node or the top, then fill in the path from the top down.
    const path: number[] = []
    const onPath = new Set<number>()
    let node: number | null = start
    while (node !== null && !ancestorsOf.has(node)) {
      if (onPath.has(node)) throw new Error(`The hierarchy has a loop through affiliate ${node}`)
      onPath.add(node)
      path.push(node)
      const parent: number | null | undefined = parents.get(node)
      if (parent === undefined) throw new Error(`Affiliate ${node}'s parent is not in the hierarchy`)
      node = parent
    }
    let above: number[] = node === null ? [] : [node, ...ancestorsOf.get(node)!]
    for (let i = path.length - 1; i >= 0; i--) {
      const id = path[i]!
      ancestorsOf.set(id, above)
      above = [id, ...above]
    }
  }

  const rows: ClosureRow[] = []
  for (const [id, ancestors] of ancestorsOf) {
    rows.push({ ancestorId: id, descendantId: id, depth: 0 })
    ancestors.forEach((a, i) => rows.push({ ancestorId: a, descendantId: id, depth: i + 1 }))
  }
  return rows
}

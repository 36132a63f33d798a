// Closure-table logic for affiliate_hierarchy, over plain rows: one row per (ancestor, descendant)
// pair, including a depth-0 row from every affiliate to itself. The data-access layer reads the
// rows named in each signature, calls these, and applies the result in one transaction.
import { conflict } from '../../shared/errors'

export interface ClosureRow {
  ancestorId: number
  descendantId: number
  depth: number
}

export interface ClosureLink {
  ancestorId: number
  descendantId: number
}

export interface MovePlan {
  delete: ClosureLink[]
  insert: ClosureRow[]
}

/**
 * Rows for a new affiliate. `parentAncestors` are the parent's rows as descendant
 * (`WHERE descendant_id = parent`, its self row included); empty for a top-level affiliate.
 */
export function rowsForInsert(newId: number, parentAncestors: readonly ClosureRow[]): ClosureRow[] {
  if (parentAncestors.length > 0) {
    const parentId = selfRowOf(parentAncestors, 'parentAncestors')
    if (parentAncestors.some((a) => a.ancestorId === newId)) {
      throw conflict(
        newId === parentId
          ? `Affiliate ${newId} cannot be its own parent`
          : `Affiliate ${newId} is already above affiliate ${parentId}`,
      )
    }
  }
  const rows: ClosureRow[] = [{ ancestorId: newId, descendantId: newId, depth: 0 }]
  for (const a of parentAncestors)
    rows.push({ ancestorId: a.ancestorId, descendantId: newId, depth: a.depth + 1 })
  return rows
}

/**
 * Moves `rootId` and its whole downline under `newParentId` (null = top level).
 * - subtreeRows: `WHERE ancestor_id = root` (root's self row included);
 * - oldAncestorsOfRoot: `WHERE descendant_id = root` (depth-0 row ignored if present);
 * - newParentAncestors: `WHERE descendant_id = newParent` (its self row included), [] for null.
 * Deletes every link from an old ancestor into the subtree and inserts new ancestors × subtree with
 * depth = a.depth + s.depth + 1; links inside the subtree stay. Refuses a move that makes a loop.
 */
export function planMove(
  subtreeRows: readonly ClosureRow[],
  oldAncestorsOfRoot: readonly ClosureRow[],
  newParentAncestors: readonly ClosureRow[],
  rootId: number,
  newParentId: number | null,
): MovePlan {
  if (selfRowOf(subtreeRows, 'subtreeRows', 'ancestorId') !== rootId) {
    throw new Error(`subtreeRows must be the rows below affiliate ${rootId}`)
  }
  if (oldAncestorsOfRoot.some((a) => a.descendantId !== rootId)) {
    throw new Error(`oldAncestorsOfRoot must all have descendant ${rootId}`)
  }
  if (newParentId === rootId) throw conflict(`Affiliate ${rootId} cannot be its own parent`)
  if (newParentId === null) {
    if (newParentAncestors.length > 0) throw new Error('A move to the top level has no new parent rows')
  } else {
    if (selfRowOf(newParentAncestors, 'newParentAncestors') !== newParentId) {
      throw new Error(`newParentAncestors must be the rows above affiliate ${newParentId}`)
    }
    // Either check alone suffices on a consistent table; both together also catch a stale read.
    if (
      subtreeRows.some((s) => s.descendantId === newParentId) ||
      newParentAncestors.some((a) => a.ancestorId === rootId)
    ) {
      throw conflict(
        `Affiliate ${newParentId} is in the downline of affiliate ${rootId}; moving ${rootId} under it would make a loop`,
      )
    }
  }

  const oldAncestors = oldAncestorsOfRoot.filter((a) => a.depth > 0)
  const oldParentId = oldAncestors.find((a) => a.depth === 1)?.ancestorId ?? null
  if (oldParentId === newParentId) return { delete: [], insert: [] }

  const plan: MovePlan = { delete: [], insert: [] }
  for (const a of oldAncestors) {
    for (const s of subtreeRows) plan.delete.push({ ancestorId: a.ancestorId, descendantId: s.descendantId })
  }
  for (const a of newParentAncestors) {
    for (const s of subtreeRows) {
      plan.insert.push({
        ancestorId: a.ancestorId,
        descendantId: s.descendantId,
        depth: a.depth + s.depth + 1,
      })
    }
  }
  return plan
}

/**
 * The whole table from each affiliate's parent (null = top level), for repair and for checking.
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
      if (onPath.has(node)) throw conflict(`The hierarchy has a loop through affiliate ${node}`)
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

/** The single depth-0 row of a row set, identifying whose rows they are. */
function selfRowOf(
  rows: readonly ClosureRow[],
  what: string,
  key: 'ancestorId' | 'descendantId' = 'descendantId',
): number {
  const self = rows.filter((r) => r.depth === 0)
  if (self.length !== 1) throw new Error(`${what} must include exactly one depth-0 row`)
  const id = self[0]![key]
  if (rows.some((r) => r[key] !== id)) throw new Error(`${what} must all belong to affiliate ${id}`)
  return id
}

// A generated affiliate program for the commissions benchmark: a forest up to `maxDepth` levels
// below its roots, mostly deep chains (each newcomer joins under a recent affiliate) so most
// conversions pay every MLM level, plus one subtree of a chosen size to move.

/** Deterministic, so every run benchmarks the same program. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export interface Hierarchy {
  /** parent[id] for ids 1..count; index 0 unused. */
  parent: (number | null)[]
  depth: Int32Array
  count: number
  /** Root of the subtree to move, at depth `moveDepth`, with exactly `subtreeSize` affiliates. */
  subtreeRoot: number
  subtreeSize: number
  /** A new parent outside the subtree, at the same depth as the old one. */
  moveTarget: number
}

export function generateHierarchy(opts: {
  count: number
  subtreeSize: number
  maxDepth: number
  moveDepth: number
  rand: () => number
}): Hierarchy {
  const { count, subtreeSize, maxDepth, moveDepth, rand } = opts
  const parent: (number | null)[] = new Array<number | null>(count + 1).fill(null)
  const depth = new Int32Array(count + 1)
  const mainCount = count - subtreeSize
  const roots = Math.max(1, Math.round(mainCount / 10_000))

  // Joins under a recent affiliate of the same group (cubed: mostly very recent), or under the
  // nearest ancestor with room when that one is already at the deepest level.
  const join = (id: number, first: number) => {
    const back = 1 + Math.floor(rand() ** 3 * Math.min(id - first, 5000))
    let p = id - back
    while (depth[p]! >= maxDepth) p = parent[p]!
    parent[id] = p
    depth[id] = depth[p]! + 1
  }
  for (let id = 1; id <= mainCount; id++) {
    if (id <= roots) continue
    join(id, 1)
  }

  const anchorDepth = moveDepth - 1
  const atAnchorDepth: number[] = []
  for (let id = 1; id <= mainCount; id++) if (depth[id] === anchorDepth) atAnchorDepth.push(id)
  if (atAnchorDepth.length < 2) throw new Error(`need two affiliates at depth ${anchorDepth}`)
  const anchor = atAnchorDepth[0]!
  const moveTarget = atAnchorDepth[atAnchorDepth.length - 1]!

  const subtreeRoot = mainCount + 1
  parent[subtreeRoot] = anchor
  depth[subtreeRoot] = moveDepth
  for (let id = subtreeRoot + 1; id <= count; id++) join(id, subtreeRoot)

  return { parent, depth, count, subtreeRoot, subtreeSize, moveTarget }
}

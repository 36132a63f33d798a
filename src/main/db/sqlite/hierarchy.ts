// The affiliate hierarchy as a closure table (affiliate_hierarchy: one row per ancestor/descendant
// pair, depth-0 self rows included). Inserting a new affiliate lives here with the move, the
// upline/downline queries and the per-level statistics, so every closure write is in one file.
import type Database from 'better-sqlite3'
import type { Affiliate, HierarchyNode } from '../../../shared/contract'
import { conflict, notFound } from '../../../shared/errors'
import type { Actor, HierarchyRepo, LevelStats } from '../store'
import type { Drizzle } from '../open'
import { writeAudit } from './audit'
import { all, get } from './rows'

// Statements are prepared once per connection: bulk loads call insertClosureRows per affiliate.
const prepared = new WeakMap<
  Database.Database,
  { self: Database.Statement; fromParent: Database.Statement }
>()

export function insertClosureRows(sqlite: Database.Database, id: number, parentId: number | null): void {
  let s = prepared.get(sqlite)
  if (!s) {
    s = {
      self: sqlite.prepare(
        'INSERT INTO affiliate_hierarchy (ancestor_id, descendant_id, depth) VALUES (?, ?, 0)',
      ),
      fromParent: sqlite.prepare(
        `INSERT INTO affiliate_hierarchy (ancestor_id, descendant_id, depth)
         SELECT ancestor_id, ?, depth + 1 FROM affiliate_hierarchy WHERE descendant_id = ?`,
      ),
    }
    prepared.set(sqlite, s)
  }
  s.self.run(id, id)
  if (parentId !== null) s.fromParent.run(id, parentId)
}

const NODE = 'a.id, a.code, a.name, a.status, a.parent_id, h.depth'
// Rows come back as arrays and become objects here: one fixed-shape literal per row measured ~25 %
// cheaper than the driver building each object property by property (20 rows for an upline at depth 20).
type NodeRow = [number, string, string, HierarchyNode['status'], number | null, number]
const toNodes = (rows: NodeRow[]): HierarchyNode[] =>
  rows.map((r) => ({
    id: r[0],
    code: r[1],
    name: r[2],
    status: r[3],
    parentId: r[4],
    depth: r[5],
  }))

interface Deps {
  db: Drizzle
  sqlite: Database.Database
  now: () => number
  /** Invalidates the ingest caches (the upline cache above all). */
  changed: () => void
  /** Resolves once queued conversions are written, so they are paid on the tree they arrived under. */
  settle: () => Promise<void>
  getAffiliate: (id: number) => Promise<Affiliate | null>
}

export function createHierarchyRepo(deps: Deps): HierarchyRepo {
  const { db, sqlite, now, changed } = deps
  const q = {
    affiliate: sqlite.prepare('SELECT id, parent_id AS parentId FROM affiliates WHERE id = ?'),
    // Either check alone would do on a consistent table: the new parent is in the mover's downline.
    isBelow: sqlite.prepare('SELECT 1 FROM affiliate_hierarchy WHERE ancestor_id = ? AND descendant_id = ?'),
    subtreeSize: sqlite.prepare('SELECT count(*) AS n FROM affiliate_hierarchy WHERE ancestor_id = ?'),
    // Links from the root's old ancestors into its subtree. Links inside the subtree stay as they are.
    unlink: sqlite.prepare(
      `DELETE FROM affiliate_hierarchy
        WHERE ancestor_id IN (SELECT ancestor_id FROM affiliate_hierarchy WHERE descendant_id = @id AND depth > 0)
          AND descendant_id IN (SELECT descendant_id FROM affiliate_hierarchy WHERE ancestor_id = @id)`,
    ),
    // New parent's ancestors (its self row included) × the subtree.
    link: sqlite.prepare(
      `INSERT INTO affiliate_hierarchy (ancestor_id, descendant_id, depth)
       SELECT p.ancestor_id, s.descendant_id, p.depth + s.depth + 1
         FROM affiliate_hierarchy p, affiliate_hierarchy s
        WHERE p.descendant_id = @parentId AND s.ancestor_id = @id`,
    ),
    setParent: sqlite.prepare('UPDATE affiliates SET parent_id = ?, updated_at = ? WHERE id = ?'),
    upline: sqlite
      .prepare(
        `SELECT ${NODE} FROM affiliate_hierarchy h JOIN affiliates a ON a.id = h.ancestor_id
        WHERE h.descendant_id = ? AND h.depth > 0 ORDER BY h.depth`,
      )
      .raw(true),
    downline: sqlite
      .prepare(
        `SELECT ${NODE} FROM affiliate_hierarchy h JOIN affiliates a ON a.id = h.descendant_id
        WHERE h.ancestor_id = ? AND h.depth BETWEEN 1 AND ? ORDER BY h.depth, h.descendant_id LIMIT ? OFFSET ?`,
      )
      .raw(true),
    downlineTotal: sqlite.prepare(
      'SELECT count(*) AS n FROM affiliate_hierarchy WHERE ancestor_id = ? AND depth BETWEEN 1 AND ?',
    ),
    perLevel: sqlite.prepare(
      `SELECT depth AS level, count(*) AS n FROM affiliate_hierarchy
        WHERE ancestor_id = ? AND depth > 0 GROUP BY depth ORDER BY depth`,
    ),
    // Every row counts, reversals and clawbacks included, so the figure is the net actually owed.
    earningsPerLevel: sqlite.prepare(
      `SELECT level, currency, sum(amount_minor) AS amountMinor FROM commissions
        WHERE affiliate_id = ? GROUP BY level, currency ORDER BY level, currency`,
    ),
  }

  const exists = (id: number): { id: number; parentId: number | null } => {
    const row = get<{ id: number; parentId: number | null }>(q.affiliate, id)
    if (!row) throw notFound('Affiliate', id)
    return row
  }

  const moveTx = sqlite.transaction((id: number, parentId: number | null, actor: Actor) => {
    const before = exists(id)
    if (parentId !== null) {
      exists(parentId)
      if (parentId === id) throw conflict(`Affiliate ${id} cannot be its own parent`)
      if (q.isBelow.get(id, parentId)) {
        throw conflict(
          `Affiliate ${parentId} is in the downline of affiliate ${id}; moving ${id} under it would make a loop`,
        )
      }
    }
    if (before.parentId === parentId) return false
    const at = now()
    const removed = q.unlink.run({ id }).changes
    const added = parentId === null ? 0 : q.link.run({ id, parentId }).changes
    q.setParent.run(parentId, at, id)
    const moved = get<{ n: number }>(q.subtreeSize, id)!.n
    writeAudit(db, at, {
      actor,
      action: 'affiliate.move',
      entity: 'affiliate',
      entityId: id,
      before: { parentId: before.parentId },
      after: { parentId, affiliatesMoved: moved, closureRowsRemoved: removed, closureRowsAdded: added },
    })
    changed()
    return true
  })

  return {
    async move(id, parentId, actor) {
      await deps.settle()
      moveTx(id, parentId, actor)
      const after = await deps.getAffiliate(id)
      if (!after) throw notFound('Affiliate', id)
      return after
    },

    async upline(id) {
      const rows = toNodes(all<NodeRow>(q.upline, id))
      if (rows.length === 0) exists(id)
      return rows
    },

    async downline({ id, maxDepth, page, pageSize }) {
      exists(id)
      const depth = maxDepth ?? Number.MAX_SAFE_INTEGER
      const rows = toNodes(all<NodeRow>(q.downline, id, depth, pageSize, page * pageSize))
      const total = get<{ n: number }>(q.downlineTotal, id, depth)!.n
      return { rows, total }
    },

    async levelStats(id) {
      exists(id)
      const byLevel = new Map<number, LevelStats['levels'][number]>()
      const level = (n: number) => {
        let row = byLevel.get(n)
        if (!row) {
          row = { level: n, affiliates: 0, earnings: [] }
          byLevel.set(n, row)
        }
        return row
      }
      for (const r of all<{ level: number; n: number }>(q.perLevel, id)) level(r.level).affiliates = r.n
      const own: LevelStats['own'] = []
      for (const r of all<{ level: number; currency: string; amountMinor: number }>(q.earningsPerLevel, id)) {
        const entry = { currency: r.currency, amountMinor: r.amountMinor }
        if (r.level <= 1) own.push(entry)
        else level(r.level - 1).earnings.push(entry)
      }
      return { own, levels: [...byLevel.values()].sort((a, b) => a.level - b.level) }
    },
  }
}

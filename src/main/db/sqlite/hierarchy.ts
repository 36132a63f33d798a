// Closure-table writes that belong to creating an affiliate. Moves and upline/downline queries live
// with the hierarchy engine's data access, next to this.
import type Database from 'better-sqlite3'

export function insertClosureRows(sqlite: Database.Database, id: number, parentId: number | null): void {
  sqlite
    .prepare('INSERT INTO affiliate_hierarchy (ancestor_id, descendant_id, depth) VALUES (?, ?, 0)')
    .run(id, id)
  if (parentId !== null) {
    sqlite
      .prepare(
        `INSERT INTO affiliate_hierarchy (ancestor_id, descendant_id, depth)
         SELECT ancestor_id, ?, depth + 1 FROM affiliate_hierarchy WHERE descendant_id = ?`,
      )
      .run(id, parentId)
  }
}

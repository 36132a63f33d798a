// Bulk loading for imports and benchmarks: many affiliates with their closure rows in one
// transaction, through the same closure insert as creating one affiliate, so the table comes out
// exactly as 100,000 single creates would leave it, without 100,000 commits and audit rows.
// Run it before a store is opened on the file (the store's ingest caches do not see it).
import type { Affiliate } from '../../../shared/contract'
import { invalid } from '../../../shared/errors'
import type { OpenDatabase } from '../open'
import { writeAudit } from './audit'
import { insertClosureRows } from './hierarchy'

export interface BulkAffiliate {
  id: number
  /** Must be an affiliate already in the database or earlier in the same call. */
  parentId: number | null
  code: string
  name: string
  email: string
  status: Affiliate['status']
  tier: Affiliate['tier']
  overrideRateBps: number | null
}

/** All or nothing: an unknown or later parent, or a duplicate code or id, leaves the database unchanged. */
export function bulkInsertAffiliates(
  open: OpenDatabase,
  rows: readonly BulkAffiliate[],
  opts: { at: number; actor: string },
): void {
  const { sqlite, db } = open
  const insert = sqlite.prepare(
    `INSERT INTO affiliates (id, parent_id, code, name, email, status, tier, override_rate_bps, created_at, updated_at,
        approved_at)
     VALUES (@id, @parentId, @code, @name, @email, @status, @tier, @overrideRateBps, @at, @at, @approvedAt)`,
  )
  const exists = sqlite.prepare('SELECT 1 FROM affiliates WHERE id = ?').pluck()
  sqlite.transaction(() => {
    const seen = new Set<number>()
    for (const row of rows) {
      // A parent not yet inserted would silently get no closure rows: refuse it instead.
      if (row.parentId !== null && !seen.has(row.parentId) && !exists.get(row.parentId)) {
        throw invalid(`Affiliate ${row.id}'s parent ${row.parentId} must exist or come before it`)
      }
      insert.run({ ...row, at: opts.at, approvedAt: row.status === 'approved' ? opts.at : null })
      insertClosureRows(sqlite, row.id, row.parentId)
      seen.add(row.id)
    }
    writeAudit(db, opts.at, {
      actor: opts.actor,
      action: 'affiliate.import',
      entity: 'affiliate',
      entityId: null,
      after: { count: rows.length },
    })
  })()
}

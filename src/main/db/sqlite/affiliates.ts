import type Database from 'better-sqlite3'
import { and, count, desc, eq, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Affiliate } from '../../../shared/contract'
import { notFound } from '../../../shared/errors'
import type { AffiliateRepo } from '../store'
import type { Drizzle } from '../open'
import { affiliates } from '../schema'
import { writeAudit } from './audit'
import { insertClosureRows } from './hierarchy'
import { rethrowUnique } from './sql-errors'

const parent = alias(affiliates, 'parent')

const columns = {
  id: affiliates.id,
  parentId: affiliates.parentId,
  parentCode: parent.code,
  code: affiliates.code,
  name: affiliates.name,
  email: affiliates.email,
  status: affiliates.status,
  tier: affiliates.tier,
  overrideRateBps: affiliates.overrideRateBps,
  paymentMethod: affiliates.paymentMethod,
  paymentEmail: affiliates.paymentEmail,
  payoutCurrency: affiliates.payoutCurrency,
  bankDetails: affiliates.bankDetails,
  minPayoutMinor: affiliates.minPayoutMinor,
  createdAt: affiliates.createdAt,
  approvedAt: affiliates.approvedAt,
  downlineCount: sql<number>`(SELECT count(*) FROM affiliate_hierarchy h WHERE h.ancestor_id = ${affiliates.id} AND h.depth > 0)`,
}

const sortColumns = {
  id: affiliates.id,
  code: affiliates.code,
  name: affiliates.name,
  email: affiliates.email,
  status: affiliates.status,
  tier: affiliates.tier,
  createdAt: affiliates.createdAt,
} as const

/** People expect "alice" between "Adam" and "Bob", so text columns sort case-insensitively. */
function orderBy(col: (typeof sortColumns)[keyof typeof sortColumns], dir: 'asc' | 'desc'): SQL {
  const key = col === affiliates.id || col === affiliates.createdAt ? sql`${col}` : sql`${col} COLLATE NOCASE`
  return dir === 'desc' ? sql`${key} DESC` : sql`${key} ASC`
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export function createAffiliateRepo(
  db: Drizzle,
  sqlite: Database.Database,
  now: () => number,
  /** Called after any change the commission engine's caches depend on. */
  changed: () => void = () => {},
): AffiliateRepo {
  const select = () =>
    db.select(columns).from(affiliates).leftJoin(parent, eq(parent.id, affiliates.parentId))

  const getSync = (id: number): Affiliate | null => select().where(eq(affiliates.id, id)).get() ?? null
  const mustGet = (id: number): Affiliate => {
    const row = getSync(id)
    if (!row) throw notFound('Affiliate', id)
    return row
  }

  return {
    async list(q) {
      const filters: SQL[] = []
      if (q.status) filters.push(eq(affiliates.status, q.status))
      if (q.tier) filters.push(eq(affiliates.tier, q.tier))
      if (q.search) {
        const pattern = `%${escapeLike(q.search)}%`
        filters.push(
          or(
            sql`${affiliates.code} LIKE ${pattern} ESCAPE '\\'`,
            sql`${affiliates.name} LIKE ${pattern} ESCAPE '\\'`,
            sql`${affiliates.email} LIKE ${pattern} ESCAPE '\\'`,
          )!,
        )
      }
      const where = filters.length ? and(...filters) : undefined
      const col = sortColumns[q.sort.field]
      const rows = select()
        .where(where)
        .orderBy(orderBy(col, q.sort.dir), desc(affiliates.id))
        .limit(q.pageSize)
        .offset(q.page * q.pageSize)
        .all()
      const total = db.select({ n: count() }).from(affiliates).where(where).get()?.n ?? 0
      return { rows, total }
    },

    async get(id) {
      return getSync(id)
    },

    async getByCode(code) {
      return select().where(eq(affiliates.code, code)).get() ?? null
    },

    async create(input, actor) {
      return db.transaction((tx) => {
        if (input.parentId !== null && !getSync(input.parentId))
          throw notFound('Parent affiliate', input.parentId)
        const at = now()
        let id: number
        try {
          id = tx
            .insert(affiliates)
            .values({ ...input, createdAt: at, updatedAt: at })
            .returning({ id: affiliates.id })
            .get().id
        } catch (err) {
          rethrowUnique(err, `An affiliate with code "${input.code}" already exists`, 'code')
        }
        insertClosureRows(sqlite, id, input.parentId)
        const created = mustGet(id)
        writeAudit(tx, at, {
          actor,
          action: 'affiliate.create',
          entity: 'affiliate',
          entityId: id,
          after: created,
        })
        changed()
        return created
      })
    },

    async update(id, patch, actor) {
      return db.transaction((tx) => {
        const before = mustGet(id)
        const at = now()
        tx.update(affiliates)
          .set({ ...patch, updatedAt: at })
          .where(eq(affiliates.id, id))
          .run()
        const after = mustGet(id)
        writeAudit(tx, at, {
          actor,
          action: 'affiliate.update',
          entity: 'affiliate',
          entityId: id,
          before,
          after,
        })
        changed()
        return after
      })
    },

    async setStatus(id, status, actor) {
      return db.transaction((tx) => {
        const before = mustGet(id)
        if (before.status === status) return before
        const at = now()
        tx.update(affiliates)
          .set({
            status,
            updatedAt: at,
            approvedAt: status === 'approved' ? at : before.approvedAt,
          })
          .where(eq(affiliates.id, id))
          .run()
        const after = mustGet(id)
        writeAudit(tx, at, {
          actor,
          action: `affiliate.${status === 'approved' ? 'approve' : status === 'suspended' ? 'suspend' : status}`,
          entity: 'affiliate',
          entityId: id,
          before: { status: before.status },
          after: { status },
        })
        changed()
        return after
      })
    },
  }
}

import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { Link } from '../../../shared/contract'
import { notFound } from '../../../shared/errors'
import type { LinkRepo } from '../store'
import type { Drizzle } from '../open'
import { affiliates, campaigns, links } from '../schema'
import { writeAudit } from './audit'
import { rethrowUnique } from './sql-errors'

const columns = {
  id: links.id,
  affiliateId: links.affiliateId,
  affiliateCode: affiliates.code,
  campaignId: links.campaignId,
  campaignName: campaigns.name,
  code: links.code,
  landingUrl: links.landingUrl,
  active: links.active,
  createdAt: links.createdAt,
  // Counts come from the daily rollups, so listing links never scans raw clicks.
  clicks: sql<number>`(SELECT COALESCE(sum(clicks), 0) FROM daily_stats d WHERE d.link_id = ${links.id})`,
  conversions: sql<number>`(SELECT COALESCE(sum(conversions), 0) FROM daily_stats d WHERE d.link_id = ${links.id})`,
}

export function trackingUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/c/${encodeURIComponent(code)}`
}

export function createLinkRepo(db: Drizzle, now: () => number, changed: () => void): LinkRepo {
  const select = () =>
    db
      .select(columns)
      .from(links)
      .innerJoin(affiliates, eq(affiliates.id, links.affiliateId))
      .innerJoin(campaigns, eq(campaigns.id, links.campaignId))
  const withUrl =
    (base: string) =>
    (row: Omit<Link, 'trackingUrl'>): Link => ({ ...row, trackingUrl: trackingUrl(base, row.code) })
  const mustGet = (id: number, base: string): Link => {
    const row = select().where(eq(links.id, id)).get()
    if (!row) throw notFound('Link', id)
    return withUrl(base)(row)
  }

  return {
    async list(q, base) {
      const filters: SQL[] = []
      if (q.campaignId) filters.push(eq(links.campaignId, q.campaignId))
      if (q.affiliateId) filters.push(eq(links.affiliateId, q.affiliateId))
      if (q.search) {
        const pattern = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        filters.push(
          sql`(${links.code} LIKE ${pattern} ESCAPE '\\' OR ${affiliates.code} LIKE ${pattern} ESCAPE '\\')`,
        )
      }
      const where = filters.length ? and(...filters) : undefined
      const rows = select()
        .where(where)
        .orderBy(desc(links.id))
        .limit(q.pageSize)
        .offset(q.page * q.pageSize)
        .all()
      const total =
        db
          .select({ n: count() })
          .from(links)
          .innerJoin(affiliates, eq(affiliates.id, links.affiliateId))
          .where(where)
          .get()?.n ?? 0
      return { rows: rows.map(withUrl(base)), total }
    },

    async create(input, actor, base) {
      return db.transaction((tx) => {
        if (
          !tx.select({ id: affiliates.id }).from(affiliates).where(eq(affiliates.id, input.affiliateId)).get()
        ) {
          throw notFound('Affiliate', input.affiliateId)
        }
        if (
          !tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, input.campaignId)).get()
        ) {
          throw notFound('Campaign', input.campaignId)
        }
        const at = now()
        let id: number
        try {
          id = tx
            .insert(links)
            .values({ ...input, createdAt: at })
            .returning({ id: links.id })
            .get().id
        } catch (err) {
          rethrowUnique(err, `A link with code "${input.code}" already exists`, 'code')
        }
        const created = mustGet(id, base)
        writeAudit(tx, at, { actor, action: 'link.create', entity: 'link', entityId: id, after: created })
        return created
      })
    },

    async setActive(id, active, actor, base) {
      return db.transaction((tx) => {
        const before = mustGet(id, base)
        if (before.active === active) return before
        const at = now()
        tx.update(links).set({ active }).where(eq(links.id, id)).run()
        writeAudit(tx, at, {
          actor,
          action: active ? 'link.activate' : 'link.deactivate',
          entity: 'link',
          entityId: id,
          before: { active: before.active },
          after: { active },
        })
        changed()
        return mustGet(id, base)
      })
    },
  }
}

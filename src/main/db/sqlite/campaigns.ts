import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { Campaign } from '../../../shared/contract'
import { notFound } from '../../../shared/errors'
import { planSchema } from '../../../shared/plan'
import type { CampaignRepo } from '../store'
import type { Drizzle } from '../open'
import { advertisers, campaigns } from '../schema'
import { writeAudit } from './audit'
import { keySubscriptions } from './subscriptions'

const columns = {
  id: campaigns.id,
  advertiserId: campaigns.advertiserId,
  advertiserName: advertisers.name,
  name: campaigns.name,
  description: campaigns.description,
  status: campaigns.status,
  destinationUrl: campaigns.destinationUrl,
  fallbackUrl: campaigns.fallbackUrl,
  clickIdParam: campaigns.clickIdParam,
  cookieDays: campaigns.cookieDays,
  maxClientAmountMinor: campaigns.maxClientAmountMinor,
  maxPostbackAmountMinor: campaigns.maxPostbackAmountMinor,
  currency: campaigns.currency,
  holdDays: campaigns.holdDays,
  plan: campaigns.plan,
  createdAt: campaigns.createdAt,
  updatedAt: campaigns.updatedAt,
}

type Row = Omit<Campaign, 'plan'> & { plan: string }

/** The plan was validated on write; parsing again on read keeps a hand-edited database from feeding the engine garbage. */
function toCampaign(row: Row): Campaign {
  return { ...row, plan: planSchema.parse(JSON.parse(row.plan)) }
}

const sortColumns = {
  id: campaigns.id,
  name: campaigns.name,
  status: campaigns.status,
  createdAt: campaigns.createdAt,
} as const

export function createCampaignRepo(
  db: Drizzle,
  now: () => number,
  changed: () => void = () => {},
): CampaignRepo {
  const select = () =>
    db.select(columns).from(campaigns).innerJoin(advertisers, eq(advertisers.id, campaigns.advertiserId))
  const getSync = (id: number): Campaign | null => {
    const row = select().where(eq(campaigns.id, id)).get()
    return row ? toCampaign(row) : null
  }
  const mustGet = (id: number): Campaign => {
    const c = getSync(id)
    if (!c) throw notFound('Campaign', id)
    return c
  }

  return {
    async list(q) {
      const filters: SQL[] = []
      if (q.status) filters.push(eq(campaigns.status, q.status))
      if (q.search)
        filters.push(
          sql`${campaigns.name} LIKE ${`%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`,
        )
      const where = filters.length ? and(...filters) : undefined
      const col = sortColumns[q.sort.field]
      const rows = select()
        .where(where)
        .orderBy(
          col === campaigns.name
            ? sql`${col} COLLATE NOCASE ${sql.raw(q.sort.dir)}`
            : q.sort.dir === 'desc'
              ? desc(col)
              : asc(col),
          desc(campaigns.id),
        )
        .limit(q.pageSize)
        .offset(q.page * q.pageSize)
        .all()
      const total = db.select({ n: count() }).from(campaigns).where(where).get()?.n ?? 0
      return { rows: rows.map(toCampaign), total }
    },

    async get(id) {
      return getSync(id)
    },

    async create(input, actor) {
      return db.transaction((tx) => {
        const adv = tx
          .select({ id: advertisers.id })
          .from(advertisers)
          .where(eq(advertisers.id, input.advertiserId))
          .get()
        if (!adv) throw notFound('Advertiser', input.advertiserId)
        const at = now()
        const id = tx
          .insert(campaigns)
          .values({ ...input, plan: JSON.stringify(input.plan), createdAt: at, updatedAt: at })
          .returning({ id: campaigns.id })
          .get().id
        const created = mustGet(id)
        writeAudit(tx, at, {
          actor,
          action: 'campaign.create',
          entity: 'campaign',
          entityId: id,
          after: created,
        })
        return created
      })
    },

    async update(id, patch, actor) {
      return db.transaction((tx) => {
        const before = mustGet(id)
        const at = now()
        const { plan, ...rest } = patch
        tx.update(campaigns)
          .set({ ...rest, ...(plan ? { plan: JSON.stringify(plan) } : {}), updatedAt: at })
          .where(eq(campaigns.id, id))
          .run()
        const after = mustGet(id)
        if (after.plan.type === 'recurring' && before.plan.type !== 'recurring') keySubscriptions(tx, id)
        changed()
        writeAudit(tx, at, {
          actor,
          action: 'campaign.update',
          entity: 'campaign',
          entityId: id,
          before,
          after,
        })
        return after
      })
    },
  }
}

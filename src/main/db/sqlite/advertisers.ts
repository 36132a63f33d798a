import { and, asc, eq } from 'drizzle-orm'
import { notFound } from '../../../shared/errors'
import type { Advertiser } from '../../../shared/contract'
import type { AdvertiserRepo } from '../store'
import type { Drizzle } from '../open'
import { advertisers, campaigns, links } from '../schema'
import { writeAudit } from './audit'

const publicColumns = {
  id: advertisers.id,
  name: advertisers.name,
  signingMode: advertisers.signingMode,
  allowedIps: advertisers.allowedIps,
  allowedOrigins: advertisers.allowedOrigins,
  createdAt: advertisers.createdAt,
}

type Row = Omit<Advertiser, 'allowedIps' | 'allowedOrigins'> & { allowedIps: string; allowedOrigins: string }

const toAdvertiser = (r: Row): Advertiser => ({
  ...r,
  allowedIps: JSON.parse(r.allowedIps) as string[],
  allowedOrigins: JSON.parse(r.allowedOrigins) as string[],
})

export function createAdvertiserRepo(
  db: Drizzle,
  now: () => number,
  changed: () => void = () => {},
): AdvertiserRepo {
  const getSync = (id: number): Advertiser | null => {
    const r = db.select(publicColumns).from(advertisers).where(eq(advertisers.id, id)).get()
    return r ? toAdvertiser(r) : null
  }
  return {
    async list() {
      return db.select(publicColumns).from(advertisers).orderBy(asc(advertisers.name)).all().map(toAdvertiser)
    },
    async get(id) {
      return getSync(id)
    },
    async update(id, patch, actor) {
      return db.transaction((tx) => {
        const before = getSync(id)
        if (!before) throw notFound('Advertiser', id)
        const at = now()
        tx.update(advertisers)
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.signingMode !== undefined ? { signingMode: patch.signingMode } : {}),
            ...(patch.allowedIps !== undefined ? { allowedIps: JSON.stringify(patch.allowedIps) } : {}),
            ...(patch.allowedOrigins !== undefined
              ? { allowedOrigins: JSON.stringify(patch.allowedOrigins) }
              : {}),
            updatedAt: at,
          })
          .where(eq(advertisers.id, id))
          .run()
        const after = getSync(id)!
        writeAudit(tx, at, {
          actor,
          action: 'advertiser.update',
          entity: 'advertiser',
          entityId: id,
          before,
          after,
        })
        changed()
        return after
      })
    },
    async rotateSecret(id, secret, token, actor) {
      return db.transaction((tx) => {
        const before = getSync(id)
        if (!before) throw notFound('Advertiser', id)
        const at = now()
        tx.update(advertisers)
          .set({ postbackSecret: secret, postbackToken: token, updatedAt: at })
          .where(eq(advertisers.id, id))
          .run()
        writeAudit(tx, at, { actor, action: 'advertiser.rotate_secret', entity: 'advertiser', entityId: id })
        changed()
        return before
      })
    },
    async testLinkCode(id) {
      const row = db
        .select({ code: links.code })
        .from(links)
        .innerJoin(campaigns, eq(campaigns.id, links.campaignId))
        .where(and(eq(campaigns.advertiserId, id), eq(campaigns.status, 'active'), eq(links.active, true)))
        .limit(1)
        .get()
      return row?.code ?? null
    },
    async create(input, actor) {
      return db.transaction((tx) => {
        const at = now()
        const id = tx
          .insert(advertisers)
          .values({
            name: input.name,
            signingMode: input.signingMode,
            postbackSecret: input.postbackSecret,
            postbackToken: input.postbackToken,
            allowedIps: JSON.stringify(input.allowedIps),
            allowedOrigins: JSON.stringify(input.allowedOrigins),
            createdAt: at,
            updatedAt: at,
          })
          .returning({ id: advertisers.id })
          .get().id
        const created = getSync(id)!
        // The secret is deliberately not in the audit row: the log is readable by everyone using the app.
        writeAudit(tx, at, {
          actor,
          action: 'advertiser.create',
          entity: 'advertiser',
          entityId: id,
          after: created,
        })
        return created
      })
    },
  }
}

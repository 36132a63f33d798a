import { asc, eq } from 'drizzle-orm'
import type { Advertiser } from '../../../shared/contract'
import type { AdvertiserRepo } from '../store'
import type { Drizzle } from '../open'
import { advertisers } from '../schema'
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

export function createAdvertiserRepo(db: Drizzle, now: () => number): AdvertiserRepo {
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

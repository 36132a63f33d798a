import { and, asc, eq, sql } from 'drizzle-orm'
import { notFound } from '../../../shared/errors'
import type { Advertiser } from '../../../shared/contract'
import type { AdvertiserRepo } from '../store'
import type { Drizzle } from '../open'
import { advertisers, campaigns, links } from '../schema'
import type { SecretSealer } from '../../secrets/secret-box'
import { writeAudit } from './audit'

const publicColumns = {
  id: advertisers.id,
  name: advertisers.name,
  signingMode: advertisers.signingMode,
  allowedIps: advertisers.allowedIps,
  allowedOrigins: advertisers.allowedOrigins,
  createdAt: advertisers.createdAt,
  // Read only to tell whether this machine can open them; never returned.
  postbackSecret: advertisers.postbackSecret,
  postbackToken: advertisers.postbackToken,
}

type Row = Omit<Advertiser, 'allowedIps' | 'allowedOrigins' | 'secretReadable'> & {
  allowedIps: string
  allowedOrigins: string
  postbackSecret: string
  postbackToken: string | null
}

export function createAdvertiserRepo(
  db: Drizzle,
  now: () => number,
  secrets: SecretSealer,
  changed: () => void = () => {},
): AdvertiserRepo {
  const toAdvertiser = ({ postbackSecret, postbackToken, ...r }: Row): Advertiser => ({
    ...r,
    allowedIps: JSON.parse(r.allowedIps) as string[],
    allowedOrigins: JSON.parse(r.allowedOrigins) as string[],
    secretReadable:
      secrets.tryOpen(postbackSecret) !== null &&
      (postbackToken === null || secrets.tryOpen(postbackToken) !== null),
  })
  const getSync = (id: number): Advertiser | null => {
    const r = db.select(publicColumns).from(advertisers).where(eq(advertisers.id, id)).get()
    return r ? toAdvertiser(r) : null
  }
  const sealPlaintext = (): number =>
    db.transaction((tx) => {
      const rows = tx
        .select({ id: advertisers.id, s: advertisers.postbackSecret, t: advertisers.postbackToken })
        .from(advertisers)
        .all()
        .filter((r) => !r.s.startsWith('enc:') || (r.t !== null && !r.t.startsWith('enc:')))
      for (const r of rows) {
        tx.update(advertisers)
          .set({
            postbackSecret: r.s.startsWith('enc:') ? r.s : secrets.seal(r.s),
            postbackToken: r.t === null || r.t.startsWith('enc:') ? r.t : secrets.seal(r.t),
          })
          .where(eq(advertisers.id, r.id))
          .run()
      }
      if (rows.length) changed()
      return rows.length
    })

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
          .set({ postbackSecret: secrets.seal(secret), postbackToken: secrets.seal(token), updatedAt: at })
          .where(eq(advertisers.id, id))
          .run()
        writeAudit(tx, at, { actor, action: 'advertiser.rotate_secret', entity: 'advertiser', entityId: id })
        changed()
        return before
      })
    },
    async sealPlaintextSecrets() {
      // Databases from before secrets were sealed: seal them in place, once, in one transaction,
      // with secure_delete so the plain text is overwritten rather than left in free space.
      db.run(sql`PRAGMA secure_delete = ON`)
      try {
        return sealPlaintext()
      } finally {
        db.run(sql`PRAGMA secure_delete = OFF`)
      }
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
            postbackSecret: secrets.seal(input.postbackSecret),
            postbackToken: secrets.seal(input.postbackToken),
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

import { count, desc, eq } from 'drizzle-orm'
import type { AuditRepo } from '../store'
import type { Drizzle } from '../open'
import { auditLog } from '../schema'

export interface AuditWrite {
  actor: string
  action: string
  entity: string
  entityId: string | number | null
  before?: unknown
  after?: unknown
}

/** Called inside the same transaction as the change it records. */
export function writeAudit(db: Drizzle, at: number, entry: AuditWrite): void {
  db.insert(auditLog)
    .values({
      at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run()
}

function parseJson(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

export function createAuditRepo(db: Drizzle, now: () => number): AuditRepo {
  return {
    async record(entry) {
      writeAudit(db, now(), entry)
    },
    async list({ page, pageSize, entity }) {
      const where = entity ? eq(auditLog.entity, entity) : undefined
      const rows = db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(pageSize)
        .offset(page * pageSize)
        .all()
      const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0
      return {
        rows: rows.map((r) => ({ ...r, before: parseJson(r.before), after: parseJson(r.after) })),
        total,
      }
    },
  }
}

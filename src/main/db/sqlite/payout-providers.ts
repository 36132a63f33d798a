// Payout provider accounts (credentials sealed; only "configured / readable / sandbox" ever leaves)
// and the record of API sends under their idempotency keys. Audit rows never carry a credential.
import type Database from 'better-sqlite3'
import type { PayoutProvider } from '../../../shared/domain'
import type { SecretSealer } from '../../secrets/secret-box'
import type { SendRecord } from '../../payouts/providers/send'
import type { Drizzle } from '../open'
import type { PayoutProviderAccount, PayoutProviderRepo } from '../store'
import { writeAudit } from './audit'
import { all, get } from './rows'

export function createPayoutProviderRepo(
  db: Drizzle,
  sqlite: Database.Database,
  now: () => number,
  secrets: SecretSealer,
): PayoutProviderRepo {
  const readAccount = (provider: PayoutProvider): PayoutProviderAccount => {
    const row = get<{ credentials: string | null; sandbox: number; updatedAt: number }>(
      sqlite.prepare(
        `SELECT credentials, sandbox, updated_at AS updatedAt FROM payout_provider_accounts WHERE provider = ?`,
      ),
      provider,
    )
    if (!row)
      return {
        provider,
        credentials: null,
        configured: false,
        readable: false,
        sandbox: true,
        updatedAt: null,
      }
    const opened = row.credentials === null ? null : secrets.tryOpen(row.credentials)
    return {
      provider,
      credentials: opened,
      configured: row.credentials !== null,
      readable: opened !== null,
      sandbox: row.sandbox === 1,
      updatedAt: row.updatedAt,
    }
  }

  return {
    account: async (provider) => readAccount(provider),

    async update(provider, patch, actor) {
      sqlite
        .transaction(() => {
          const before = readAccount(provider)
          const at = now()
          const sandbox = patch.sandbox ?? before.sandbox
          const keep = get<{ credentials: string | null }>(
            sqlite.prepare(`SELECT credentials FROM payout_provider_accounts WHERE provider = ?`),
            provider,
          )?.credentials
          const credentials =
            patch.credentials === undefined
              ? (keep ?? null)
              : patch.credentials === null
                ? null
                : secrets.seal(patch.credentials)
          sqlite
            .prepare(
              `INSERT INTO payout_provider_accounts (provider, credentials, sandbox, updated_at) VALUES (?, ?, ?, ?)
               ON CONFLICT(provider) DO UPDATE SET credentials = excluded.credentials, sandbox = excluded.sandbox,
                 updated_at = excluded.updated_at`,
            )
            .run(provider, credentials, sandbox ? 1 : 0, at)
          writeAudit(db, at, {
            actor,
            action: 'payout.provider.update',
            entity: 'payout_provider',
            entityId: provider,
            before: { configured: before.configured, sandbox: before.sandbox },
            after: {
              configured: credentials !== null,
              sandbox,
              credentialsChanged: patch.credentials !== undefined,
            },
          })
        })
        .immediate()
    },

    async sends(runId) {
      return all<{
        runId: number
        provider: PayoutProvider
        itemId: number | null
        idempotencyKey: string
        remoteId: string | null
        stage: SendRecord['stage']
        remoteStatus: string | null
        itemIds: string
      }>(
        sqlite.prepare(
          `SELECT run_id AS runId, provider, item_id AS itemId, idempotency_key AS idempotencyKey,
                  remote_id AS remoteId, stage, remote_status AS remoteStatus, item_ids AS itemIds
             FROM payout_sends WHERE run_id = ? ORDER BY id`,
        ),
        runId,
      ).map((r) => ({ ...r, itemIds: JSON.parse(r.itemIds) as number[] }))
    },

    async recordSend(send, audit, actor) {
      sqlite
        .transaction(() => {
          const at = now()
          sqlite
            .prepare(
              `INSERT INTO payout_sends (run_id, item_id, provider, idempotency_key, remote_id, stage, remote_status,
                                         item_ids, created_at, updated_at)
               VALUES (@runId, @itemId, @provider, @idempotencyKey, @remoteId, @stage, @remoteStatus, @itemIds, @at, @at)
               ON CONFLICT(provider, idempotency_key) DO UPDATE SET remote_id = coalesce(excluded.remote_id, remote_id),
                 stage = excluded.stage, remote_status = excluded.remote_status, item_ids = excluded.item_ids,
                 updated_at = excluded.updated_at`,
            )
            .run({ ...send, itemIds: JSON.stringify(send.itemIds), at })
          if (audit)
            writeAudit(db, at, {
              actor,
              action: audit,
              entity: 'payout_run',
              entityId: send.runId,
              after: {
                provider: send.provider,
                key: send.idempotencyKey,
                itemIds: send.itemIds,
                stage: send.stage,
                remoteId: send.remoteId,
                remoteStatus: send.remoteStatus,
              },
            })
        })
        .immediate()
    },
  }
}

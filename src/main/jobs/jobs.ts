// The jobs the core schedules.
import type { BackupService } from '../backups/service'
import type { Store } from '../db/store'
import type { FraudRuntime } from '../fraud/runtime'
import { trainFraudModel } from '../fraud/training'
import type { JobDefinition } from './scheduler'

const MINUTE = 60_000

/** Conversions approved per store call: small enough that clicks and postbacks keep flowing between chunks. */
export const APPROVE_CHUNK = 500

export function coreJobs(
  store: Store,
  extras: { backups?: Pick<BackupService, 'runIfDue'>; fraud?: FraudRuntime } = {},
): JobDefinition[] {
  const { backups, fraud } = extras
  const backupJob: JobDefinition[] = backups
    ? [
        {
          // Checks often and backs up when the newest backup is older than Settings → Backups asks,
          // so a changed schedule or a machine that slept catches up within a quarter of an hour.
          name: 'backup',
          everyMs: 15 * MINUTE,
          run: (now) => backups.runIfDue(now),
        },
      ]
    : []
  const training: JobDefinition[] = fraud
    ? [
        {
          // Managers' decisions of the day teach the model overnight; on demand from Settings too.
          name: 'fraud-train',
          everyMs: 24 * 60 * MINUTE,
          async run(now) {
            return (await trainFraudModel(store, fraud, now, 'fraud-training')).message
          },
        },
      ]
    : []
  return [
    {
      // Pending, unflagged conversions whose hold period has passed. Flagged ones wait for a person.
      name: 'auto-approve',
      everyMs: 10 * MINUTE,
      async run(now) {
        let approved = 0
        for (;;) {
          const n = await store.conversions.approveDue(now, APPROVE_CHUNK)
          approved += n
          // Fewer than a full chunk: nothing more is due (or what is left cannot be approved).
          if (n < APPROVE_CHUNK) break
          await new Promise((resolve) => setImmediate(resolve))
        }
        return `approved ${approved}`
      },
    },
    {
      // The balances a payout run reads are kept in every transaction the app writes; this finds
      // what a hand edit of the file (or a bug) left behind, before a run pays through it.
      name: 'payable-balances-check',
      everyMs: 24 * 60 * MINUTE,
      async run() {
        const repaired = await store.payouts.checkBalances('balances-check')
        return `repaired ${repaired} payable balance(s)`
      },
    },
    {
      name: 'prune-nonces',
      everyMs: 60 * MINUTE,
      async run(now) {
        return `pruned ${await store.tracking.pruneNonces(now)}`
      },
    },
    ...backupJob,
    ...training,
  ]
}

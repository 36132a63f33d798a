import type { Handlers, MethodName } from '../../shared/contract'
import type { BackupService } from '../backups/service'
import type { Store } from '../db/store'
import type { FraudRuntime } from '../fraud/runtime'

export interface HandlerContext {
  store: Store
  /** Who is acting, for the audit log. One owner per machine today; the API will pass its key name. */
  actor: string
  /** The core's clock, so tests can move time. */
  now: () => number
  info: () => Promise<Handlers['app.info'] extends (i: never) => Promise<infer O> ? O : never>
  /** Backups, exports and staged restores of this program's database. */
  backups: BackupService
  /** Restores a backup or export file into the running app (stop, swap, reopen); resolves with what happened. */
  restoreNow: (file: string) => Promise<string>
  /** The fraud checks the listener runs: settings and model are reloaded after a change. */
  fraud: FraudRuntime
  /** Called after settings change so the core can re-apply them (e.g. restart the listener). */
  onSettingsChanged: () => Promise<void>
}

export type HandlerGroup<K extends MethodName> = Pick<Handlers, K>

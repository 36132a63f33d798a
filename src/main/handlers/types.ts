import type { Handlers, MethodName } from '../../shared/contract'
import type { BackupService } from '../backups/service'
import type { Store } from '../db/store'
import type { FraudRuntime } from '../fraud/runtime'
import type { ProviderEndpoints } from '../payouts/providers/endpoints'
import type { HttpOptions } from '../payouts/providers/http'

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
  /** Payout provider API hosts and retry pacing (tests point them at a loopback stub). */
  payoutApi?: { endpoints?: Partial<ProviderEndpoints>; http?: HttpOptions }
  /** Only the desktop shell has one; headless mode downloads in the browser instead. */
  saveFile?: SaveFile
  /** Only the desktop shell has one: it prints HTML to PDF in a hidden window. */
  pdfPrinter?: PdfPrinter
}

/** A file the app produced, to be saved where the user chooses. */
export interface FileToSave {
  name: string
  mediaType: string
  /** Text is written as UTF-8; bytes (a PDF) as they are. */
  content: string | Uint8Array
}

/** Prints a self-contained HTML page (no scripts, no outside resources) to PDF bytes. */
export interface PdfPrinter {
  print(html: string): Promise<Uint8Array>
}

/** The desktop shell's native save dialog; saved=false when the user cancelled. */
export type SaveFile = (file: FileToSave) => Promise<{ saved: boolean; path: string | null }>

export type HandlerGroup<K extends MethodName> = Pick<Handlers, K>

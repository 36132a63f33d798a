// Composition root: the one place that opens the database and starts the engines and the listener.
// Both shells (Electron and headless) build the app through createCore and differ only in how the
// renderer reaches `dispatch`.
import { mkdirSync } from 'node:fs'
import { ledgerPolicy } from '../commissions/policy'
import { defaultDbFile, openDatabase } from '../db/open'
import { createSqliteStore } from '../db/sqlite/store'
import type { Store } from '../db/store'
import { createHandlers } from '../handlers'
import { createDispatch, type Dispatch } from './dispatch'

export interface CoreOptions {
  dataDir: string
  migrationsFolder: string
  shell: 'electron' | 'headless'
  version: string
  /** Overrides the listener port stored in settings (0 = pick a free port, for tests). */
  listenerPort?: number
  /** Start without the public tracking listener (tests of the UI contract only). */
  noListener?: boolean
  now?: () => number
  log?: (msg: string, err?: unknown) => void
}

export interface Core {
  dispatch: Dispatch
  store: Store
  dataDir: string
  dbFile: string
  listenerUrl: string | null
  close(): Promise<void>
}

export const defaultLog = (msg: string, err?: unknown): void => {
  if (err === undefined) console.error(`[affiliate-desk] ${msg}`)
  else console.error(`[affiliate-desk] ${msg}:`, err)
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const now = opts.now ?? Date.now
  const log = opts.log ?? defaultLog
  mkdirSync(opts.dataDir, { recursive: true })
  const dbFile = defaultDbFile(opts.dataDir)
  const open = openDatabase({ file: dbFile, migrationsFolder: opts.migrationsFolder })
  const store = createSqliteStore(open, now, ledgerPolicy)
  try {
    const settings = await store.settings.get()
    if (settings.durability === 'full') open.sqlite.pragma('synchronous = FULL')
  } catch (err) {
    await store.close()
    throw err
  }

  const listenerUrl: string | null = null

  const handlers = createHandlers({
    store,
    actor: 'owner',
    info: async () => {
      const s = await store.settings.get()
      return {
        version: opts.version,
        dataDir: opts.dataDir,
        dbFile,
        shell: opts.shell,
        listenerUrl,
        publicBaseUrl: s.publicBaseUrl,
      }
    },
    onSettingsChanged: async () => {
      const s = await store.settings.get()
      open.sqlite.pragma(`synchronous = ${s.durability === 'full' ? 'FULL' : 'NORMAL'}`)
    },
  })

  let closed = false
  return {
    dispatch: createDispatch(handlers, log),
    store,
    dataDir: opts.dataDir,
    dbFile,
    listenerUrl,
    async close() {
      if (closed) return
      closed = true
      await store.close()
    },
  }
}

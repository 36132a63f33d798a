// WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside whichever commit
// crosses the threshold and, with synchronous=NORMAL, fsyncs twice: on the event loop, that stalls
// every request in flight (it showed as the listener's worst latencies). A worker thread with its
// own connection runs PASSIVE checkpoints instead, which never block the writer. If the worker
// cannot start (an odd packaging, say), the database keeps SQLite's automatic checkpoints.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.modulePath)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
const run = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (err) { parentPort.postMessage({ error: String(err) }) }
}
const timer = setInterval(run, workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); run(); db.close(); parentPort.close() }
})
parentPort.postMessage('ready')
`

export interface Checkpointer {
  stop(): Promise<void>
}

export async function startCheckpointer(
  file: string,
  log: (msg: string, err?: unknown) => void,
  intervalMs = 1000,
): Promise<Checkpointer | null> {
  let worker: Worker
  try {
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3')
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, modulePath, intervalMs } })
  } catch (err) {
    log('WAL checkpoint worker unavailable; using automatic checkpoints', err)
    return null
  }
  const ready = await new Promise<boolean>((resolve) => {
    const timeout = setTimeout(() => resolve(false), 5000)
    worker.once('message', (m) => {
      clearTimeout(timeout)
      resolve(m === 'ready')
    })
    worker.once('error', (err) => {
      clearTimeout(timeout)
      log('WAL checkpoint worker failed to start; using automatic checkpoints', err)
      resolve(false)
    })
  })
  if (!ready) {
    await worker.terminate()
    return null
  }
  worker.on('message', (m: unknown) => {
    if (m && typeof m === 'object' && 'error' in m)
      log(`WAL checkpoint failed: ${String((m as { error: unknown }).error)}`)
  })
  worker.unref()
  return {
    async stop() {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      worker.postMessage('stop')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      await worker.terminate()
    },
  }
}

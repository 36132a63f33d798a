// WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside whichever commit
// crosses the threshold and, with synchronous=NORMAL, fsyncs twice: on the event loop, that stalls
// every request in flight (it showed as the listener's worst latencies). A worker thread with its
// own connection runs PASSIVE checkpoints instead, which never block the writer. If the worker
// cannot start (an odd packaging, say), the database keeps SQLite's automatic checkpoints.
//
// The WAL only starts over from its beginning when a write finds every frame checkpointed, and under
// sustained writes the worker never gets there: frames keep arriving while it copies. The WAL then
// grew without bound (900 MB in a one-minute benchmark) and every batch got slower as it grew
// (clicks 0.59x -> 0.55x of bare over 12 s). So while writes go on, the worker comes back every
// busyIntervalMs, and when a pass leaves nothing behind on a WAL of restartFrames or more, it tells the
// writer, whose own PASSIVE checkpoint copies the few frames committed since; its next write then
// restarts the WAL.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.modulePath)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
let timer = null
let lastLog = -1
let reported = -1
const run = () => {
  let r = null
  try { r = db.pragma('wal_checkpoint(PASSIVE)')[0] } catch (err) { parentPort.postMessage({ error: String(err) }) }
  const writing = r !== null && r.log !== lastLog
  if (r !== null) {
    lastLog = r.log
    if (r.log >= workerData.restartFrames && r.checkpointed === r.log && r.log !== reported) {
      reported = r.log
      parentPort.postMessage({ caughtUp: r.log })
    }
  }
  timer = setTimeout(run, writing ? workerData.busyIntervalMs : workerData.intervalMs)
}
timer = setTimeout(run, workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m === 'stop') { clearTimeout(timer); run(); clearTimeout(timer); db.close(); parentPort.close() }
})
parentPort.postMessage('ready')
`

export interface Checkpointer {
  stop(): Promise<void>
}

export interface CheckpointerOptions {
  /** The app's own connection, the only writer: it finishes the last frames so the WAL can restart. */
  writer: Pick<Database.Database, 'pragma'>
  log: (msg: string, err?: unknown) => void
  /** Between passes while nothing is written. */
  intervalMs?: number
  /** Between passes while writes go on. */
  busyIntervalMs?: number
  /** WAL frames (pages) from which the writer is asked to finish a caught-up checkpoint. */
  restartFrames?: number
}

export async function startCheckpointer(
  file: string,
  opts: CheckpointerOptions,
): Promise<Checkpointer | null> {
  const { writer, log } = opts
  let worker: Worker
  try {
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3')
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        modulePath,
        intervalMs: opts.intervalMs ?? 1000,
        busyIntervalMs: opts.busyIntervalMs ?? 100,
        restartFrames: opts.restartFrames ?? 2048,
      },
    })
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
    // Messages arrive between event-loop tasks, so never inside one of the writer's transactions.
    if (m && typeof m === 'object' && 'caughtUp' in m) {
      try {
        writer.pragma('wal_checkpoint(PASSIVE)')
      } catch (err) {
        log('WAL checkpoint on the writer failed', err)
      }
    }
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

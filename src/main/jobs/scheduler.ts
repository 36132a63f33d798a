// A small job runner for the main process. Each job's schedule lives in the `jobs` table, so a
// restart picks up where it left off: a job that fell due while the app was closed runs soon after
// start (once, not once per missed period), and one that ran recently is not repeated.
// The clock is injected, so tests move time instead of sleeping.
import type { JobRepo } from '../db/store'

export interface JobDefinition {
  name: string
  everyMs: number
  /** One run; resolves with a short summary kept in jobs.last_result. */
  run(now: number): Promise<string>
}

export interface Scheduler {
  /** Runs the jobs that are due now, one after another. A tick while one is running joins it. */
  tick(): Promise<void>
  /** Ticks every `tickMs`, the first time after `initialDelayMs`. Timers never keep the process alive. */
  start(opts?: { tickMs?: number; initialDelayMs?: number }): void
  /** Stops the timers and waits for a running tick to finish. */
  stop(): Promise<void>
}

export function createScheduler(opts: {
  jobs: readonly JobDefinition[]
  repo: JobRepo
  now: () => number
  log: (msg: string, err?: unknown) => void
}): Scheduler {
  const { jobs, repo, now, log } = opts
  let running: Promise<void> | null = null
  let timers: NodeJS.Timeout[] = []
  let stopped = false

  async function runDue(): Promise<void> {
    for (const job of jobs) {
      if (stopped) return
      const at = now()
      const state = await repo.get(job.name)
      if (state && state.nextRunAt > at) continue
      let result: string
      try {
        result = await job.run(at)
      } catch (err) {
        // Recorded and retried next period: one failing job must not stop the others.
        log(`job ${job.name} failed`, err)
        result = `failed: ${err instanceof Error ? err.message : String(err)}`
      }
      await repo.save({ name: job.name, lastRunAt: at, nextRunAt: at + job.everyMs, lastResult: result })
    }
  }

  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve()
    if (!running) {
      running = runDue()
        .catch((err: unknown) => log('scheduler tick failed', err))
        .finally(() => {
          running = null
        })
    }
    return running
  }

  return {
    tick,
    start({ tickMs = 30_000, initialDelayMs = 5_000 } = {}) {
      if (stopped || timers.length) return
      timers = [setTimeout(() => void tick(), initialDelayMs), setInterval(() => void tick(), tickMs)]
      for (const t of timers) t.unref()
    },
    async stop() {
      stopped = true
      for (const t of timers) clearTimeout(t)
      timers = []
      await running
    },
  }
}

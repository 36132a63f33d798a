// Scheduled jobs' state, so a restart resumes the schedule instead of running everything again or
// forgetting what was due while the app was closed.
import type Database from 'better-sqlite3'
import type { JobRepo, JobState } from '../store'
import { get } from './rows'

export function createJobRepo(sqlite: Database.Database): JobRepo {
  const byName = sqlite.prepare(
    `SELECT name, last_run_at AS lastRunAt, next_run_at AS nextRunAt, last_result AS lastResult
       FROM jobs WHERE name = ?`,
  )
  const save = sqlite.prepare(
    `INSERT INTO jobs (name, last_run_at, next_run_at, last_result) VALUES (@name, @lastRunAt, @nextRunAt, @lastResult)
     ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at, next_run_at = excluded.next_run_at,
       last_result = excluded.last_result`,
  )
  return {
    async get(name) {
      return get<JobState>(byName, name) ?? null
    },
    async save(state) {
      save.run(state)
    },
  }
}

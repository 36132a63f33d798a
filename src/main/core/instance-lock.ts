// Which process has the data folder open. The core writes its pid here while it runs, so the CLI can
// refuse to restore under a running app. A lock left by a crash (kill -9, power loss) names a pid
// that no longer runs and is ignored; the WAL and -shm files cannot tell that apart, a pid can.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const LOCK_FILE = 'affiliate-desk.lock'

export interface LockInfo {
  pid: number
  startedAt: number
  shell: string
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The app that has this data folder open, or null. */
export function runningInstance(dataDir: string): LockInfo | null {
  let info: LockInfo
  try {
    info = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockInfo
  } catch {
    return null
  }
  return Number.isInteger(info.pid) && info.pid > 0 && alive(info.pid) ? info : null
}

/** Marks the folder as open by this process; the returned function clears the mark (only if still ours). */
export function holdLock(dataDir: string, shell: string, now: number): () => void {
  const file = join(dataDir, LOCK_FILE)
  writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: now, shell } satisfies LockInfo))
  return () => {
    try {
      const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo
      if (info.pid === process.pid) rmSync(file, { force: true })
    } catch {
      // Already gone.
    }
  }
}

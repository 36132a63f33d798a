import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { holdLock, LOCK_FILE, runningInstance } from './instance-lock'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'affdesk-lock-'))
  dirs.push(d)
  return d
}

describe('the data folder lock', () => {
  it('names the live process that holds the folder, and is gone once released', () => {
    const dir = scratch()
    expect(runningInstance(dir)).toBeNull()
    const release = holdLock(dir, 'headless', 1)
    expect(runningInstance(dir)).toMatchObject({ pid: process.pid, shell: 'headless' })
    release()
    expect(runningInstance(dir)).toBeNull()
  })

  it('ignores a lock left by a process that no longer runs (kill -9) and a garbled one', () => {
    const dir = scratch()
    // A pid that existed and has exited: a child that ran to completion.
    const gone = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString()
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: Number(gone), startedAt: 1, shell: 'headless' }),
    )
    expect(runningInstance(dir)).toBeNull()
    writeFileSync(join(dir, LOCK_FILE), 'not json')
    expect(runningInstance(dir)).toBeNull()
  })

  it('does not remove a lock another process wrote after it', () => {
    const dir = scratch()
    const release = holdLock(dir, 'headless', 1)
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, startedAt: 2, shell: 'electron' }))
    release()
    expect(runningInstance(dir)).toMatchObject({ pid: 1 })
  })
})

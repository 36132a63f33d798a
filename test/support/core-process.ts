// A real core (database + listener) in a child process (support/serve-core.ts), for tests that
// kill it with SIGKILL. Resolves once it listens, with its listener URL and its stdout lines.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface, type Interface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export interface CoreProcess {
  process: ChildProcess
  listenerUrl: string
  /** stdout after the first line (serve-core's answers in --contract-stdin mode). */
  lines: Interface
  exit: Promise<unknown[]>
}

export async function startCoreProcess(dataDir: string, args: string[] = []): Promise<CoreProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      new URL('./raw-import.mjs', import.meta.url).href,
      fileURLToPath(new URL('./serve-core.ts', import.meta.url)),
      dataDir,
      ...args,
    ],
    { stdio: [args.includes('--contract-stdin') ? 'pipe' : 'ignore', 'pipe', 'inherit'] },
  )
  // Writes after a kill are simply not acknowledged.
  child.stdin?.on('error', () => {})
  const lines = createInterface({ input: child.stdout! })
  const exit = once(child, 'exit')
  const early = exit.then(([code]) => {
    throw new Error(`the core process exited early (${String(code)})`)
  })
  early.catch(() => {}) // the tests kill it on purpose later
  const [first] = (await Promise.race([once(lines, 'line'), early])) as [string]
  return {
    process: child,
    listenerUrl: (JSON.parse(first) as { listenerUrl: string }).listenerUrl,
    lines,
    exit,
  }
}

// Load generation: wrk when installed (it costs the least CPU, which matters on 2 cores), else autocannon.
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'

export interface LoadResult {
  tool: string
  rps: number
  p50ms: number
  p99ms: number
  non2xx3xx: number
  errors: number
}

export function haveWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined
}

function ms(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text)
  if (!m) return NaN
  const v = Number(m[1])
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v
}

/** wrk -t1 -c64; `paths` (optional) are replayed in order by a Lua script, one request each. */
export function wrk(url: string, seconds: number, connections: number, paths?: string[]): LoadResult {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency']
  if (paths) {
    const file = `/tmp/affdesk-bench-paths-${process.pid}.lua`
    writeFileSync(
      file,
      `local paths = {\n${paths.map((p) => `"${p}"`).join(',\n')}\n}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  if i > #paths then i = 1 end\n  return wrk.format("GET", paths[i])\nend\n`,
    )
    args.push('-s', file)
  }
  args.push(url)
  const out = execFileSync('wrk', args, { encoding: 'utf8', maxBuffer: 1 << 24 })
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])
  const non = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0)
  const errs = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
  return {
    tool: 'wrk',
    rps,
    p50ms: ms(/\s50%\s+(\S+)/.exec(out)?.[1] ?? ''),
    p99ms: ms(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    non2xx3xx: non,
    errors: errs ? errs.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
  }
}

export async function autocannon(
  url: string,
  seconds: number,
  connections: number,
  paths?: string[],
): Promise<LoadResult> {
  const { default: run } = (await import('autocannon')) as unknown as {
    default: (opts: Record<string, unknown>) => Promise<{
      requests: { average: number }
      latency: { p50: number; p99: number }
      non2xx: number
      errors: number
      '2xx': number
      '3xx': number
    }>
  }
  let i = 0
  const result = await run({
    url,
    connections,
    duration: seconds,
    ...(paths
      ? {
          requests: [
            { setupRequest: (req: { path: string }) => ({ ...req, path: paths[i++ % paths.length] }) },
          ],
        }
      : {}),
  })
  return {
    tool: 'autocannon',
    rps: result.requests.average,
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx3xx: result.non2xx - result['3xx'],
    errors: result.errors,
  }
}

export async function load(
  url: string,
  seconds: number,
  connections: number,
  paths?: string[],
): Promise<LoadResult> {
  return haveWrk() ? wrk(url, seconds, connections, paths) : autocannon(url, seconds, connections, paths)
}

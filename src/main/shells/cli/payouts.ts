// `affiliate-desk payouts ...` for scripts and cron: the same contract methods the Payouts page
// calls, through the core's dispatch (so the same validation, rules and audit rows).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { Envelope } from '../../../shared/methods'
import type { PayoutsCommand } from './args'

type Dispatch = (method: string, input: unknown) => Promise<Envelope<unknown>>

export interface CliIo {
  out(text: string): void
  err(text: string): void
  now(): number
}

/** Runs one payouts command; returns the process exit code (0 ok, 1 refused). */
export async function runPayouts(cmd: PayoutsCommand, dispatch: Dispatch, io: CliIo): Promise<number> {
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const env = await dispatch(method, input)
    if (env.ok) return env.value
    const issues = env.error.issues.map((i) => `\n  ${i.path}: ${i.message}`).join('')
    throw new Error(`${env.error.code}: ${env.error.message}${issues}`)
  }
  try {
    const selection = {
      cutoff: cmd.cutoff ?? io.now(),
      ...(cmd.affiliateIds?.length ? { affiliateIds: cmd.affiliateIds } : {}),
    }
    switch (cmd.action) {
      case 'preview':
        io.out(JSON.stringify(await call('payouts.preview', selection), null, 2))
        return 0
      case 'commit':
        io.out(JSON.stringify(await call('payouts.commit', selection), null, 2))
        return 0
      case 'export': {
        const { files } = (await call('payouts.export', { runId: cmd.runId, format: cmd.format })) as {
          files: {
            name: string
            content: string
            rows: number
            totalMinor: number
            currency: string | null
          }[]
        }
        const dir = resolve(cmd.out!)
        mkdirSync(dir, { recursive: true })
        for (const f of files) {
          // Names come from the writers; basename keeps them inside --out whatever they say.
          const path = join(dir, basename(f.name))
          writeFileSync(path, f.content)
          io.out(`${path}\t${f.rows} rows\t${f.currency ?? ''} ${f.totalMinor}`)
        }
        return 0
      }
      case 'import': {
        const text = readFileSync(resolve(cmd.file!), 'utf8')
        const result = await call('payouts.importReport', {
          kind: cmd.report,
          text,
          ...(cmd.runId ? { runId: cmd.runId } : {}),
        })
        io.out(JSON.stringify(result, null, 2))
        return 0
      }
    }
  } catch (err) {
    io.err((err as Error).message)
    return 1
  }
}

// The payouts CLI as cron would run it: a separate process on the data folder, through the contract.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { parseCommand } from '../src/main/shells/cli/args'
import { startTestCore, type TestCore } from './support/core'
import { payoutProgram } from './support/payouts'

let t: TestCore | null = null
let leftover: string | null = null
afterEach(async () => {
  await t?.close()
  if (leftover) rmSync(leftover, { recursive: true, force: true })
})

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      new URL('./support/raw-import.mjs', import.meta.url).href,
      fileURLToPath(new URL('../src/main/cli.ts', import.meta.url)),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  const [code] = (await once(child, 'exit')) as [number]
  return { code, out, err }
}

describe('payouts arguments', () => {
  it('parses each action and refuses incomplete ones', () => {
    expect(
      parseCommand([
        'payouts',
        'preview',
        '--cutoff',
        '2026-11-30T00:00:00Z',
        '--affiliate',
        '3',
        '--affiliate',
        '4',
      ]),
    ).toMatchObject({
      kind: 'payouts',
      action: 'preview',
      cutoff: Date.UTC(2026, 10, 30),
      affiliateIds: [3, 4],
    })
    expect(() => parseCommand(['payouts', 'export', '--run', '1'])).toThrow(/--format/)
    expect(() =>
      parseCommand(['payouts', 'export', '--run', '1', '--format', 'excel', '--out', 'x']),
    ).toThrow(/--format must be one of/)
    expect(() => parseCommand(['payouts', 'refund'])).toThrow(/payouts must be one of/)
    expect(() => parseCommand(['payouts', 'preview', '--cutoff', 'soon'])).toThrow(/--cutoff/)
    expect(() => parseCommand(['payouts', 'import', '--file', 'r.csv'])).toThrow(/--report/)
  })
})

it('previews, commits, exports files into --out and imports the provider report', async () => {
  t = await startTestCore({ jobs: 'manual' })
  const p = await payoutProgram(t, ['ANN', 'BEN'])
  await p.sale('ANN', 'O1', 100_00)
  await p.sale('BEN', 'O2', 70_00)
  // The core closes but its folder stays: the CLI processes open it next.
  const dataDir = (leftover = t.dir)
  await t.core.close()
  t = null

  const preview = await cli('payouts', 'preview', '--data-dir', dataDir)
  expect(preview.code, preview.err).toBe(0)
  expect((JSON.parse(preview.out) as { totals: unknown }).totals).toEqual([
    { currency: 'USD', method: 'paypal', items: 2, amountMinor: 17_00 },
  ])

  const commit = await cli('payouts', 'commit', '--data-dir', dataDir, '--affiliate', String(p.ids.ANN))
  expect(commit.code, commit.err).toBe(0)
  const run = JSON.parse(commit.out) as { run: { id: number }; items: { id: number; amountMinor: number }[] }
  expect(run.items.map((i) => i.amountMinor)).toEqual([10_00])

  const out = join(dataDir, 'files')
  const exported = await cli(
    'payouts',
    'export',
    '--data-dir',
    dataDir,
    '--run',
    String(run.run.id),
    '--format',
    'paypal',
    '--out',
    out,
  )
  expect(exported.code, exported.err).toBe(0)
  const [file] = readdirSync(out)
  expect(readFileSync(join(out, file!), 'utf8')).toContain(`PI-${run.items[0]!.id},`)

  const report = join(dataDir, 'report.csv')
  writeFileSync(
    report,
    `Transaction ID,Customer ID,Status,Amount,Currency\nTX9,PI-${run.items[0]!.id},Completed,10.00,USD\n`,
  )
  for (const round of [1, 2]) {
    const imported = await cli(
      'payouts',
      'import',
      '--data-dir',
      dataDir,
      '--file',
      report,
      '--report',
      'paypal',
    )
    expect(imported.code, imported.err).toBe(0)
    expect(JSON.parse(imported.out), `import round ${round}`).toMatchObject(
      round === 1 ? { applied: 1, unchanged: 0 } : { applied: 0, unchanged: 1 },
    )
  }

  const refused = await cli(
    'payouts',
    'export',
    '--data-dir',
    dataDir,
    '--run',
    '99',
    '--format',
    'wise',
    '--out',
    out,
  )
  expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('not_found') })
}, 120_000)

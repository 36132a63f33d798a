// Runs a real core (database + listener) in its own process, for tests that must kill it and for
// the listener benchmark.
// Prints one JSON line with the listener URL once it is listening.
import { createInterface } from 'node:readline'
import { createCore } from '../../src/main/core/core'
import { MIGRATIONS } from './core'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: serve-core.ts DATA_DIR [--real-click-limit]')
// Tests and the benchmark raise the per-IP budgets: all their traffic comes from one address, and
// clicks far over budget are only counted (not stored) while postbacks over it are refused.
// --real-click-limit keeps the real click budget, for tests of the flood path.
const realClickLimit = process.argv.includes('--real-click-limit')
// The benchmark compares postbacks with the fraud checks on (the default) and off.
const fraudOff = process.argv.includes('--fraud-off')
const core = await createCore({
  dataDir,
  migrationsFolder: MIGRATIONS,
  shell: 'headless',
  version: 'test',
  listenerPort: 0,
  listenerLimits: {
    ...(realClickLimit ? {} : { clicksPerMinute: 10_000_000 }),
    postbacksPerMinute: 10_000_000,
  },
  log: () => {},
  fraud: fraudOff ? 'off' : 'on',
})
process.stdout.write(JSON.stringify({ listenerUrl: core.listenerUrl }) + '\n')

// Crash drills also drive the contract (a manager's decisions): one JSON request per stdin line,
// one answer per stdout line, written only once the core has answered, i.e. acknowledged.
if (process.argv.includes('--contract-stdin')) {
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    const { id, method, input } = JSON.parse(line) as { id: number; method: string; input: unknown }
    void core.dispatch(method, input).then((envelope) => {
      process.stdout.write(JSON.stringify({ id, envelope }) + '\n')
    })
  })
}
process.on('SIGTERM', () => process.exit(0))

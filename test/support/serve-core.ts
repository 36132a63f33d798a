// Runs a real core (database + listener) in its own process, for tests that must kill it and for
// the listener benchmark.
// Prints one JSON line with the listener URL once it is listening.
import { createCore } from '../../src/main/core/core'
import { MIGRATIONS } from './core'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: serve-core.ts DATA_DIR [--real-click-limit]')
// The benchmark keeps the real per-IP click budget: clicks over it are still recorded (flagged), so
// every click does the full work. Postbacks over budget would be refused, so both tests and the
// benchmark raise that one.
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
process.on('SIGTERM', () => process.exit(0))

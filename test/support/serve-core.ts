// Runs a real core (database + listener) in its own process, for tests that must kill it.
// Prints one JSON line with the listener URL once it is listening.
import { createCore } from '../../src/main/core/core'
import { MIGRATIONS } from './core'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: serve-core.ts DATA_DIR')
const core = await createCore({
  dataDir,
  migrationsFolder: MIGRATIONS,
  shell: 'headless',
  version: 'test',
  listenerPort: 0,
  listenerLimits: { clicksPerMinute: 10_000_000, postbacksPerMinute: 10_000_000 },
  log: () => {},
})
process.stdout.write(JSON.stringify({ listenerUrl: core.listenerUrl }) + '\n')

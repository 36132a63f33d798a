// tsx does not know Vite's `?raw` imports (the tracking script is bundled as text): pass
// `--import test/support/raw-import.mjs` after tsx wherever the core runs outside Vite
// (kill9 test's child process, the benchmarks).
import { register } from 'node:module'

register('./raw-import-hooks.mjs', import.meta.url)

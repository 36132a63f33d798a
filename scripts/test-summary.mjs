// Prints one closing line for the whole suite (vitest + Playwright), e.g. "tests: 480 passed, 0 failed, 5 skipped".
import { existsSync, readFileSync, rmSync } from 'node:fs'

if (process.argv.includes('--reset')) {
  // Start of a run: totals from an earlier run must not be counted again.
  rmSync('reports', { recursive: true, force: true })
  process.exit(0)
}

let passed = 0
let failed = 0
let skipped = 0

if (existsSync('reports/vitest.json')) {
  const v = JSON.parse(readFileSync('reports/vitest.json', 'utf8'))
  passed += v.numPassedTests ?? 0
  failed += v.numFailedTests ?? 0
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
}
if (existsSync('reports/playwright.json')) {
  const s = JSON.parse(readFileSync('reports/playwright.json', 'utf8')).stats ?? {}
  passed += (s.expected ?? 0) + (s.flaky ?? 0)
  failed += s.unexpected ?? 0
  skipped += s.skipped ?? 0
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)

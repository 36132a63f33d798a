// Runs @doyensec/electronegativity over src/ offline and fails on any high or medium finding that
// has no written explanation in scripts/electron-security-explained.json. Explanations that no
// longer match a finding fail too, so the list cannot silently outlive the code it excuses.
// Offline: the release-list check needs the network, so it is excluded and the Electron version
// is passed in from the installed package instead of being looked up.
// Its programmatic API, not its CLI: the CLI's CSV output writes its header and rows with two
// racing async writes, and on some runs the file comes out scrambled.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity/dist/runner.js')
const electronVersion = require('electron/package.json').version
const explained = JSON.parse(
  readFileSync(new URL('./electron-security-explained.json', import.meta.url), 'utf8'),
)

const { issues } = await run({
  input: resolve('src'),
  isRelative: true,
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  electronVersionOverride: electronVersion,
  parserPlugins: [],
})

const matches = (e, f) => e.issue === f.id && e.file === f.file && (f.sample ?? '').includes(e.sample)
const used = new Set()
const unexplained = []
for (const f of issues) {
  const severity = f.severity.name
  const e = explained.find((x) => matches(x, f))
  if (e) used.add(e)
  const serious = severity === 'HIGH' || severity === 'MEDIUM'
  const tag = e ? 'explained' : serious ? 'UNEXPLAINED' : 'low'
  console.log(
    `electronegativity: ${tag} ${severity}/${f.confidence.name} ${f.id} ${f.file}:${f.location.line}`,
  )
  if (e) console.log(`  why it is fine: ${e.why}`)
  else if (serious) unexplained.push(f)
}
const stale = explained.filter((e) => !used.has(e))
for (const e of stale)
  console.error(`electronegativity: stale explanation (no such finding now): ${e.issue} ${e.file}`)
if (unexplained.length || stale.length) {
  console.error(
    `electronegativity: ${unexplained.length} unexplained high/medium finding(s), ${stale.length} stale`,
  )
  process.exit(1)
}
console.log(`electronegativity: ${issues.length} finding(s), none high or medium unexplained`)

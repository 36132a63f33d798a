// Runs @doyensec/electronegativity over src/ offline and fails on any high or medium finding that
// has no written explanation in scripts/electron-security-explained.json. Explanations that no
// longer match a finding fail too, so the list cannot silently outlive the code it excuses.
// Offline: the release-list check needs the network, so it is excluded and the Electron version
// is passed in from the installed package instead of being looked up.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const explained = JSON.parse(
  readFileSync(new URL('./electron-security-explained.json', import.meta.url), 'utf8'),
)

const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
const out = join(dir, 'findings.csv')
try {
  execFileSync(
    process.execPath,
    [
      require.resolve('@doyensec/electronegativity/dist/index.js'),
      ...['-i', 'src', '-r', '-x', 'AvailableSecurityFixesGlobalCheck', '-e', electronVersion, '-o', out],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const findings = parse(readFileSync(out, 'utf8'), { columns: true, trim: true, skip_empty_lines: true })
  const matches = (e, f) => e.issue === f.issue && e.file === f.filename && f.sample.includes(e.sample)
  const used = new Set()
  const unexplained = []
  for (const f of findings) {
    const e = explained.find((x) => matches(x, f))
    if (e) used.add(e)
    const serious = f.severity === 'HIGH' || f.severity === 'MEDIUM'
    const tag = e ? 'explained' : serious ? 'UNEXPLAINED' : 'low'
    console.log(
      `electronegativity: ${tag} ${f.severity}/${f.confidence} ${f.issue} ${f.filename}:${f.location}`,
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
  console.log(`electronegativity: ${findings.length} finding(s), none high or medium unexplained`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

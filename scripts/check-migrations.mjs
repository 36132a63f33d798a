// Fails when src/main/db/schema.ts has changes that no migration in drizzle/ captures, so a schema
// edit cannot land without its generated migration.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'

// drizzle-kit treats --out as relative to the working directory, so the scratch copy lives here (git-ignored).
const tmp = mkdtempSync('.migration-check-')
try {
  cpSync('drizzle', tmp, { recursive: true })
  const before = readdirSync(tmp).filter((f) => f.endsWith('.sql')).length
  const out = execFileSync(
    'npx',
    ['drizzle-kit', 'generate', '--dialect', 'sqlite', '--schema', './src/main/db/schema.ts', '--out', tmp],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  )
  const after = readdirSync(tmp).filter((f) => f.endsWith('.sql')).length
  // drizzle-kit can print an error and still exit 0, so insist on its positive answer as well.
  if (after !== before || !/No schema changes/i.test(out)) {
    console.error(out)
    console.error(
      'db:check: schema.ts has changes without a migration. Run "npm run db:generate" and commit drizzle/.',
    )
    process.exit(1)
  }
  console.log(`db:check: ${before} migration(s), schema and migrations agree.`)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}

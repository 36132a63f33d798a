#!/usr/bin/env node
// Thin launcher: the headless shell is built into out/main/cli.js by `npm run build`.
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('Affiliate Desk is not built yet: run "npm run build" (or "npm start") first.')
  process.exit(1)
}
await import(pathToFileURL(cli).href)

#!/usr/bin/env node
// Makes sure better-sqlite3's compiled binding matches the runtime that is about to load it.
// Node and Electron use different native ABIs, so the same node_modules serves one at a time:
// tests, benches and the headless shell need the Node build; the desktop app and packaging need the
// Electron build. Run on demand by npm scripts, never as an install hook, so `npm ci` cannot fail here.
//
//   node scripts/native.mjs node                   build for the Node running this script
//   node scripts/native.mjs electron [--required]  build for the installed Electron
//
// Without --required a missing Electron binary is not an error (npm start falls back to headless);
// packaging passes --required because it cannot work without it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const isWindows = process.platform === 'win32'

// Loaded in a child process: a binding built for another ABI can abort the process instead of throwing.
const PROBE = [
  "const Database = require('better-sqlite3')",
  "const db = new Database(':memory:')",
  "db.prepare('select 1').get()",
  'db.close()',
].join(';')

// What a binding built for the wrong runtime (or never built) looks like when it is loaded.
const REBUILDABLE =
  /NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|compiled against a different Node\.js version|Module did not self-register|Could not locate the bindings file|invalid ELF header|wrong ELF class|not a valid Win32 application|incompatible architecture/i

/** Where the Electron executable is, or null when only the npm package (types, no binary) is installed. */
export function electronBinary() {
  try {
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    // node_modules/electron/index.js throws when the binary download was skipped.
    return null
  }
}

/** Loads better-sqlite3 under `runtime` (node, or Electron run as node) and opens an in-memory db. */
export function probe(runtime = process.execPath, env = process.env) {
  const r = spawnSync(runtime, ['-e', PROBE], { cwd: root, env, encoding: 'utf8', timeout: 60_000 })
  if (r.status === 0) return { ok: true, rebuildable: false, detail: '' }
  const output = [r.error?.message, r.stderr, r.stdout].filter(Boolean).join('\n')
  // A crash by signal while loading the binding is the other face of an ABI mismatch.
  return {
    ok: false,
    rebuildable: REBUILDABLE.test(output) || Boolean(r.signal),
    detail: summary(output, r.signal),
  }
}

function summary(output, signal) {
  const abi = /NODE_MODULE_VERSION (\d+)[\s\S]*?NODE_MODULE_VERSION (\d+)/.exec(output)
  if (abi) return `built for ABI ${abi[1]}, this runtime needs ABI ${abi[2]}`
  const lines = output.split('\n').map((l) => l.trim())
  return (
    lines.find((l) => REBUILDABLE.test(l)) ??
    lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ??
    (signal ? `killed by ${signal}` : (lines.find(Boolean) ?? 'no output'))
  )
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', shell: isWindows, env: process.env })
  return { ok: r.status === 0, output: [r.error?.message, r.stdout, r.stderr].filter(Boolean).join('\n') }
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).join('\n')
}

function forNode() {
  const runtime = `Node ${process.version} (ABI ${process.versions.modules})`
  const first = probe()
  if (first.ok) {
    console.log(`better-sqlite3: ready for ${runtime}.`)
    return 0
  }
  if (!first.rebuildable) {
    console.error(
      `better-sqlite3: cannot be loaded in ${runtime}, and a rebuild would not help: ${first.detail}`,
    )
    return 1
  }
  console.log(`better-sqlite3: does not load in ${runtime} (${first.detail}); rebuilding it…`)
  const rebuild = run('npm', ['rebuild', 'better-sqlite3'])
  const second = probe()
  if (second.ok) {
    console.log(`better-sqlite3: rebuilt and ready for ${runtime}.`)
    return 0
  }
  if (!rebuild.ok) console.error(tail(rebuild.output))
  console.error(
    `better-sqlite3: still cannot be loaded in ${runtime} after "npm rebuild better-sqlite3" (${second.detail}). ` +
      'The rebuild downloads a prebuilt binary from GitHub or, failing that, compiles one (python3, make and a C++ compiler).',
  )
  return 1
}

function forElectron(required) {
  const electron = electronBinary()
  if (!electron) {
    const how =
      'Install it with "node node_modules/electron/install.js" on a machine with internet access ' +
      '(the npm package was installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or the download failed).'
    if (required) {
      console.error(
        `better-sqlite3: the desktop build needs the Electron binary, which is not installed. ${how}`,
      )
      return 1
    }
    console.log(
      'better-sqlite3: no Electron binary installed, so nothing to build for Electron; ' +
        '"npm start" runs the headless shell instead. ' +
        how,
    )
    return 0
  }
  const asElectron = { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
  const first = probe(electron, asElectron)
  if (first.ok) {
    console.log('better-sqlite3: ready for Electron.')
    return 0
  }
  console.log(
    `better-sqlite3: not built for Electron (${first.detail}); rebuilding with electron-builder install-app-deps…`,
  )
  const rebuild = run('npx', ['electron-builder', 'install-app-deps'])
  const second = probe(electron, asElectron)
  if (second.ok) {
    console.log('better-sqlite3: rebuilt and ready for Electron.')
    return 0
  }
  if (!rebuild.ok) console.error(tail(rebuild.output))
  console.error(
    `better-sqlite3: still cannot be loaded in Electron after "electron-builder install-app-deps" (${second.detail}). ` +
      "The rebuild needs Electron's headers or a prebuilt binary, both downloaded from the internet.",
  )
  return 1
}

function main(argv) {
  const [target, ...flags] = argv
  const unknown = flags.filter((f) => f !== '--required')
  if ((target !== 'node' && target !== 'electron') || unknown.length > 0) {
    console.error('Usage: node scripts/native.mjs node | electron [--required]')
    return 2
  }
  // `npm run package` needs the binary whether or not its script line passes --required.
  const required = flags.includes('--required') || process.env.npm_lifecycle_event === 'package'
  return target === 'node' ? forNode() : forElectron(required)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2))
}

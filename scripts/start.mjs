#!/usr/bin/env node
// What `npm start` runs after the build: the desktop app when the Electron binary is installed,
// otherwise the same UI from the headless shell in a browser, so the app starts on any machine.
// Arguments (--demo, --data-dir DIR, --port N, --listener-port N) go through to whichever starts.
import { spawn, spawnSync } from 'node:child_process'
import { constants } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary } from './native.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

/** Runs native.mjs for the target runtime; its one line of output says what it did. */
function ensureNative(target) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'native.mjs'), target], {
    cwd: root,
    stdio: 'inherit',
  })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

/** Runs the app in the foreground: Ctrl-C and `kill` reach it, and its exit code becomes ours. */
function runApp(command, argv) {
  const child = spawn(command, argv, { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    })
  }
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1))
  })
}

const electron = electronBinary()
if (electron) {
  ensureNative('electron')
  runApp(electron, ['.', ...args])
} else {
  console.log('Electron binary not found: starting headless mode')
  ensureNative('node')
  runApp(process.execPath, [join(root, 'bin', 'affiliate-desk.js'), 'serve', ...args])
}

// Electron entry. All decisions live in the shell module, which takes Electron as a parameter.
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as electron from 'electron'
import { createCore } from './core/core'
import { seedDemo } from './demo/seed'
import { runElectronApp } from './shells/electron/app'

void runElectronApp(electron, {
  createCore,
  seedDemo,
  mainDir: dirname(fileURLToPath(import.meta.url)),
  argv: process.argv,
  env: process.env,
  resourcesPath: process.resourcesPath,
  platform: process.platform,
})

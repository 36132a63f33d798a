import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'Affiliate Desk'

/**
 * The OS's per-user app data folder, the same one Electron's app.getPath('userData') resolves to,
 * so the desktop app and the headless shell open the same program by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.AFFILIATE_DESK_DATA_DIR) return env.AFFILIATE_DESK_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME)
}

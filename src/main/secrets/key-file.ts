// The headless shell's secret key: 32 random bytes in a file of its own, readable by the owner only
// (0600), kept outside the data folder so that copying, backing up or exporting the folder never
// carries the key along with the sealed secrets.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'

/** Beside the data folder, never inside it: `<parent>/<folder name>.key`. */
export const defaultKeyFile = (dataDir: string): string => join(dirname(dataDir), `${basename(dataDir)}.key`)

/** Reads the key, creating it on first use; tightens a key file others could read. */
export function loadKeyFile(file: string, log: (msg: string) => void = () => {}): Buffer {
  mkdirSync(dirname(file), { recursive: true })
  try {
    // 'wx': never overwrite a key that appeared meanwhile; losing it would lose every secret.
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 })
    log(`created the secret key file ${file}; back it up separately from the data folder`)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600)
    log(`the secret key file ${file} was readable by others; it is now readable by its owner only`)
  }
  const hex = readFileSync(file, 'utf8').trim()
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new Error(`${file} is not an Affiliate Desk key file (64 hex digits)`)
  return Buffer.from(hex, 'hex')
}

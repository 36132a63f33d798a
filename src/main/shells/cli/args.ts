import { parseArgs } from 'node:util'

export type Command =
  | { kind: 'serve'; dataDir?: string; port: number; listenerPort?: number; demo: boolean; open: boolean }
  | { kind: 'demo'; dataDir?: string }
  | { kind: 'backup'; dataDir?: string; out: string }
  | { kind: 'export'; dataDir?: string; out: string }
  | { kind: 'restore'; dataDir?: string; file: string }
  | { kind: 'fraud-eval'; data: string; settings?: string }
  | { kind: 'help' }
  | { kind: 'version' }

export const USAGE = `Usage:
  affiliate-desk serve [--data-dir DIR] [--port N] [--listener-port N] [--demo]
      Run the app headless: the UI and its API on http://127.0.0.1:N (default 5180),
      protected by a session token printed at start; the tracking listener on its own port
      (default from Settings, 8787). --demo fills an empty data folder with a demo program first.
  affiliate-desk demo --data-dir DIR
      Create a believable demo program in DIR (refuses a folder that already has data).
  affiliate-desk backup --out FILE [--data-dir DIR]
      Write a verified backup of the database to FILE (a new file). Works while the app runs.
  affiliate-desk export --out FILE [--data-dir DIR]
      Write the whole program to one portable file (a verified backup with a manifest and
      checksum) to move it to another machine.
  affiliate-desk restore FILE [--data-dir DIR]
      Replace the database with a backup or an export file (import). The app must be stopped;
      the current database is kept aside, and an older backup is upgraded.
  affiliate-desk fraud eval --data FILE [--settings FILE]
      Evaluate the fraud rules and the learned score on a labelled traffic file (JSON lines of
      clicks and conversions with a "fraud" label; see README): trains on the earlier part, prints
      ROC AUC and precision at the review threshold on the later part. --settings reads fraud
      settings as JSON (default: the built-in defaults).
  affiliate-desk --version | --help

The data folder defaults to the OS's per-user app data folder; --data-dir or
AFFILIATE_DESK_DATA_DIR override it.`

function port(value: string | undefined, flag: string, fallback?: number): number | undefined {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${flag} must be a port number (0-65535), got "${value}"`)
  return n
}

export function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'listener-port': { type: 'string' },
      demo: { type: 'boolean', default: false },
      out: { type: 'string' },
      open: { type: 'boolean', default: false },
      data: { type: 'string' },
      settings: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  })
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const [cmd = 'help', ...rest] = positionals
  if (cmd === 'fraud') {
    if (rest[0] !== 'eval' || rest.length > 1)
      throw new Error('Unknown fraud command: use "fraud eval --data FILE"')
    if (!values.data) throw new Error('fraud eval needs --data FILE')
    return { kind: 'fraud-eval', data: values.data, settings: values.settings }
  }
  const dataDir = values['data-dir']
  if (cmd === 'restore' || cmd === 'import') {
    if (rest.length !== 1) throw new Error(`${cmd} needs exactly one FILE`)
    return { kind: 'restore', dataDir, file: rest[0]! }
  }
  if (rest.length) throw new Error(`Unexpected argument "${rest[0]}"`)
  switch (cmd) {
    case 'backup':
    case 'export':
      if (!values.out) throw new Error(`${cmd} needs --out FILE`)
      return cmd === 'backup'
        ? { kind: 'backup', dataDir, out: values.out }
        : { kind: 'export', dataDir, out: values.out }
    case 'serve':
      return {
        kind: 'serve',
        dataDir,
        port: port(values.port, '--port', 5180)!,
        listenerPort: port(values['listener-port'], '--listener-port'),
        demo: values.demo ?? false,
        open: values.open ?? false,
      }
    case 'demo':
      if (!dataDir) throw new Error('demo needs --data-dir DIR')
      return { kind: 'demo', dataDir }
    case 'help':
      return { kind: 'help' }
    default:
      throw new Error(`Unknown command "${cmd}"`)
  }
}

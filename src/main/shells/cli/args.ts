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
  | PayoutsCommand

export const PAYOUT_ACTIONS = ['preview', 'commit', 'export', 'import'] as const
export const CLI_FORMATS = ['paypal', 'paypal-json', 'wise', 'csv', 'json'] as const

export type PayoutsCommand = {
  kind: 'payouts'
  dataDir?: string
  action: (typeof PAYOUT_ACTIONS)[number]
  /** Cut-off (ms); defaults to now. */
  cutoff?: number
  affiliateIds?: number[]
  runId?: number
  format?: (typeof CLI_FORMATS)[number]
  out?: string
  /** import: the provider report file and which provider wrote it. */
  file?: string
  report?: 'paypal' | 'wise'
}

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
  affiliate-desk payouts preview|commit [--cutoff ISO-DATE] [--affiliate ID]... [--data-dir DIR]
      Show (preview) or create (commit) a payout run over lines approved up to the cut-off
      (default: now), optionally only for the given affiliates. Prints JSON.
  affiliate-desk payouts export --run ID --format paypal|paypal-json|wise|csv|json --out DIR
      Write the run's files into DIR (provider formats move its items to processing).
  affiliate-desk payouts import --file REPORT --report paypal|wise [--run ID]
      Apply a provider's results file; importing the same file twice changes nothing.
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
      cutoff: { type: 'string' },
      affiliate: { type: 'string', multiple: true },
      run: { type: 'string' },
      format: { type: 'string' },
      file: { type: 'string' },
      report: { type: 'string' },
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
  if (cmd === 'payouts') return payoutsCommand(rest, values, dataDir)
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

function positiveId(value: string, flag: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} must be a positive id, got "${value}"`)
  return n
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`)
  return value as T
}

function payoutsCommand(
  rest: string[],
  values: {
    cutoff?: string
    affiliate?: string[]
    run?: string
    format?: string
    out?: string
    file?: string
    report?: string
  },
  dataDir: string | undefined,
): PayoutsCommand {
  const [actionText, extra] = rest
  if (extra !== undefined) throw new Error(`Unexpected argument "${extra}"`)
  const action = oneOf(actionText, PAYOUT_ACTIONS, 'payouts')
  if (!action) throw new Error(`payouts needs one of ${PAYOUT_ACTIONS.join(', ')}`)
  let cutoff: number | undefined
  if (values.cutoff !== undefined) {
    cutoff = Date.parse(values.cutoff)
    if (!Number.isFinite(cutoff)) throw new Error(`--cutoff must be a date such as 2026-11-30T23:59:59Z`)
  }
  const cmd: PayoutsCommand = {
    kind: 'payouts',
    dataDir,
    action,
    cutoff,
    affiliateIds: values.affiliate?.map((a) => positiveId(a, '--affiliate')),
    runId: values.run === undefined ? undefined : positiveId(values.run, '--run'),
    format: oneOf(values.format, CLI_FORMATS, '--format'),
    out: values.out,
    file: values.file,
    report: oneOf(values.report, ['paypal', 'wise'] as const, '--report'),
  }
  if (action === 'export' && (cmd.runId === undefined || !cmd.format || !cmd.out))
    throw new Error('payouts export needs --run ID --format FORMAT --out DIR')
  if (action === 'import' && (!cmd.file || !cmd.report))
    throw new Error('payouts import needs --file REPORT --report paypal|wise')
  return cmd
}

// Backup files are named for the moment they were taken (UTC), so the folder sorts by time, retention
// reads a file's age from its name (not from a modification time a copy tool may change), and only
// files with this exact shape are ever pruned: anything else in the owner's folder is left alone.
const PATTERN = /^affiliate-desk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})\.sqlite$/

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

export function backupFileName(at: number): string {
  const d = new Date(at)
  return (
    `affiliate-desk-${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}-${pad(d.getUTCMilliseconds(), 3)}.sqlite`
  )
}

/** The time a backup was taken, or null for a file that is not one of ours. */
export function parseBackupName(name: string): number | null {
  const m = PATTERN.exec(name)
  if (!m) return null
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const at = Date.UTC(y, mo - 1, d, h, mi, s, ms)
  // Reject impossible dates (Date.UTC rolls 2026-02-31 over to March).
  return backupFileName(at) === name ? at : null
}

/** A hidden name in the same folder, so the final rename is atomic and a half-written copy is never mistaken for a backup. */
export function partialName(finalName: string, nonce: string): string {
  return `.${finalName}.partial-${nonce}`
}

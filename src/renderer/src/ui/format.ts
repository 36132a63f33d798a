// Display formatting shared by the tables. Times are milliseconds since the epoch (the ledger's
// convention), shown in the owner's local time in a sortable, unambiguous form.

const pad = (n: number): string => String(n).padStart(2, '0')

export function formatDate(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function formatDateTime(ms: number): string {
  const d = new Date(ms)
  return `${formatDate(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Date and time to the minute, for dense tables. */
export function formatDateTimeShort(ms: number): string {
  const d = new Date(ms)
  return `${formatDate(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

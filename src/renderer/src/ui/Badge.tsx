import { capitalize } from './format'

/** A status pill; the tone comes from the status name, so every list colors statuses alike. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{capitalize(status)}</span>
}

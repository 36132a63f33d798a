// Advertiser settings: allowed IPs and origins are edited one per line and sent as arrays; errors on
// one entry (`allowedOrigins.2`) are shown on the textarea as "Line 3: …".
import type { Advertiser, MethodInput } from '../../../../shared/contract'
import type { FieldErrors } from '../../forms/fieldErrors'

export interface AdvertiserFormValues {
  name: string
  signingMode: Advertiser['signingMode']
  allowedIps: string
  allowedOrigins: string
}

export function advertiserToForm(a: Advertiser): AdvertiserFormValues {
  return {
    name: a.name,
    signingMode: a.signingMode,
    allowedIps: a.allowedIps.join('\n'),
    allowedOrigins: a.allowedOrigins.join('\n'),
  }
}

/** Non-empty lines, trimmed. */
export function linesToList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

export function toAdvertiserUpdate(id: number, v: AdvertiserFormValues): MethodInput<'advertisers.update'> {
  return {
    id,
    name: v.name.trim(),
    signingMode: v.signingMode,
    allowedIps: linesToList(v.allowedIps),
    allowedOrigins: linesToList(v.allowedOrigins),
  }
}

/** The error for a one-per-line field: its own, or the first of its entries, naming the line. */
export function listFieldError(errors: FieldErrors, field: string): string | undefined {
  if (errors[field]) return errors[field]
  const prefix = `${field}.`
  const entry = Object.entries(errors)
    .filter(([path]) => path.startsWith(prefix) && /^\d+$/.test(path.slice(prefix.length)))
    .sort(([a], [b]) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))[0]
  if (!entry) return undefined
  return `Line ${Number(entry[0].slice(prefix.length)) + 1}: ${entry[1]}`
}

/** Error paths the form shows on a field (an entry path counts as its list's). */
export function placedPaths(errors: FieldErrors, fields: readonly string[]): string[] {
  return Object.keys(errors).filter((path) => fields.some((f) => path === f || path.startsWith(`${f}.`)))
}

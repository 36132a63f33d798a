// What the Payouts page decides without the server: the cut-off a date means, which actions a run
// or item allows, and the names finance sees for formats, outcomes and exclusion reasons.
import type {
  PayoutExclusionReason,
  PayoutFileFormatName,
  PayoutItemStatus,
  PayoutOutcome,
  PayoutRunStatus,
} from '../../../../shared/domain'
import { PAYOUT_ITEM_STATUSES } from '../../../../shared/domain'

export const methodLabel = (m: string): string =>
  m === 'paypal' ? 'PayPal' : m.charAt(0).toUpperCase() + m.slice(1)

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The run takes lines approved up to the END of the chosen day (the owner's local calendar), so
 * "cut-off 2026-11-30" includes everything approved on the 30th. Null for anything but a real day.
 */
export function cutoffOfDay(day: string): number | null {
  const m = DAY_RE.exec(day)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])]
  const start = new Date(y, mo, d)
  if (start.getFullYear() !== y || start.getMonth() !== mo || start.getDate() !== d) return null
  return new Date(y, mo, d + 1).getTime() - 1
}

/** "YYYY-MM-DD" of the local day before `now`: a run usually closes at the end of yesterday. */
export function defaultCutoffDay(now: number): string {
  const d = new Date(now)
  d.setDate(d.getDate() - 1)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function cutoffProblem(day: string, now: number): string | null {
  const cutoff = cutoffOfDay(day)
  if (cutoff === null) return 'Choose the last day the run covers.'
  if (cutoff - 86_400_000 >= now) return 'The cut-off cannot be in the future.'
  return null
}

export const FORMATS: readonly { format: PayoutFileFormatName; label: string; hint: string }[] = [
  { format: 'paypal', label: 'PayPal CSV', hint: 'web upload, one file per currency' },
  { format: 'paypal-json', label: 'PayPal API JSON', hint: 'Payouts API batch' },
  { format: 'wise', label: 'Wise CSV', hint: 'batch file, one per currency' },
  { format: 'csv', label: 'Bookkeeping CSV', hint: 'every item of the run' },
  { format: 'json', label: 'Bookkeeping JSON', hint: 'every item of the run' },
]

/** Only a run whose files never left the app can be undone; an exported one may already be paid. */
export const canCancelRun = (status: PayoutRunStatus): boolean => status === 'committed'

/** A file can be written for a run that is still live. */
export const canExportRun = (status: PayoutRunStatus): boolean =>
  status === 'committed' || status === 'exported'

/** Cancelled items belong to an undone run; everything else can be corrected by hand, with a reason. */
export const canMarkItem = (status: PayoutItemStatus): boolean => status !== 'cancelled'

export const OUTCOME_LABELS: Record<PayoutOutcome, string> = {
  paid: 'Paid',
  failed: 'Failed',
  unclaimed: 'Unclaimed',
  returned: 'Returned',
}

/** Statuses whose lines went back to the ledger: finance sees they are payable in the next run. */
export const RELEASED_NOTE: Partial<Record<PayoutItemStatus, string>> = {
  failed: 'payable again',
  unclaimed: 'payable again',
  returned: 'payable again',
  cancelled: 'released',
}

export const EXCLUSION_LABELS: Record<PayoutExclusionReason, string> = {
  suspended: 'Suspended',
  not_approved: 'Not approved',
  missing_details: 'Missing payment details',
  invalid_details: 'Invalid payment details',
  below_minimum: 'Below the minimum payout',
  negative_balance: 'Negative balance',
}

/** Reasons the affiliate's own form fixes (payment details), so the exclusion links straight to it. */
export function fixableInAffiliateForm(reason: PayoutExclusionReason): boolean {
  return reason === 'missing_details' || reason === 'invalid_details'
}

/** "3 pending · 1 paid", in the order items move through. */
export function statusCountsText(counts: Partial<Record<PayoutItemStatus, number>>): string {
  // The domain lists item statuses in the order items move through.
  const parts = PAYOUT_ITEM_STATUSES.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${counts[s]} ${s}`)
  return parts.length ? parts.join(' · ') : 'no items'
}

/** PayPal's report mentions its own column names; Wise's batch status export does not. */
export function guessReportKind(text: string): 'paypal' | 'wise' | null {
  const head = text.slice(0, 2000).toLowerCase()
  if (head.includes('transaction id') || head.includes('paypal') || head.includes('payout item id'))
    return 'paypal'
  if (head.includes('wise') || head.includes('transfer id') || head.includes('transferwise')) return 'wise'
  return null
}

// What the conversion screens may offer and how they explain money. The status machine is the one
// the main process enforces (shared/domain.ts CONVERSION_MOVES): offering only legal moves keeps the
// buttons honest, and the server still refuses anything else.
import type { Conversion } from '../../../shared/contract'
import { CONVERSION_MOVES, MANUAL_STATUSES, type ManualStatus } from '../../../shared/domain'

export type ConversionStatus = Conversion['status']
export type StatusAction = ManualStatus

export const ACTIONS: readonly StatusAction[] = MANUAL_STATUSES

export const ACTION_LABEL: Record<StatusAction, string> = {
  approved: 'Approve',
  rejected: 'Reject',
  refunded: 'Refund',
}

export const ACTION_PAST: Record<StatusAction, string> = {
  approved: 'Approved',
  rejected: 'Rejected',
  refunded: 'Refunded',
}

export function canMove(from: ConversionStatus, to: StatusAction): boolean {
  return CONVERSION_MOVES[from].includes(to)
}

/** Why an action is unavailable, for the disabled button's description. */
export function whyNot(from: ConversionStatus, to: StatusAction): string | null {
  if (canMove(from, to)) return null
  if (from === 'rejected' || from === 'refunded') return `A ${from} conversion is final.`
  if (from === to) return `It is already ${from}.`
  if (to === 'approved') return `A ${from} conversion cannot be approved.`
  return `A ${from} conversion cannot be rejected.`
}

export const TRUST_LABEL: Record<Conversion['trust'], string> = {
  signed: 'Signed postback (HMAC)',
  token: 'Token postback (lower trust)',
  client: 'Browser script (lowest trust)',
  manual: 'Entered by hand',
}

const FLAG_LABEL: Record<string, string> = {
  suspicious_click: 'The click it came from was flagged',
  'order claimed by another click':
    "The advertiser's signed postback credited this order to another click; this browser report was cancelled",
  'affiliate not approved at approval time': 'The affiliate was no longer approved when the hold ended',
  bot_user_agent: 'Bot user agent',
  rate_limited: 'Too many clicks from one address',
}

/** A fraud flag in plain words; unknown flags are shown as sent. */
export function flagLabel(flag: string): string {
  if (FLAG_LABEL[flag]) return FLAG_LABEL[flag]
  const m = /^affiliate_(\w+)$/.exec(flag)
  if (m) return `The affiliate was ${m[1]} at the time`
  return flag.replace(/_/g, ' ')
}

export interface HistoryEntry {
  at: number
  actor: string
  action: string
  before: unknown
  after: unknown
}

const field = (v: unknown, key: string): unknown =>
  v !== null && typeof v === 'object' && key in v ? (v as Record<string, unknown>)[key] : undefined

/** One change of a conversion in plain words; money in the conversion's currency. */
export function historyText(h: HistoryEntry, money: (minor: number) => string): string {
  const by = h.actor.startsWith('postback:') ? `${h.actor.slice(9)} postback` : h.actor
  const note = field(h.after, 'note') ?? field(h.after, 'reason')
  const tail = typeof note === 'string' && note !== '' ? ` — “${note}”` : ''
  switch (h.action) {
    case 'conversion.rebased': {
      const from = field(h.before, 'amountMinor')
      const to = field(h.after, 'amountMinor')
      return typeof from === 'number' && typeof to === 'number'
        ? `Amount corrected from ${money(from)} to ${money(to)} by ${by}`
        : `Amount corrected by ${by}`
    }
    case 'conversion.claimed':
      return `Cancelled: a ${String(field(h.after, 'trust') ?? 'higher-trust')} report credited the order to another click`
    case 'conversion.corroborated':
      return `Confirmed by a ${String(field(h.after, 'trust'))} report`
    case 'conversion.held':
      return `Held for review by ${by}${tail}`
    default: {
      const status = /^conversion\.(\w+)$/.exec(h.action)?.[1]
      return status ? `${status[0]!.toUpperCase()}${status.slice(1)} by ${by}${tail}` : `${h.action} by ${by}`
    }
  }
}

export function levelLabel(level: number): string {
  if (level === 1) return '1 · affiliate'
  if (level === 2) return '2 · parent'
  if (level === 3) return '3 · grandparent'
  return `${level} · upline`
}

// Turns an advertiser's postback parameters (query string or form body, already URL-decoded)
// into a typed conversion report, or a short reason why not. Never throws: everything here is
// input from the internet. Money becomes integer minor units through the shared money rules.
//
// The raw parameters are kept (`raw`) exactly as received, because the `params` signing mode signs
// every parameter, including ones this parser does not know.
import { EVENT_TYPES, INTENT_STATUSES } from '../../shared/domain'
import { parseDecimalToMinor } from '../../shared/money'
import { cutText } from './text'

export const POSTBACK_LIMITS = {
  maxParams: 64,
  maxKeyLength: 64,
  maxValueLength: 1024,
} as const

export const POSTBACK_EVENTS = EVENT_TYPES
export const POSTBACK_STATUSES = INTENT_STATUSES
export type PostbackEvent = (typeof POSTBACK_EVENTS)[number]
export type PostbackStatus = (typeof POSTBACK_STATUSES)[number]

const ADV_KEYS = ['adv1', 'adv2', 'adv3', 'adv4', 'adv5'] as const
const SUB_KEYS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const
export type AdvKey = (typeof ADV_KEYS)[number]
export type SubKey = (typeof SUB_KEYS)[number]

export type RawParams = ReadonlyMap<string, string>

/** Pairs in arrival order (URLSearchParams, Map, [k, v][]), or a plain record. */
export type PostbackInput = Iterable<readonly [string, string]> | Readonly<Record<string, string>>

export type Result<T> = { ok: true; value: T } | { ok: false; reason: string }

export interface Postback {
  /** Validated for shape only; whether it is one of ours is the click lookup's business (404, not 400). */
  clickId: string
  /** null only when the options allow a missing order_id and none was sent. */
  orderId: string | null
  /** True when order_id was absent on a lead and derived as `lead:<clickid>`. */
  orderIdDerived: boolean
  /** null when the sender named none: a new conversion is then a sale, a status change applies to the order's only one. */
  event: PostbackEvent | null
  status: PostbackStatus
  /** Upper-case ISO 4217 code; null only if the postback carries no money and no default was given. */
  currency: string | null
  amountMinor: number | null
  /** What the advertiser says it pays, kept for reconciliation. */
  payoutMinor: number | null
  customerId: string | null
  /** Lower-cased. */
  email: string | null
  /** customer_id, else the email: the key for lifetime and recurring attribution. */
  customerKey: string | null
  /** The subscription a recurring sale or renewal belongs to, when the sender names it. */
  subscriptionId: string | null
  /** Unix seconds, as sent. */
  timestamp: number | null
  hash: string | null
  token: string | null
  adv: Partial<Record<AdvKey, string>>
  subs: Partial<Record<SubKey, string>>
  raw: RawParams
}

export interface ParseOptions {
  /** Currency for amount/payout when the postback has no `currency` (the campaign's). */
  defaultCurrency?: string
  /**
   * false for senders whose conversions are keyed by their click (simple signing), where a missing
   * order_id is fine: orderId is then null. Default true.
   */
  requireOrderId?: boolean
}

// Keys are restricted to printable ASCII without '&' and '=': they are joined as k=v&k=v for the
// signature, and such characters would let two different parameter sets sign identically. ASCII
// also makes JavaScript's sort order the byte order the signing scheme specifies.
const KEY_RE = /^[!-%'-<>-~]+$/
const CLICK_ID_RE = /^[A-Za-z0-9_-]{1,64}$/
const PRINTABLE_RE = /^[ -~]{1,128}$/
const DECIMAL_RE = /^\d{1,15}(?:\.\d+)?$/
const CURRENCY_RE = /^[A-Za-z]{3}$/
const TIMESTAMP_RE = /^\d{1,11}$/
// Loose on purpose: one @, no spaces, a dot in the domain. Labels are dot-separated with disjoint
// character classes, so there is no backtracking blow-up.
const EMAIL_RE = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason })

/** Collects parameters into a Map, refusing repeats, too many, oversized or control-character input. */
export function collectPostbackParams(input: PostbackInput): Result<RawParams> {
  const params = new Map<string, string>()
  const pairs: Iterable<readonly [string, string]> =
    Symbol.iterator in input ? (input as Iterable<readonly [string, string]>) : Object.entries(input)
  for (const [key, value] of pairs) {
    if (typeof key !== 'string' || typeof value !== 'string') return fail('parameters must be strings')
    if (params.has(key)) return fail(`${shown(key)} is repeated`)
    if (params.size >= POSTBACK_LIMITS.maxParams)
      return fail(`more than ${POSTBACK_LIMITS.maxParams} parameters`)
    if (key.length === 0 || key.length > POSTBACK_LIMITS.maxKeyLength || !KEY_RE.test(key)) {
      return fail(`parameter name ${shown(key)} is not allowed`)
    }
    if (value.length > POSTBACK_LIMITS.maxValueLength) {
      return fail(`${key} is longer than ${POSTBACK_LIMITS.maxValueLength} characters`)
    }
    if (hasControlCharacter(value)) return fail(`${key} contains control characters`)
    params.set(key, value)
  }
  return { ok: true, value: params }
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return true
  }
  return false
}

function shown(key: string): string {
  return JSON.stringify(key.length > 40 ? `${cutText(key, 40)}…` : key)
}

/** Empty values count as absent: trackers send `payout=` when a macro has nothing to fill in. */
function get(params: RawParams, key: string): string | undefined {
  const v = params.get(key)
  return v === undefined || v === '' ? undefined : v
}

function money(text: string | undefined, field: string, currency: string | null): Result<number | null> {
  if (text === undefined) return { ok: true, value: null }
  if (!DECIMAL_RE.test(text)) {
    return fail(`${field} must be a plain non-negative decimal like 12.34`)
  }
  if (currency === null) return fail(`${field} needs a currency`)
  try {
    return { ok: true, value: parseDecimalToMinor(text, currency) }
  } catch (err) {
    return fail(`${field}: ${err instanceof Error ? err.message : 'invalid'}`)
  }
}

function oneOf<T extends string>(
  text: string | undefined,
  allowed: readonly T[],
  fallback: T,
  field: string,
): Result<T> {
  if (text === undefined) return { ok: true, value: fallback }
  const v = text.toLowerCase()
  return (allowed as readonly string[]).includes(v)
    ? { ok: true, value: v as T }
    : fail(`${field} must be one of ${allowed.join(', ')}`)
}

function printable(text: string | undefined, field: string): Result<string | null> {
  if (text === undefined) return { ok: true, value: null }
  if (!PRINTABLE_RE.test(text) || text.trim() !== text) {
    return fail(`${field} must be 1 to 128 printable ASCII characters without surrounding spaces`)
  }
  return { ok: true, value: text }
}

export function parsePostbackParams(input: PostbackInput, options: ParseOptions = {}): Result<Postback> {
  const collected = collectPostbackParams(input)
  if (!collected.ok) return collected
  const raw = collected.value

  const clickId = get(raw, 'clickid')
  if (clickId === undefined) return fail('clickid is missing')
  if (!CLICK_ID_RE.test(clickId)) return fail('clickid must be 1 to 64 of A-Z a-z 0-9 _ -')

  const eventText = get(raw, 'event')
  const event = oneOf(eventText, POSTBACK_EVENTS, 'sale', 'event')
  if (!event.ok) return event
  const status = oneOf(get(raw, 'status'), POSTBACK_STATUSES, 'pending', 'status')
  if (!status.ok) return status

  const order = printable(get(raw, 'order_id'), 'order_id')
  if (!order.ok) return order
  let orderId = order.value
  let orderIdDerived = false
  if (orderId === null && options.requireOrderId !== false) {
    if (event.value !== 'lead') return fail(`order_id is required for a ${event.value}`)
    // One lead per click: a resent lead postback then dedupes on (advertiser, order_id, event).
    orderId = `lead:${clickId}`
    orderIdDerived = true
  }

  const currencyText = get(raw, 'currency')
  if (currencyText !== undefined && !CURRENCY_RE.test(currencyText)) return fail('currency must be 3 letters')
  let currency = currencyText?.toUpperCase() ?? null
  if (currency === null && options.defaultCurrency !== undefined) {
    if (!/^[A-Z]{3}$/.test(options.defaultCurrency)) return fail('default currency is not a currency code')
    currency = options.defaultCurrency
  }
  const amount = money(get(raw, 'amount'), 'amount', currency)
  if (!amount.ok) return amount
  const payout = money(get(raw, 'payout'), 'payout', currency)
  if (!payout.ok) return payout

  const customer = printable(get(raw, 'customer_id'), 'customer_id')
  if (!customer.ok) return customer
  const subscription = printable(get(raw, 'subscription_id'), 'subscription_id')
  if (!subscription.ok) return subscription
  const emailText = get(raw, 'email')
  let email: string | null = null
  if (emailText !== undefined) {
    if (emailText.length > 254 || !EMAIL_RE.test(emailText)) return fail('email is not an email address')
    email = emailText.toLowerCase()
  }

  const timestampText = get(raw, 'timestamp')
  let timestamp: number | null = null
  if (timestampText !== undefined) {
    if (!TIMESTAMP_RE.test(timestampText)) return fail('timestamp must be whole Unix seconds')
    timestamp = Number(timestampText)
  }

  const adv: Partial<Record<AdvKey, string>> = {}
  for (const k of ADV_KEYS) {
    const v = get(raw, k)
    if (v !== undefined) adv[k] = v
  }
  const subs: Partial<Record<SubKey, string>> = {}
  for (const k of SUB_KEYS) {
    const v = get(raw, k)
    if (v !== undefined) subs[k] = v
  }

  return {
    ok: true,
    value: {
      clickId,
      orderId,
      orderIdDerived,
      event: eventText === undefined ? null : event.value,
      status: status.value,
      currency,
      amountMinor: amount.value,
      payoutMinor: payout.value,
      customerId: customer.value,
      email,
      customerKey: customer.value ?? email,
      subscriptionId: subscription.value,
      timestamp,
      hash: get(raw, 'hash') ?? null,
      token: get(raw, 'token') ?? null,
      adv,
      subs,
      raw,
    },
  }
}

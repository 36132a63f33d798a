// Who a payout run pays, and how an item moves afterwards: pure rules, no SQL. The store hands in
// each affiliate's net payable per currency (approved, unpaid lines up to the cut-off, clawbacks
// netted in) and applies what comes back in one transaction.
import type { AffiliateStatus, PaymentMethod, PayoutItemStatus, PayoutOutcome } from '../../shared/domain'
import { displayMoney } from '../../shared/money'
import { paymentDetailsProblem } from '../../shared/payment-details'
import type { PayoutExclusion, PayoutProposal, PayoutTotal } from '../../shared/contract'

export interface PayoutAffiliate {
  id: number
  code: string
  name: string
  status: AffiliateStatus
  paymentMethod: PaymentMethod
  paymentEmail: string | null
  payoutCurrency: string
  /** As stored (parsed JSON), not trusted: the details are checked again here. */
  bankDetails: unknown
  /** The affiliate's own minimum, in minor units of its payout currency (see minimumFor). */
  minPayoutMinor: number | null
}

/** One affiliate's approved, unpaid lines in one currency, netted. */
export interface PayableGroup {
  affiliate: PayoutAffiliate
  currency: string
  netMinor: number
  lines: number
}

export interface RunRules {
  /** The program's default minimum payout (Settings), in minor units of the currency paid. */
  minPayoutMinor: number
  /** The program's minimum per currency (Settings), each in that currency's minor units. */
  minPayoutByCurrency: Readonly<Record<string, number>>
}

/**
 * The minimum for one affiliate in one currency. The affiliate's own minimum is entered and shown
 * in its payout currency, so it is only that currency's minimum: applied to lines in another
 * currency the same number would mean another amount (5000 is $50.00 but ¥5,000). Other
 * currencies, and affiliates without their own, take the program's minimum for the currency, or
 * else the default.
 */
export function minimumFor(
  a: Pick<PayoutAffiliate, 'payoutCurrency' | 'minPayoutMinor'>,
  currency: string,
  rules: RunRules,
): number {
  if (a.minPayoutMinor !== null && currency === a.payoutCurrency) return a.minPayoutMinor
  return Object.prototype.hasOwnProperty.call(rules.minPayoutByCurrency, currency)
    ? rules.minPayoutByCurrency[currency]!
    : rules.minPayoutMinor
}

export type Decision =
  | { pay: true; proposal: PayoutProposal }
  | { pay: false; exclusion: PayoutExclusion }
  /** Lines that net to exactly zero: nothing to pay and nothing owed; they stay as they are. */
  | null

/**
 * The run's rule for one group, in order: a suspended or not-approved affiliate is left out; a
 * negative net carries forward (never paid as negative); missing or invalid payment details leave
 * the group out; a net below the group's minimum (minimumFor) rolls over. Anything left is paid in full, as one item.
 */
export function decide(g: PayableGroup, rules: RunRules): Decision {
  const a = g.affiliate
  const base = {
    affiliateId: a.id,
    affiliateCode: a.code,
    affiliateName: a.name,
    currency: g.currency,
    amountMinor: g.netMinor,
    lines: g.lines,
  }
  const leave = (reason: PayoutExclusion['reason'], message: string): Decision => ({
    pay: false,
    exclusion: { ...base, reason, message },
  })
  if (g.netMinor === 0) return null
  if (a.status === 'suspended') return leave('suspended', 'Affiliate is suspended; lines stay payable')
  if (a.status !== 'approved')
    return leave('not_approved', `Affiliate is ${a.status}, not approved; lines stay payable`)
  if (g.netMinor < 0)
    return leave('negative_balance', 'Clawbacks exceed earnings; the debt carries forward to the next run')
  const problem = paymentDetailsProblem({
    paymentMethod: a.paymentMethod,
    paymentEmail: a.paymentEmail,
    // Bank fields depend on the currency actually paid.
    payoutCurrency: g.currency,
    bankDetails: a.bankDetails,
  })
  if (problem) return leave(problem.reason, problem.message)
  const minimum = minimumFor(a, g.currency, rules)
  if (g.netMinor < minimum)
    return leave(
      'below_minimum',
      `Below the minimum payout of ${displayMoney(minimum, g.currency)}; rolls over`,
    )
  return { pay: true, proposal: { ...base, method: a.paymentMethod } }
}

/** Totals per currency and method, sorted, so two computations compare equal when they agree. */
export class TotalsAccumulator {
  private readonly byKey = new Map<string, PayoutTotal>()
  add(currency: string, method: PaymentMethod, amountMinor: number): void {
    const key = `${currency}\u0000${method}`
    const t = this.byKey.get(key)
    if (t) {
      t.items++
      t.amountMinor += amountMinor
    } else this.byKey.set(key, { currency, method, items: 1, amountMinor })
  }
  result(): PayoutTotal[] {
    return [...this.byKey.values()].sort(
      (a, b) => a.currency.localeCompare(b.currency) || a.method.localeCompare(b.method),
    )
  }
}

export function sameTotals(a: readonly PayoutTotal[], b: readonly PayoutTotal[]): boolean {
  const key = (t: readonly PayoutTotal[]) =>
    JSON.stringify(
      [...t]
        .map((x) => [x.currency, x.method, x.items, x.amountMinor])
        .sort((p, q) => String(p).localeCompare(String(q))),
    )
  return key(a) === key(b)
}

/** Statuses an item cannot leave by a provider outcome (returned money may still follow a paid one). */
const FINAL: readonly PayoutItemStatus[] = ['failed', 'unclaimed', 'returned', 'cancelled']

export type ItemMove =
  | { kind: 'move'; to: PayoutItemStatus; release: boolean }
  | { kind: 'same' }
  | { kind: 'refused'; message: string }

/**
 * What an outcome does to an item. Pending (not exported yet) and processing items take any outcome;
 * a paid item can still come back unclaimed or returned (PayPal: after 30 days, or reversed), which
 * gives its lines back; failed, unclaimed, returned and cancelled are final. Saying what the item
 * already is changes nothing, so importing a report twice is harmless.
 */
export function moveItem(from: PayoutItemStatus, outcome: PayoutOutcome | 'pending'): ItemMove {
  if (outcome === 'pending' || outcome === from) return { kind: 'same' }
  if (FINAL.includes(from)) return { kind: 'refused', message: `The item is already ${from}` }
  if (from === 'paid' && outcome !== 'unclaimed' && outcome !== 'returned')
    return {
      kind: 'refused',
      message: `A paid item can only come back unclaimed or returned, not ${outcome}`,
    }
  return { kind: 'move', to: outcome, release: outcome !== 'paid' }
}

/** A run is completed once every item has an outcome (paid, or its lines given back). */
export function runComplete(statuses: Iterable<PayoutItemStatus>): boolean {
  for (const s of statuses) if (s === 'pending' || s === 'processing') return false
  return true
}

// Money for display. Amounts in different currencies are listed side by side, never added up.
import { displayMoney } from '../../../shared/money'

export interface CurrencyAmount {
  currency: string
  amountMinor: number
}

/** "$1,234.50 · €80.00", or the placeholder when there is nothing. */
export function moneyListText(entries: readonly CurrencyAmount[], empty = '—'): string {
  const shown = entries.filter((e) => e.amountMinor !== 0)
  if (shown.length === 0) return empty
  return [...shown]
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map((e) => displayMoney(e.amountMinor, e.currency))
    .join(' · ')
}

/** A signed change, always with its sign: "+$12.00", "-$3.50", "$0.00". */
export function signedMoney(minor: number, currency: string): string {
  const text = displayMoney(minor, currency)
  return minor > 0 ? `+${text}` : text
}

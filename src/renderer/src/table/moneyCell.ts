import type { CellContext } from '@tanstack/react-table'
import type { ReactNode } from 'react'
import { displayMoney } from '../../../shared/money'

/**
 * The cell of an amount column, shown in its own row's currency: the lists mix currencies and never
 * convert them. `show` styles the amount (e.g. negative balances); plain text by default.
 */
export function moneyCell<T extends { currency: string }>(
  show: (minor: number, currency: string) => ReactNode = displayMoney,
) {
  return (c: CellContext<T, number>) => show(c.getValue(), c.row.original.currency)
}

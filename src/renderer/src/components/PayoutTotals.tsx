import type { PayoutTotal } from '../../../shared/contract/payouts'
import { displayMoney } from '../../../shared/money'
import { capitalize } from '../ui/format'

/** Totals per currency and payment method (a preview's or a run's); currencies are never added. */
export function PayoutTotals({ totals, caption }: { totals: readonly PayoutTotal[]; caption: string }) {
  if (totals.length === 0) return <p className="note">Nothing to pay.</p>
  const rows = [...totals].sort(
    (a, b) => a.currency.localeCompare(b.currency) || a.method.localeCompare(b.method),
  )
  return (
    <table className="plain-table payout-totals">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Currency</th>
          <th scope="col">Method</th>
          <th scope="col" className="num">
            Items
          </th>
          <th scope="col" className="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={`${t.currency}:${t.method}`} data-testid={`total-${t.currency}-${t.method}`}>
            <td>{t.currency}</td>
            <td>{t.method === 'paypal' ? 'PayPal' : capitalize(t.method)}</td>
            <td className="num">{t.items.toLocaleString('en-US')}</td>
            <td className="num money strong">{displayMoney(t.amountMinor, t.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

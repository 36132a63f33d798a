import type { LedgerLine } from '../../../../shared/contract'
import { bpsToPercent, displayMoney } from '../../../../shared/money'
import { StatusBadge } from '../../ui/Badge'
import { capitalize } from '../../ui/format'
import { levelLabel } from '../../domain/conversionRules'

/** Every commission line of a conversion, with what went into it: "why this amount". */
export function LedgerLinesTable({ lines, caption }: { lines: readonly LedgerLine[]; caption: string }) {
  if (lines.length === 0) {
    return <p className="note">No commission lines: this conversion earned nobody anything.</p>
  }
  return (
    <div className="table-scroll">
      <table className="plain-table ledger-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Level</th>
            <th scope="col">Affiliate</th>
            <th scope="col">Kind</th>
            <th scope="col">Rule</th>
            <th scope="col" className="num">
              Base
            </th>
            <th scope="col" className="num">
              Rate
            </th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} className={l.kind !== 'earning' ? 'is-reversal' : undefined}>
              <td className="cell-muted">#{l.id}</td>
              <td className="nowrap">{levelLabel(l.level)}</td>
              <td>
                <code>{l.affiliateCode}</code>
              </td>
              <td>{capitalize(l.kind)}</td>
              <td>{l.rule || l.planType}</td>
              <td className="num money">{displayMoney(l.baseMinor, l.currency)}</td>
              <td className="num">{l.rateBps === null ? 'fixed' : `${bpsToPercent(l.rateBps)}%`}</td>
              <td className="num money strong">{displayMoney(l.amountMinor, l.currency)}</td>
              <td>
                <StatusBadge status={l.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

import { createColumnHelper } from '@tanstack/react-table'
import type { PayoutExclusion } from '../../../../shared/contract/payouts'
import { displayMoney } from '../../../../shared/money'
import { href } from '../../router/routes'
import { DataTable } from '../../table/DataTable'
import { moneyCell } from '../../table/moneyCell'
import { Pagination } from '../../table/Pagination'
import type { AnyColumn } from '../../table/serverTable'
import { useClientTable } from '../../table/useClientTable'
import { EXCLUSION_LABELS, fixableInAffiliateForm } from './payoutRules'

const money = (minor: number, currency: string) => (
  <span className={minor < 0 ? 'negative' : undefined}>{displayMoney(minor, currency)}</span>
)

const col = createColumnHelper<PayoutExclusion>()
const COLUMNS: AnyColumn<PayoutExclusion>[] = [
  col.accessor('affiliateCode', { header: 'Affiliate', cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor('affiliateName', { header: 'Name' }),
  col.accessor('reason', { header: 'Why left out', cell: (c) => EXCLUSION_LABELS[c.row.original.reason] }),
  col.accessor('message', {
    header: 'What to do',
    cell: (c) => {
      const e = c.row.original
      return fixableInAffiliateForm(e.reason) ? (
        <>
          {e.message}.{' '}
          <a href={href.affiliate(e.affiliateId)} aria-label={`Fix payment details of ${e.affiliateCode}`}>
            Fix payment details
          </a>
        </>
      ) : (
        e.message
      )
    },
  }),
  col.accessor('amountMinor', {
    header: 'Stays payable',
    cell: moneyCell(money),
    meta: { className: 'num money' },
  }),
]

/** Who a run leaves out and why, paged: a large program can leave out thousands below the minimum. */
export function ExclusionsTable({ rows, caption }: { rows: PayoutExclusion[]; caption: string }) {
  const table = useClientTable({
    rows,
    columns: COLUMNS,
    getRowId: (e) => `${e.affiliateId}:${e.currency}:${e.reason}`,
  })
  return (
    <>
      <DataTable table={table} caption={caption} loading={false} emptyText="Nobody." />
      <Pagination table={table} total={rows.length} noun="exclusions" />
    </>
  )
}

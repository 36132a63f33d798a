import { createColumnHelper } from '@tanstack/react-table'
import type { Balance, MethodInput } from '../../../../shared/contract'
import { CURRENCY_RE, displayMoney } from '../../../../shared/money'
import { api } from '../../api'
import { ServerList } from '../../table/ServerList'
import { pickId, type AnyColumn, type ServerQuery } from '../../table/serverTable'
import { useServerTable } from '../../table/useServerTable'
import { ListInputFilter } from '../../table/ListFilters'
import { AffiliateFilter } from '../../components/AffiliateFilter'
import { CommissionsHeader } from './CommissionsHeader'
import { moneyCell } from '../../table/moneyCell'

const money = (minor: number, currency: string) => (
  <span className={minor < 0 ? 'negative' : minor === 0 ? 'cell-muted' : undefined}>
    {displayMoney(minor, currency)}
  </span>
)

const col = createColumnHelper<Balance>()
const COLUMNS: AnyColumn<Balance>[] = [
  col.accessor('affiliateCode', { header: 'Affiliate', cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor('affiliateName', { header: 'Name', meta: { className: 'cell-strong' } }),
  col.accessor('currency', { header: 'Currency' }),
  col.accessor('pendingMinor', {
    header: 'Pending',
    cell: moneyCell(money),
    meta: { className: 'num money' },
  }),
  col.accessor('approvedUnpaidMinor', {
    header: 'Payable',
    cell: moneyCell(money),
    meta: { className: 'num money strong' },
  }),
  col.accessor('paidMinor', {
    header: 'Paid',
    cell: moneyCell(money),
    meta: { className: 'num money' },
  }),
]

const SORT_FIELDS = [] as const

function toListInput(q: ServerQuery<never>): MethodInput<'commissions.balances'> {
  const currency = q.filters.currency?.toUpperCase()
  return {
    page: q.page,
    pageSize: q.pageSize,
    affiliateId: pickId(q.filters.affiliateId),
    currency: currency && CURRENCY_RE.test(currency) ? currency : undefined,
  }
}
const loadBalances = (q: ServerQuery<never>) => api.call('commissions.balances', toListInput(q))

export function BalancesPage() {
  const list = useServerTable<Balance, never>({
    columns: COLUMNS,
    sortFields: SORT_FIELDS,
    load: loadBalances,
    getRowId: (b) => `${b.affiliateId}:${b.currency}`,
  })
  return (
    <div className="page">
      <CommissionsHeader tab="balances" />
      <div className="toolbar" role="search" aria-label="Filter balances">
        <AffiliateFilter
          onChange={(id) => list.setFilter('affiliateId', id)}
          pickVerb="show this affiliate's balance"
          clearLabel="All affiliates"
        />
        <ListInputFilter
          list={list}
          filter="currency"
          label="Currency"
          className="input-currency"
          maxLength={3}
          placeholder="any"
          clean={(text) => text.toUpperCase().replace(/[^A-Z]/g, '')}
        />
      </div>
      <p className="fieldset-hint">
        One row per affiliate and currency; currencies are never converted or added. <strong>Pending</strong>:
        earned, waiting for approval. <strong>Payable</strong>: approved and not yet paid, with clawbacks of
        already-paid lines netted in (so it can be negative). <strong>Paid</strong>: settled by payouts.
      </p>
      <ServerList
        list={list}
        caption="Balances per affiliate and currency"
        noun="balances"
        loadAction="Could not load balances"
        emptyFiltered="No balance matches these filters."
        emptyNone="Nobody has earned anything yet."
      />
    </div>
  )
}

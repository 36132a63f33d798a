import { createColumnHelper } from '@tanstack/react-table'
import type { PayoutRun } from '../../../../shared/contract/payouts'
import { api } from '../../api'
import { href } from '../../router/routes'
import { ServerList } from '../../table/ServerList'
import type { AnyColumn, ServerQuery } from '../../table/serverTable'
import { useServerTable } from '../../table/useServerTable'
import { StatusBadge } from '../../ui/Badge'
import { formatDate, formatDateTimeShort } from '../../ui/format'
import { moneyListText } from '../../ui/money'
import { PageHeader } from '../../ui/PageHeader'
import { statusCountsText } from './payoutRules'
import { YearlyTotalsPanel } from './YearlyTotalsPanel'

const col = createColumnHelper<PayoutRun>()
const COLUMNS: AnyColumn<PayoutRun>[] = [
  col.accessor('id', {
    header: 'Run',
    cell: (c) => <a href={href.payoutRun(c.getValue())}>Run #{c.getValue()}</a>,
  }),
  col.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.accessor('cutoff', { header: 'Cut-off', cell: (c) => formatDate(c.getValue()) }),
  col.accessor('totals', {
    header: 'Totals',
    cell: (c) => moneyListText(sumPerCurrency(c.getValue())),
    meta: { className: 'money strong' },
  }),
  col.accessor('itemCount', { header: 'Items', meta: { className: 'num' } }),
  col.accessor('statusCounts', { header: 'Item statuses', cell: (c) => statusCountsText(c.getValue()) }),
  col.accessor('affiliateIds', {
    header: 'Covers',
    cell: (c) => {
      const ids = c.getValue()
      return ids ? `${ids.length} chosen affiliate${ids.length === 1 ? '' : 's'}` : 'everyone'
    },
  }),
  col.accessor('createdAt', {
    header: 'Created',
    cell: (c) => `${formatDateTimeShort(c.getValue())} by ${c.row.original.createdBy}`,
  }),
]

/** A run's totals are per currency and method; the list shows one figure per currency. */
function sumPerCurrency(totals: PayoutRun['totals']): { currency: string; amountMinor: number }[] {
  const by = new Map<string, number>()
  for (const t of totals) by.set(t.currency, (by.get(t.currency) ?? 0) + t.amountMinor)
  return [...by].map(([currency, amountMinor]) => ({ currency, amountMinor }))
}

const loadRuns = (q: ServerQuery<never>) => api.call('payouts.list', { page: q.page, pageSize: q.pageSize })

export function PayoutsPage() {
  const list = useServerTable<PayoutRun, never>({
    columns: COLUMNS,
    sortFields: [],
    load: loadRuns,
    getRowId: (r) => String(r.id),
  })
  return (
    <div className="page">
      <PageHeader
        title="Payouts"
        description="Pay approved commissions once: preview a run, commit it, export the provider files, then import the provider's results."
        actions={
          <a className="btn btn-primary" href={href.payoutNew()}>
            New run
          </a>
        }
      />
      <ServerList
        list={list}
        caption="Payout runs"
        noun="runs"
        loadAction="Could not load payout runs"
        emptyFiltered="No run matches."
        emptyNone="No payout runs yet. Start one with “New run”."
      />
      <YearlyTotalsPanel />
    </div>
  )
}

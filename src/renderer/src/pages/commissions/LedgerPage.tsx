import { createColumnHelper } from '@tanstack/react-table'
import type { LedgerLine, MethodInput } from '../../../../shared/contract'
import { LEDGER_KINDS, LEDGER_STATUSES } from '../../../../shared/domain'
import { bpsToPercent } from '../../../../shared/money'
import { api } from '../../api'
import { href } from '../../router/routes'
import { ServerList } from '../../table/ServerList'
import { pickEnum, pickId, type AnyColumn, type ServerQuery } from '../../table/serverTable'
import { useServerTable } from '../../table/useServerTable'
import { StatusBadge } from '../../ui/Badge'
import { capitalize, formatDateTime } from '../../ui/format'
import { enumOptions, ListInputFilter, ListSelect } from '../../table/ListFilters'
import { AffiliateFilter } from '../../components/AffiliateFilter'
import { levelLabel } from '../../domain/conversionRules'
import { CommissionsHeader } from './CommissionsHeader'
import { moneyCell } from '../../table/moneyCell'

const col = createColumnHelper<LedgerLine>()
const COLUMNS: AnyColumn<LedgerLine>[] = [
  col.accessor('id', { header: 'Line', cell: (c) => <span className="cell-muted">#{c.getValue()}</span> }),
  col.accessor('createdAt', {
    header: 'Created',
    cell: (c) => formatDateTime(c.getValue()),
    meta: { className: 'nowrap' },
  }),
  col.accessor('conversionId', {
    header: 'Conversion',
    cell: (c) => (
      <a href={href.conversion(c.getValue())}>
        #{c.getValue()}
        <span className="visually-hidden"> — open conversion {c.getValue()}</span>
      </a>
    ),
  }),
  col.accessor('affiliateCode', { header: 'Affiliate', cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor('level', {
    header: 'Level',
    cell: (c) => levelLabel(c.getValue()),
    meta: { className: 'nowrap' },
  }),
  col.accessor('kind', { header: 'Kind', cell: (c) => capitalize(c.getValue()) }),
  col.accessor('rule', { header: 'Rule', meta: { className: 'cell-clip' } }),
  col.accessor('baseMinor', {
    header: 'Base',
    cell: moneyCell(),
    meta: { className: 'num money' },
  }),
  col.accessor('rateBps', {
    header: 'Rate',
    cell: (c) => {
      const bps = c.row.original.rateBps
      return bps === null ? <span className="cell-muted">fixed</span> : `${bpsToPercent(bps)}%`
    },
    meta: { className: 'num' },
  }),
  col.accessor('amountMinor', {
    header: 'Amount',
    cell: moneyCell(),
    meta: { className: 'num money strong' },
  }),
  col.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
]

const SORT_FIELDS = [] as const

function toListInput(q: ServerQuery<never>): MethodInput<'commissions.list'> {
  return {
    page: q.page,
    pageSize: q.pageSize,
    status: pickEnum(q.filters.status, LEDGER_STATUSES),
    kind: pickEnum(q.filters.kind, LEDGER_KINDS),
    affiliateId: pickId(q.filters.affiliateId),
    conversionId: pickId(q.filters.conversionId),
  }
}
const loadLedger = (q: ServerQuery<never>) => api.call('commissions.list', toListInput(q))

export function LedgerPage() {
  const list = useServerTable<LedgerLine, never>({
    columns: COLUMNS,
    sortFields: SORT_FIELDS,
    load: loadLedger,
    getRowId: (l) => String(l.id),
  })
  return (
    <div className="page">
      <CommissionsHeader tab="ledger" />
      <div className="toolbar" role="search" aria-label="Filter the ledger">
        <ListSelect
          list={list}
          filter="status"
          label="Status"
          anyLabel="Any status"
          options={enumOptions(LEDGER_STATUSES)}
        />
        <ListSelect
          list={list}
          filter="kind"
          label="Kind"
          anyLabel="Any kind"
          options={enumOptions(LEDGER_KINDS)}
        />
        <AffiliateFilter onChange={(id) => list.setFilter('affiliateId', id)} />
        <ListInputFilter
          list={list}
          filter="conversionId"
          label="Conversion #"
          className="input-short"
          inputMode="numeric"
          placeholder="any"
          clean={(text) => text.replace(/\D/g, '')}
        />
      </div>
      <p className="fieldset-hint">
        Lines are never edited: a rejection or refund adds a reversal (not yet paid) or a clawback (already
        paid) that negates the exact line. Newest first.
      </p>
      <ServerList
        list={list}
        caption="Commission ledger, newest first"
        noun="lines"
        loadAction="Could not load the ledger"
        emptyFiltered="No line matches these filters."
        emptyNone="The ledger is empty: no conversion has earned a commission yet."
      />
    </div>
  )
}

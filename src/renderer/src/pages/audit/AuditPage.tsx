import { createColumnHelper } from '@tanstack/react-table'
import type { AuditEntry } from '../../../../shared/contract'
import { api } from '../../api'
import { ServerList } from '../../table/ServerList'
import type { AnyColumn, ServerQuery } from '../../table/serverTable'
import { useServerTable } from '../../table/useServerTable'
import { formatDateTime } from '../../ui/format'
import { PageHeader } from '../../ui/PageHeader'
import { ListSearch } from '../../table/ListFilters'
import { JsonDiff } from './JsonDiff'

// audit.list has no sort input: the server lists newest first.
const SORT_FIELDS = [] as const

const col = createColumnHelper<AuditEntry>()
const COLUMNS: AnyColumn<AuditEntry>[] = [
  col.accessor('at', {
    header: 'Time',
    cell: (c) => formatDateTime(c.getValue()),
    meta: { className: 'nowrap' },
  }),
  col.accessor('actor', { header: 'Actor' }),
  col.accessor('action', { header: 'Action', cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor('entity', { header: 'Entity' }),
  col.accessor('entityId', {
    header: 'ID',
    cell: (c) => c.getValue() ?? <span className="cell-muted">—</span>,
    meta: { className: 'num' },
  }),
  col.display({
    id: 'changes',
    header: () => <span className="visually-hidden">Changes</span>,
    meta: { className: 'cell-actions' },
    cell: ({ row }) => (
      <button
        type="button"
        className="btn btn-small btn-ghost"
        aria-expanded={row.getIsExpanded()}
        onClick={row.getToggleExpandedHandler()}
      >
        {row.getIsExpanded() ? 'Hide changes' : 'Show changes'}
        <span className="visually-hidden"> of entry {row.original.id}</span>
      </button>
    ),
  }),
]

const loadAudit = (q: ServerQuery<never>) =>
  api.call('audit.list', { page: q.page, pageSize: q.pageSize, entity: q.search?.slice(0, 64) })

export function AuditPage() {
  const list = useServerTable<AuditEntry, never>({
    columns: COLUMNS,
    sortFields: SORT_FIELDS,
    load: loadAudit,
    getRowId: (e) => String(e.id),
    getRowCanExpand: () => true,
  })
  return (
    <div className="page">
      <PageHeader
        title="Audit log"
        description="Every change to affiliates, campaigns and settings: who, when, and what it was before."
      />
      <div className="toolbar" role="search" aria-label="Filter the audit log">
        <ListSearch list={list} label="Entity" placeholder="e.g. affiliate" />
      </div>
      <ServerList
        list={list}
        caption="Audit log, newest first"
        noun="entries"
        loadAction="Could not load the audit log"
        emptyFiltered="No entries for this entity."
        emptyNone="Nothing recorded yet."
        renderExpanded={(entry) => <JsonDiff entry={entry} />}
      />
    </div>
  )
}

import { createColumnHelper } from '@tanstack/react-table'
import type { Campaign, MethodInput } from '../../../../shared/contract'
import { CAMPAIGN_STATUSES } from '../../../../shared/domain'
import { api } from '../../api'
import { href } from '../../router/routes'
import { ServerList } from '../../table/ServerList'
import { pickEnum, type AnyColumn, type ServerQuery } from '../../table/serverTable'
import { useServerTable } from '../../table/useServerTable'
import { StatusBadge } from '../../ui/Badge'
import { formatDate } from '../../ui/format'
import { enumOptions, ListSearch, ListSelect } from '../../table/ListFilters'
import { CampaignsHeader } from './CampaignsTabs'
import { planSummary } from '../../domain/planSummary'

const SORT_FIELDS = ['id', 'name', 'status', 'createdAt'] as const
type SortField = (typeof SORT_FIELDS)[number]
const DEFAULT_SORT = { field: 'createdAt', dir: 'desc' } as const

const col = createColumnHelper<Campaign>()
const COLUMNS: AnyColumn<Campaign>[] = [
  col.accessor('name', {
    header: 'Name',
    cell: (c) => (
      <a href={href.campaign(c.row.original.id)} className="cell-link">
        {c.getValue()}
      </a>
    ),
  }),
  col.accessor('advertiserName', { header: 'Advertiser' }),
  col.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.display({
    id: 'commission',
    header: 'Commission',
    cell: (c) => planSummary(c.row.original.plan, c.row.original.currency),
  }),
  col.accessor('currency', { header: 'Currency' }),
  col.accessor('cookieDays', { header: 'Cookie days', meta: { className: 'num' } }),
  col.accessor('holdDays', {
    header: 'Hold days',
    meta: { className: 'num' },
    cell: (c) => c.getValue() ?? <span className="cell-muted">manual</span>,
  }),
  col.accessor('createdAt', {
    header: 'Created',
    cell: (c) => formatDate(c.getValue()),
    meta: { className: 'nowrap' },
  }),
]

function toListInput(q: ServerQuery<SortField>): MethodInput<'campaigns.list'> {
  return {
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort ?? DEFAULT_SORT,
    status: pickEnum(q.filters.status, CAMPAIGN_STATUSES),
    search: q.search,
  }
}

const loadCampaigns = (q: ServerQuery<SortField>) => api.call('campaigns.list', toListInput(q))

export function CampaignsPage() {
  const list = useServerTable({
    columns: COLUMNS,
    sortFields: SORT_FIELDS,
    defaultSort: DEFAULT_SORT,
    load: loadCampaigns,
    getRowId: (c) => String(c.id),
  })
  return (
    <div className="page">
      <CampaignsHeader
        tab="campaigns"
        actions={
          <a className="btn btn-primary" href={href.campaignNew()}>
            New campaign
          </a>
        }
      />
      <div className="toolbar" role="search" aria-label="Filter campaigns">
        <ListSearch list={list} placeholder="Campaign name" />
        <ListSelect
          list={list}
          filter="status"
          label="Status"
          anyLabel="Any status"
          options={enumOptions(CAMPAIGN_STATUSES)}
        />
      </div>
      <ServerList
        list={list}
        caption="Campaigns"
        noun="campaigns"
        loadAction="Could not load campaigns"
        emptyFiltered="No campaign matches these filters."
        emptyNone="No campaigns yet. Create one with “New campaign”."
      />
    </div>
  )
}

import type { Conversion, MethodInput } from '../../../../shared/contract'
import { CONVERSION_STATUSES } from '../../../../shared/domain'
import { api, ApiError } from '../../api'
import { href } from '../../router/routes'
import { navigate } from '../../router/useRoute'
import { ServerList } from '../../table/ServerList'
import { pickEnum, pickId, type ServerQuery } from '../../table/serverTable'
import { useServerTable } from '../../table/useServerTable'
import { Drawer } from '../../ui/Drawer'
import { PageHeader } from '../../ui/PageHeader'
import { enumOptions, ListInputFilter, ListSelect } from '../../table/ListFilters'
import { AffiliateFilter } from '../../components/AffiliateFilter'
import { ConversionDetail } from './ConversionDetail'
import { CONVERSION_COLUMNS, OpenConversionContext } from './conversionColumns'
import { dateRange } from './dateRange'
import { CampaignFilter, useCampaignOptions } from '../../components/CampaignFilter'

const SORT_FIELDS = ['id', 'createdAt', 'amountMinor', 'status', 'riskScore'] as const
type SortField = (typeof SORT_FIELDS)[number]
const DEFAULT_SORT = { field: 'createdAt', dir: 'desc' } as const

function toListInput(q: ServerQuery<SortField>): MethodInput<'conversions.list'> {
  const range = dateRange(q.filters.from, q.filters.to)
  if (range.error) throw new ApiError('invalid_input', range.error, [{ path: 'to', message: range.error }])
  return {
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort ?? DEFAULT_SORT,
    status: pickEnum(q.filters.status, CONVERSION_STATUSES),
    flaggedOnly: q.filters.flagged === 'yes',
    campaignId: pickId(q.filters.campaignId),
    affiliateId: pickId(q.filters.affiliateId),
    from: range.from,
    to: range.to,
  }
}

const load = (q: ServerQuery<SortField>) => api.call('conversions.list', toListInput(q))

interface ConversionsPageProps {
  /** The conversion whose detail the URL opens (#/conversions/:id). */
  routeOpenId: number | null
}

// The review queue (pages/review) is where flagged conversions are decided; this is the full list.
export function ConversionsPage({ routeOpenId }: ConversionsPageProps) {
  const campaigns = useCampaignOptions()
  const list = useServerTable({
    columns: CONVERSION_COLUMNS,
    sortFields: SORT_FIELDS,
    defaultSort: DEFAULT_SORT,
    load,
    getRowId: (c: Conversion) => String(c.id),
  })
  const open = (id: number) => navigate(href.conversion(id))
  const close = () => navigate(href.section('conversions'))

  return (
    <div className="page">
      <PageHeader
        title="Conversions"
        description="Every lead, trial and sale the advertisers reported, with the commission it earned."
      />
      <div className="toolbar" role="search" aria-label="Filter conversions">
        <ListSelect
          list={list}
          filter="status"
          label="Status"
          anyLabel="Any status"
          options={enumOptions(CONVERSION_STATUSES)}
        />
        <CampaignFilter list={list} campaigns={campaigns.data?.rows ?? []} />
        <AffiliateFilter onChange={(id) => list.setFilter('affiliateId', id)} />
        <ListInputFilter list={list} filter="from" label="From" type="date" className="input-date" />
        <ListInputFilter list={list} filter="to" label="To" type="date" className="input-date" />
        <label className="toolbar-check">
          <input
            type="checkbox"
            checked={list.filters.flagged === 'yes'}
            onChange={(e) => list.setFilter('flagged', e.target.checked ? 'yes' : '')}
          />
          Flagged only
        </label>
      </div>

      <OpenConversionContext value={open}>
        <ServerList
          list={list}
          caption="Conversions"
          noun="conversions"
          loadAction="Could not load conversions"
          onRowClick={(c) => open(c.id)}
          activeRowId={routeOpenId === null ? null : String(routeOpenId)}
          emptyFiltered="No conversion matches these filters."
          emptyNone="No conversions yet. They arrive through postbacks from your advertisers."
        />
      </OpenConversionContext>
      {routeOpenId !== null ? (
        <Drawer title={`Conversion #${routeOpenId}`} onClose={close} wide>
          <ConversionDetail key={routeOpenId} id={routeOpenId} onChanged={list.reload} />
        </Drawer>
      ) : null}
    </div>
  )
}

import type { Campaign } from '../../../shared/contract'
import { api } from '../api'
import { useAsync } from '../api/useAsync'
import { ListSelect, type FilteredList } from '../table/ListFilters'

/** Every campaign by name, for the campaign pickers and filters (a program has few of them). */
export function useCampaignOptions() {
  return useAsync(
    () => api.call('campaigns.list', { page: 0, pageSize: 500, sort: { field: 'name', dir: 'asc' } }),
    'campaign-options',
  )
}

/** A toolbar filter on one campaign, for the server tables (links, conversions). */
export function CampaignFilter({ list, campaigns }: { list: FilteredList; campaigns: readonly Campaign[] }) {
  return (
    <ListSelect
      list={list}
      filter="campaignId"
      label="Campaign"
      anyLabel="Any campaign"
      options={campaigns.map((c) => ({ value: String(c.id), label: c.name }))}
    />
  )
}

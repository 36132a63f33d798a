import { createColumnHelper } from '@tanstack/react-table'
import { createContext, useContext, useMemo, useState } from 'react'
import type { Link, MethodInput } from '../../../../shared/contract'
import { api } from '../../api'
import { useRowAction } from '../../api/useRowAction'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { ServerList } from '../../table/ServerList'
import type { AnyColumn, ServerQuery } from '../../table/serverTable'
import { useServerTable } from '../../table/useServerTable'
import { CopyButton } from '../../ui/CopyButton'
import { Drawer } from '../../ui/Drawer'
import { formatDate } from '../../ui/format'
import { PublicUrlNotice } from '../../ui/PublicUrlNotice'
import { StatusMessage } from '../../ui/StatusMessage'
import { ListSearch } from '../../table/ListFilters'
import { AffiliateFilter } from '../../components/AffiliateFilter'
import { CampaignsHeader } from './CampaignsTabs'
import { LinkForm } from './LinkForm'
import { CampaignFilter, useCampaignOptions } from '../../components/CampaignFilter'

interface LinkRowActions {
  busyId: number | null
  setActive: (link: Link, active: boolean) => void
}
const LinkActionsContext = createContext<LinkRowActions | null>(null)

function ActiveSwitch({ link }: { link: Link }) {
  const ctx = useContext(LinkActionsContext)
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        checked={link.active}
        disabled={!ctx || ctx.busyId === link.id}
        onChange={(e) => ctx?.setActive(link, e.target.checked)}
      />
      <span aria-hidden="true">{link.active ? 'On' : 'Off'}</span>
      <span className="visually-hidden">Link {link.code} active</span>
    </label>
  )
}

function TrackingUrl({ link }: { link: Link }) {
  const id = `link-url-${link.id}`
  return (
    <span className="url-cell">
      <code id={id} className="url-text">
        {link.trackingUrl}
      </code>
      <CopyButton text={link.trackingUrl} label={`tracking URL of ${link.code}`} targetId={id} />
    </span>
  )
}

const col = createColumnHelper<Link>()
const COLUMNS: AnyColumn<Link>[] = [
  col.accessor('code', { header: 'Code', cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor('affiliateCode', { header: 'Affiliate', cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor('campaignName', { header: 'Campaign', meta: { className: 'cell-clip' } }),
  col.accessor('trackingUrl', { header: 'Tracking URL', cell: (c) => <TrackingUrl link={c.row.original} /> }),
  col.accessor('clicks', { header: 'Clicks', meta: { className: 'num' } }),
  col.accessor('conversions', { header: 'Conversions', meta: { className: 'num' } }),
  col.accessor('active', { header: 'Active', cell: (c) => <ActiveSwitch link={c.row.original} /> }),
  col.accessor('createdAt', {
    header: 'Created',
    cell: (c) => formatDate(c.getValue()),
    meta: { className: 'nowrap' },
  }),
]

// links.list has no sort input: the server lists newest first.
const SORT_FIELDS = [] as const

function toListInput(q: ServerQuery<never>): MethodInput<'links.list'> {
  const id = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : undefined)
  return {
    page: q.page,
    pageSize: q.pageSize,
    search: q.search,
    campaignId: id(q.filters.campaignId),
    affiliateId: id(q.filters.affiliateId),
  }
}
const loadLinks = (q: ServerQuery<never>) => api.call('links.list', toListInput(q))

export function LinksPage() {
  const [creating, setCreating] = useState(false)
  const campaigns = useCampaignOptions()
  const list = useServerTable<Link, never>({
    columns: COLUMNS,
    sortFields: SORT_FIELDS,
    load: loadLinks,
    getRowId: (l) => String(l.id),
  })
  const { reload } = list
  const rowAction = useRowAction(reload)
  const { busyId, run, setNotice } = rowAction

  const actions = useMemo<LinkRowActions>(
    () => ({
      busyId,
      setActive: (link, active) =>
        run(link.id, async () => {
          const updated = await api.call('links.setActive', { id: link.id, active })
          return `Link ${updated.code} is now ${updated.active ? 'active' : 'inactive'}.`
        }),
    }),
    [busyId, run],
  )

  const campaignRows = campaigns.data?.rows ?? []
  return (
    <div className="page">
      <CampaignsHeader
        tab="links"
        actions={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setCreating(true)}
            disabled={!campaigns.data}
          >
            New link
          </button>
        }
      />
      <div className="toolbar" role="search" aria-label="Filter links">
        <ListSearch list={list} placeholder="Link or affiliate code" />
        <CampaignFilter list={list} campaigns={campaignRows} />
        <AffiliateFilter onChange={(id) => list.setFilter('affiliateId', id)} />
        <StatusMessage text={rowAction.notice} />
      </div>
      <PublicUrlNotice />
      <p className="fieldset-hint">
        Tracking URLs start with the public base URL from Settings. An inactive link sends visitors to the
        campaign’s fallback URL and records no click.
      </p>
      <ErrorSummary error={rowAction.error} action="Could not change the link" />
      <LinkActionsContext value={actions}>
        <ServerList
          list={list}
          caption="Tracking links"
          noun="links"
          loadAction="Could not load links"
          emptyFiltered="No link matches these filters."
          emptyNone="No tracking links yet. Give an affiliate one with “New link”."
        />
      </LinkActionsContext>
      {creating ? (
        <Drawer title="New link" onClose={() => setCreating(false)}>
          <LinkForm
            campaigns={campaignRows}
            initialCampaignId={list.filters.campaignId ?? ''}
            onCancel={() => setCreating(false)}
            onCreated={(link) => {
              setCreating(false)
              setNotice(`Created link ${link.code} for ${link.affiliateCode}.`)
              reload()
            }}
          />
        </Drawer>
      ) : null}
    </div>
  )
}

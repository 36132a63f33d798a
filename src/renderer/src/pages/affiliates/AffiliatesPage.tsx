import { useMemo, useState } from 'react'
import type { Affiliate, MethodInput } from '../../../../shared/contract'
import { AFFILIATE_STATUSES, AFFILIATE_TIERS } from '../../../../shared/domain'
import { api } from '../../api'
import { useAsync } from '../../api/useAsync'
import { useRowAction } from '../../api/useRowAction'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { ServerList } from '../../table/ServerList'
import { pickEnum, type ServerQuery } from '../../table/serverTable'
import { useServerTable } from '../../table/useServerTable'
import { Drawer } from '../../ui/Drawer'
import { AffiliatePayouts } from '../../components/AffiliatePayouts'
import { PageHeader } from '../../ui/PageHeader'
import { href } from '../../router/routes'
import { navigate } from '../../router/useRoute'
import { enumOptions, ListSearch, ListSelect } from '../../table/ListFilters'
import { StatusMessage } from '../../ui/StatusMessage'
import { AFFILIATE_COLUMNS, AffiliateActionsContext, type AffiliateRowActions } from './affiliateColumns'
import { AffiliateForm, type AffiliateFormMode } from './AffiliateForm'
import { AffiliateHierarchy } from './AffiliateHierarchy'
import { TIER_LABELS } from './affiliateForm'

const SORT_FIELDS = ['id', 'code', 'name', 'email', 'status', 'tier', 'createdAt'] as const
type SortField = (typeof SORT_FIELDS)[number]
const DEFAULT_SORT = { field: 'createdAt', dir: 'desc' } as const

function toListInput(q: ServerQuery<SortField>): MethodInput<'affiliates.list'> {
  return {
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort ?? DEFAULT_SORT,
    status: pickEnum(q.filters.status, AFFILIATE_STATUSES),
    tier: pickEnum(q.filters.tier, AFFILIATE_TIERS),
    search: q.search,
  }
}

const loadAffiliates = (q: ServerQuery<SortField>) => api.call('affiliates.list', toListInput(q))

interface AffiliatesPageProps {
  /** The affiliate whose edit form the URL opens (#/affiliates/:id), e.g. from a run's exclusions. */
  routeOpenId: number | null
}

export function AffiliatesPage({ routeOpenId }: AffiliatesPageProps) {
  const [opened, setDrawer] = useState<AffiliateFormMode | null>(null)
  const routed = useAsync(
    () => (routeOpenId === null ? Promise.resolve(null) : api.call('affiliates.get', { id: routeOpenId })),
    `affiliate-route:${routeOpenId ?? ''}`,
  )
  const routedAffiliate = routeOpenId !== null && routed.data?.id === routeOpenId ? routed.data : null
  const drawer: AffiliateFormMode | null =
    opened ?? (routedAffiliate ? { kind: 'edit', affiliate: routedAffiliate } : null)
  function closeDrawer() {
    setDrawer(null)
    if (routeOpenId !== null) navigate(href.section('affiliates'))
  }
  const [hierarchyId, setHierarchyId] = useState<number | null>(null)
  const settings = useAsync(() => api.call('settings.get', {}), 'settings')

  const list = useServerTable({
    columns: AFFILIATE_COLUMNS,
    sortFields: SORT_FIELDS,
    defaultSort: DEFAULT_SORT,
    load: loadAffiliates,
    getRowId: (a) => String(a.id),
  })
  const { reload } = list
  const rowAction = useRowAction(reload)
  const { busyId, run, setNotice } = rowAction

  const actions = useMemo<AffiliateRowActions>(
    () => ({
      busyId,
      onEdit: (a) => setDrawer({ kind: 'edit', affiliate: a }),
      onHierarchy: (a) => setHierarchyId(a.id),
      onSetStatus: (a, status) =>
        run(a.id, async () => {
          const updated = await api.call('affiliates.setStatus', { id: a.id, status })
          return `${updated.code} is now ${updated.status}.`
        }),
    }),
    [busyId, run],
  )

  function onSaved(a: Affiliate) {
    const created = drawer?.kind === 'create'
    closeDrawer()
    setNotice(created ? `Created ${a.code} (${a.status}).` : `Saved ${a.code}.`)
    list.reload()
  }

  return (
    <div className="page">
      <PageHeader
        title="Affiliates"
        description="Everyone who promotes your campaigns: approve applications, set tiers and payment details."
        actions={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() =>
              setDrawer({ kind: 'create', defaultCurrency: settings.data?.defaultCurrency ?? 'USD' })
            }
          >
            New affiliate
          </button>
        }
      />
      <div className="toolbar" role="search" aria-label="Filter affiliates">
        <ListSearch list={list} placeholder="Code, name or email" />
        <ListSelect
          list={list}
          filter="status"
          label="Status"
          anyLabel="Any status"
          options={enumOptions(AFFILIATE_STATUSES)}
        />
        <ListSelect
          list={list}
          filter="tier"
          label="Tier"
          anyLabel="Any tier"
          options={enumOptions(AFFILIATE_TIERS, (t) => TIER_LABELS[t])}
        />
        <StatusMessage text={rowAction.notice} />
      </div>
      <ErrorSummary error={rowAction.error} action="Could not change the status" />
      {routeOpenId !== null ? (
        <ErrorSummary error={routed.error} action={`Could not open affiliate #${routeOpenId}`} />
      ) : null}
      <AffiliateActionsContext value={actions}>
        <ServerList
          list={list}
          caption="Affiliates"
          noun="affiliates"
          loadAction="Could not load affiliates"
          emptyFiltered="No affiliate matches these filters."
          emptyNone="No affiliates yet. Add the first one with “New affiliate”."
        />
      </AffiliateActionsContext>
      {drawer ? (
        <Drawer
          title={drawer.kind === 'create' ? 'New affiliate' : `Edit ${drawer.affiliate.code}`}
          onClose={closeDrawer}
        >
          <AffiliateForm
            key={drawer.kind === 'edit' ? drawer.affiliate.id : 'new'}
            mode={drawer}
            onSaved={onSaved}
            onCancel={closeDrawer}
          />
          {drawer.kind === 'edit' ? <AffiliatePayouts affiliateId={drawer.affiliate.id} /> : null}
        </Drawer>
      ) : null}
      {hierarchyId !== null ? (
        <HierarchyDrawer
          id={hierarchyId}
          onOpen={setHierarchyId}
          onClose={() => setHierarchyId(null)}
          onMoved={(a) => {
            setNotice(
              a.parentCode ? `Moved ${a.code} under ${a.parentCode}.` : `Moved ${a.code} to the top level.`,
            )
            reload()
          }}
        />
      ) : null}
    </div>
  )
}

function HierarchyDrawer({
  id,
  onOpen,
  onClose,
  onMoved,
}: {
  id: number
  onOpen: (id: number) => void
  onClose: () => void
  onMoved: (a: Affiliate) => void
}) {
  const [version, setVersion] = useState(0)
  const affiliate = useAsync(() => api.call('affiliates.get', { id }), `affiliate:${id}:${version}`)
  const a = affiliate.data?.id === id ? affiliate.data : undefined
  return (
    <Drawer title={a ? `Hierarchy of ${a.code}` : 'Hierarchy'} onClose={onClose} wide>
      {a ? (
        <AffiliateHierarchy
          key={a.id}
          affiliate={a}
          onOpen={onOpen}
          onMoved={(moved) => {
            setVersion((v) => v + 1)
            onMoved(moved)
          }}
        />
      ) : affiliate.error ? (
        <ErrorSummary error={affiliate.error} action="Could not load the affiliate" />
      ) : (
        <p className="loading-text">Loading…</p>
      )}
    </Drawer>
  )
}

import { useMemo, useState } from 'react'
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
import { StatusMessage } from '../../ui/StatusMessage'
import { enumOptions, ListInputFilter, ListSelect } from '../../table/ListFilters'
import { AffiliateFilter } from '../../components/AffiliateFilter'
import { ConversionDetail } from './ConversionDetail'
import { CONVERSION_COLUMNS, OpenConversionContext, REVIEW_COLUMNS } from './conversionColumns'
import { bulkSummary, runBulk, type BulkResult, type StatusAction } from '../../domain/conversionRules'
import { dateRange } from './dateRange'
import { CampaignFilter, useCampaignOptions } from '../../components/CampaignFilter'

const SORT_FIELDS = ['id', 'createdAt', 'amountMinor', 'status', 'riskScore'] as const
type SortField = (typeof SORT_FIELDS)[number]
const DEFAULT_SORT = { field: 'createdAt', dir: 'desc' } as const

export type ConversionsMode = 'review' | 'all'

function toListInput(mode: ConversionsMode, q: ServerQuery<SortField>): MethodInput<'conversions.list'> {
  const range = dateRange(q.filters.from, q.filters.to)
  if (range.error) throw new ApiError('invalid_input', range.error, [{ path: 'to', message: range.error }])
  return {
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort ?? DEFAULT_SORT,
    // The review queue is what the dashboard counts: pending conversions with a fraud flag.
    status: mode === 'review' ? 'pending' : pickEnum(q.filters.status, CONVERSION_STATUSES),
    flaggedOnly: mode === 'review' || q.filters.flagged === 'yes',
    campaignId: pickId(q.filters.campaignId),
    affiliateId: pickId(q.filters.affiliateId),
    from: range.from,
    to: range.to,
  }
}

const loadReview = (q: ServerQuery<SortField>) => api.call('conversions.list', toListInput('review', q))
const loadAll = (q: ServerQuery<SortField>) => api.call('conversions.list', toListInput('all', q))

interface ConversionsPageProps {
  mode: ConversionsMode
  /** For "all": the conversion whose detail the URL opens (#/conversions/:id). */
  routeOpenId?: number | null
}

export function ConversionsPage({ mode, routeOpenId = null }: ConversionsPageProps) {
  const review = mode === 'review'
  const [localOpen, setLocalOpen] = useState<number | null>(null)
  const [bulkReason, setBulkReason] = useState('')
  const [bulkBusy, setBulkBusy] = useState<StatusAction | null>(null)
  const [bulkResult, setBulkResult] = useState<{ result: BulkResult; action: StatusAction } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const campaigns = useCampaignOptions()

  const list = useServerTable({
    columns: review ? REVIEW_COLUMNS : CONVERSION_COLUMNS,
    sortFields: SORT_FIELDS,
    defaultSort: review ? ({ field: 'riskScore', dir: 'desc' } as const) : DEFAULT_SORT,
    load: review ? loadReview : loadAll,
    getRowId: (c: Conversion) => String(c.id),
    enableRowSelection: review,
  })

  const openId = review ? localOpen : routeOpenId
  const open = useMemo(
    () => (review ? (id: number) => setLocalOpen(id) : (id: number) => navigate(href.conversion(id))),
    [review],
  )
  const close = () => (review ? setLocalOpen(null) : navigate(href.section('conversions')))

  async function bulk(action: StatusAction) {
    const ids = list.selectedRows.map((c) => c.id)
    if (ids.length === 0) return
    setBulkBusy(action)
    setBulkResult(null)
    setNotice(null)
    const reason = bulkReason.trim()
    const result = await runBulk(ids, (id) =>
      api.call('conversions.setStatus', { id, status: action, ...(reason ? { reason } : {}) }),
    )
    setBulkBusy(null)
    setBulkResult({ result, action })
    setNotice(bulkSummary(result, action))
    list.reload()
  }

  const selected = list.selectedRows.length

  return (
    <div className="page">
      <PageHeader
        title={review ? 'Review queue' : 'Conversions'}
        description={
          review
            ? 'Pending conversions with a fraud flag. They are never approved automatically: approve or reject them here, one by one or in bulk.'
            : 'Every lead, trial and sale the advertisers reported, with the commission it earned.'
        }
      />
      <div className="toolbar" role="search" aria-label="Filter conversions">
        {!review ? (
          <ListSelect
            list={list}
            filter="status"
            label="Status"
            anyLabel="Any status"
            options={enumOptions(CONVERSION_STATUSES)}
          />
        ) : null}
        <CampaignFilter list={list} campaigns={campaigns.data?.rows ?? []} />
        <AffiliateFilter onChange={(id) => list.setFilter('affiliateId', id)} />
        <ListInputFilter list={list} filter="from" label="From" type="date" className="input-date" />
        <ListInputFilter list={list} filter="to" label="To" type="date" className="input-date" />
        {!review ? (
          <label className="toolbar-check">
            <input
              type="checkbox"
              checked={list.filters.flagged === 'yes'}
              onChange={(e) => list.setFilter('flagged', e.target.checked ? 'yes' : '')}
            />
            Flagged only
          </label>
        ) : null}
      </div>

      {review ? (
        <div className="bulk-bar" role="group" aria-label="Bulk decision">
          <span className="bulk-count" aria-live="polite">
            {selected === 0 ? 'Select conversions to decide in bulk' : `${selected} selected`}
          </span>
          <input
            aria-label="Reason for the bulk decision (optional)"
            className="bulk-reason"
            placeholder="Reason (optional)"
            value={bulkReason}
            maxLength={500}
            onChange={(e) => setBulkReason(e.target.value)}
          />
          <button
            type="button"
            className="btn btn-positive"
            disabled={selected === 0 || bulkBusy !== null}
            onClick={() => bulk('approved')}
          >
            {bulkBusy === 'approved' ? 'Approving…' : 'Approve selected'}
          </button>
          <button
            type="button"
            className="btn btn-danger-outline"
            disabled={selected === 0 || bulkBusy !== null}
            onClick={() => bulk('rejected')}
          >
            {bulkBusy === 'rejected' ? 'Rejecting…' : 'Reject selected'}
          </button>
          <StatusMessage text={notice} />
        </div>
      ) : null}
      {bulkResult && bulkResult.result.failed.length > 0 ? (
        <div className="callout callout-danger error-summary" role="alert">
          <p className="error-summary-title">{bulkSummary(bulkResult.result, bulkResult.action)}</p>
          <ul>
            {bulkResult.result.failed.map((f) => (
              <li key={f.id}>
                #{f.id}: {f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <OpenConversionContext value={open}>
        <ServerList
          list={list}
          caption={review ? 'Conversions waiting for review' : 'Conversions'}
          noun="conversions"
          loadAction="Could not load conversions"
          onRowClick={(c) => open(c.id)}
          activeRowId={openId === null ? null : String(openId)}
          emptyFiltered="No conversion matches these filters."
          emptyNone={
            review
              ? 'Nothing to review: no flagged conversion is waiting.'
              : 'No conversions yet. They arrive through postbacks from your advertisers.'
          }
        />
      </OpenConversionContext>
      {openId !== null ? (
        <Drawer title={`Conversion #${openId}`} onClose={close} wide>
          <ConversionDetail key={openId} id={openId} onChanged={list.reload} />
        </Drawer>
      ) : null}
    </div>
  )
}

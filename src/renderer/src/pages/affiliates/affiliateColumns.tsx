import { createColumnHelper } from '@tanstack/react-table'
import { createContext, useContext } from 'react'
import type { Affiliate } from '../../../../shared/contract'
import { StatusBadge } from '../../ui/Badge'
import { formatDate } from '../../ui/format'
import type { AnyColumn } from '../../table/serverTable'
import { statusActions, TIER_LABELS } from './affiliateForm'

export interface AffiliateRowActions {
  busyId: number | null
  onSetStatus: (a: Affiliate, status: 'approved' | 'suspended') => void
  onEdit: (a: Affiliate) => void
  onHierarchy: (a: Affiliate) => void
}

// Handlers reach the row buttons through context so the column list can stay a constant: a new
// column array each render would make TanStack rebuild its column model every time.
export const AffiliateActionsContext = createContext<AffiliateRowActions | null>(null)

function RowActions({ affiliate: a }: { affiliate: Affiliate }) {
  const ctx = useContext(AffiliateActionsContext)
  if (!ctx) return null
  return (
    <span className="row-actions">
      {statusActions(a.status).map((action) => (
        <button
          key={action}
          type="button"
          className={`btn btn-small${action === 'approve' ? ' btn-positive' : ''}`}
          disabled={ctx.busyId === a.id}
          onClick={() => ctx.onSetStatus(a, action === 'approve' ? 'approved' : 'suspended')}
        >
          {action === 'approve' ? 'Approve' : 'Suspend'}
          <span className="visually-hidden"> {a.code}</span>
        </button>
      ))}
      <button type="button" className="btn btn-small btn-ghost" onClick={() => ctx.onHierarchy(a)}>
        Hierarchy<span className="visually-hidden"> of {a.code}</span>
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => ctx.onEdit(a)}>
        Edit<span className="visually-hidden"> {a.code}</span>
      </button>
    </span>
  )
}

const col = createColumnHelper<Affiliate>()

export const AFFILIATE_COLUMNS: AnyColumn<Affiliate>[] = [
  col.accessor('code', { header: 'Code', cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor('name', { header: 'Name', meta: { className: 'cell-strong nowrap' } }),
  col.accessor('email', {
    header: 'Email',
    cell: (c) => <span title={c.getValue()}>{c.getValue()}</span>,
    meta: { className: 'cell-muted cell-clip cell-clip-medium' },
  }),
  col.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.accessor('tier', { header: 'Tier', cell: (c) => TIER_LABELS[c.getValue<Affiliate['tier']>()] }),
  col.accessor('parentCode', {
    header: 'Parent',
    cell: (c) => {
      const parent = c.getValue()
      return parent ? <code>{parent}</code> : <span className="cell-muted">—</span>
    },
  }),
  col.accessor('downlineCount', { header: 'Downline', meta: { className: 'num' } }),
  col.accessor('createdAt', {
    header: 'Created',
    cell: (c) => formatDate(c.getValue()),
    meta: { className: 'nowrap' },
  }),
  col.display({
    id: 'actions',
    header: () => <span className="visually-hidden">Actions</span>,
    meta: { className: 'cell-actions' },
    cell: (c) => <RowActions affiliate={c.row.original} />,
  }),
]

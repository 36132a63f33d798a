import { createColumnHelper } from '@tanstack/react-table'
import { createContext, useContext } from 'react'
import type { Conversion } from '../../../../shared/contract'
import type { AnyColumn } from '../../table/serverTable'
import { StatusBadge } from '../../ui/Badge'
import { capitalize, formatDateTimeShort } from '../../ui/format'
import { flagLabel } from '../../domain/conversionRules'
import { moneyCell } from '../../table/moneyCell'

/** Opening a conversion reaches the row buttons through context, so the columns stay constant. */
export const OpenConversionContext = createContext<(id: number) => void>(() => {})

function OpenButton({ id }: { id: number }) {
  const open = useContext(OpenConversionContext)
  return (
    <button type="button" className="link-button" onClick={() => open(id)}>
      #{id}
      <span className="visually-hidden"> — open conversion {id}</span>
    </button>
  )
}

const col = createColumnHelper<Conversion>()

const BASE: AnyColumn<Conversion>[] = [
  col.accessor('id', {
    header: 'ID',
    cell: (c) => <OpenButton id={c.getValue()} />,
    meta: { className: 'nowrap' },
  }),
  col.accessor('createdAt', {
    header: 'Received',
    cell: (c) => formatDateTimeShort(c.getValue()),
    meta: { className: 'nowrap' },
  }),
  col.accessor('affiliateCode', { header: 'Affiliate', cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor('campaignName', {
    header: 'Campaign',
    cell: (c) => <span title={c.getValue()}>{c.getValue()}</span>,
    meta: { className: 'cell-clip' },
  }),
  col.accessor('eventType', { header: 'Event', cell: (c) => capitalize(c.getValue()) }),
  col.accessor('orderId', {
    header: 'Order',
    cell: (c) => <code>{c.getValue()}</code>,
    meta: { className: 'nowrap cell-clip-narrow' },
  }),
  col.accessor('amountMinor', {
    header: 'Amount',
    cell: moneyCell(),
    meta: { className: 'num money' },
  }),
  col.accessor('commissionMinor', {
    header: 'Commission',
    cell: moneyCell(),
    meta: { className: 'num money' },
  }),
  col.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
]

/**
 * The full list has room for one risk column: the score, and a flag count whose tooltip names the
 * flags (the detail lists them).
 */
const RISK_AND_FLAGS: AnyColumn<Conversion> = col.accessor('riskScore', {
  header: 'Risk',
  meta: { className: 'num nowrap' },
  cell: (c) => {
    const { flags, riskScore } = c.row.original
    return (
      <>
        {flags.length > 0 ? (
          <span className="badge badge-flag" title={flags.map(flagLabel).join('\n')}>
            {flags.length} flag{flags.length === 1 ? '' : 's'}
          </span>
        ) : null}{' '}
        {riskScore}
      </>
    )
  },
})

export const CONVERSION_COLUMNS: AnyColumn<Conversion>[] = [...BASE, RISK_AND_FLAGS]

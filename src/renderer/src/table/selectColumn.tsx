import type { Row, Table } from '@tanstack/react-table'
import { useEffect, useRef } from 'react'
import type { AnyColumn } from './serverTable'

function Checkbox({
  checked,
  indeterminate,
  disabled,
  label,
  onChange,
}: {
  checked: boolean
  indeterminate?: boolean
  disabled?: boolean
  label: string
  onChange: (checked: boolean) => void
}) {
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = !!indeterminate && !checked
  }, [indeterminate, checked])
  return (
    <input
      ref={ref}
      type="checkbox"
      className="row-check"
      checked={checked}
      disabled={disabled}
      aria-label={label}
      onChange={(e) => onChange(e.target.checked)}
    />
  )
}

/** A leading checkbox column; `rowLabel` names a row for screen readers ("Select conversion 12"). */
export function selectColumn<T>(rowLabel: (row: T) => string): AnyColumn<T> {
  return {
    id: 'select',
    enableSorting: false,
    meta: { className: 'cell-check' },
    header: ({ table }: { table: Table<T> }) => (
      <Checkbox
        label="Select all rows on this page"
        checked={table.getIsAllPageRowsSelected()}
        indeterminate={table.getIsSomePageRowsSelected()}
        disabled={table.getRowModel().rows.every((r) => !r.getCanSelect())}
        onChange={(v) => table.toggleAllPageRowsSelected(v)}
      />
    ),
    cell: ({ row }: { row: Row<T> }) => (
      <Checkbox
        label={`Select ${rowLabel(row.original)}`}
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onChange={(v) => row.toggleSelected(v)}
      />
    ),
  }
}

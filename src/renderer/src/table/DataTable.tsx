import { flexRender, type Header, type Table } from '@tanstack/react-table'
import { Fragment, type MouseEvent, type ReactNode } from 'react'
import './columnMeta'

export interface DataTableProps<T> {
  table: Table<T>
  /** Read by screen readers: what the table lists. */
  caption: string
  loading: boolean
  emptyText: string
  renderExpanded?: (row: T) => ReactNode
  /**
   * Opens a row's detail on a click anywhere in the row. Mouse convenience only: each such table also
   * has a real button in the row for keyboard and screen reader users.
   */
  onRowClick?: (row: T) => void
  /** The row whose detail is open, highlighted. */
  activeRowId?: string | null
}

/** Clicks on the row's own controls (buttons, links, checkboxes) do what those controls do. */
function isFromControl(e: MouseEvent): boolean {
  const target = e.target as HTMLElement | null
  return !!target?.closest('button, a, input, select, textarea, label')
}

function ariaSort(dir: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'
}

function HeaderCell<T>({ header }: { header: Header<T, unknown> }) {
  const { column } = header
  const content = header.isPlaceholder ? null : flexRender(column.columnDef.header, header.getContext())
  if (!column.getCanSort()) {
    return (
      <th scope="col" className={column.columnDef.meta?.className}>
        {content}
      </th>
    )
  }
  const dir = column.getIsSorted()
  return (
    <th scope="col" className={column.columnDef.meta?.className} aria-sort={ariaSort(dir)}>
      <button type="button" className="sort-button" onClick={column.getToggleSortingHandler()}>
        {content}
        <span className={`sort-indicator${dir ? ' active' : ''}`} aria-hidden="true">
          {dir === 'desc' ? '▼' : dir === 'asc' ? '▲' : '↕'}
        </span>
      </button>
    </th>
  )
}

export function DataTable<T>({
  table,
  caption,
  loading,
  emptyText,
  renderExpanded,
  onRowClick,
  activeRowId,
}: DataTableProps<T>) {
  const rows = table.getRowModel().rows
  const columnCount = table.getVisibleLeafColumns().length
  return (
    <div className={`table-wrap${loading ? ' is-loading' : ''}`} aria-busy={loading}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header as Header<T, unknown>} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columnCount} className="empty-cell">
                {loading ? 'Loading…' : emptyText}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <Fragment key={row.id}>
                <tr
                  className={
                    [
                      row.getIsExpanded() ? 'is-expanded' : '',
                      onRowClick ? 'is-clickable' : '',
                      row.getIsSelected() ? 'is-selected' : '',
                      activeRowId === row.id ? 'is-active' : '',
                    ]
                      .filter(Boolean)
                      .join(' ') || undefined
                  }
                  onClick={
                    onRowClick
                      ? (e) => {
                          if (!isFromControl(e)) onRowClick(row.original)
                        }
                      : undefined
                  }
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cell.column.columnDef.meta?.className}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
                {renderExpanded && row.getIsExpanded() ? (
                  <tr className="expansion-row">
                    <td colSpan={columnCount}>{renderExpanded(row.original)}</td>
                  </tr>
                ) : null}
              </Fragment>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
}

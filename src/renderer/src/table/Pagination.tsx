import type { Table } from '@tanstack/react-table'
import { useId } from 'react'
import { PAGE_SIZES, pageSummary } from './serverTable'

interface PaginationProps<T> {
  table: Table<T>
  total: number
  /** Plural noun for the count, e.g. "affiliates". */
  noun: string
}

export function Pagination<T>({ table, total, noun }: PaginationProps<T>) {
  const { pageIndex, pageSize } = table.getState().pagination
  const { page, pages, from, to } = pageSummary(pageIndex, pageSize, total)
  const sizeId = useId()
  return (
    <nav className="pagination" aria-label={`Pages of ${noun}`}>
      <span className="pagination-count" data-testid="total-count">
        {total === 0 ? `No ${noun}` : `${from}–${to} of ${total.toLocaleString('en-US')} ${noun}`}
      </span>
      <span className="pagination-controls">
        <label htmlFor={sizeId}>Rows per page</label>
        <select id={sizeId} value={pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
        <span className="pagination-page" aria-live="polite">
          Page {page} of {pages}
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => table.firstPage()}
          disabled={!table.getCanPreviousPage()}
        >
          First
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => table.previousPage()}
          disabled={!table.getCanPreviousPage()}
        >
          Previous
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => table.nextPage()}
          disabled={!table.getCanNextPage()}
        >
          Next
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => table.lastPage()}
          disabled={!table.getCanNextPage()}
        >
          Last
        </button>
      </span>
    </nav>
  )
}

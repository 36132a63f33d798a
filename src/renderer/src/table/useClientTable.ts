// A list the page already holds in full (a run's items, a preview): TanStack pages it in the
// browser, and the same DataTable and Pagination render it as every server list.
import {
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type Table,
} from '@tanstack/react-table'
import { PAGE_SIZES, type AnyColumn } from './serverTable'
import './columnMeta'

export function useClientTable<T>(opts: {
  rows: T[]
  columns: AnyColumn<T>[]
  getRowId: (row: T) => string
}): Table<T> {
  // As in useServerTable: no React Compiler here, and TanStack's instance is read fresh each render.
  // eslint-disable-next-line react-hooks/incompatible-library
  return useReactTable({
    data: opts.rows,
    columns: opts.columns,
    getRowId: opts.getRowId,
    getCoreRowModel: getCoreRowModel(),
    // Sorted in the browser: every header sorts (e.g. the largest amounts first), then pages.
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    autoResetPageIndex: false,
    initialState: { pagination: { pageIndex: 0, pageSize: PAGE_SIZES[0] } },
  })
}

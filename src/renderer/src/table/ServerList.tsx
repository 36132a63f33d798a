// The body of every server-paged list page: the load error, the table and its pagination. The empty
// text says whether the search and filters, or the data, are why nothing shows.
import { ErrorSummary } from '../forms/ErrorSummary'
import { DataTable, type DataTableProps } from './DataTable'
import { Pagination } from './Pagination'
import type { ServerTable } from './useServerTable'

export interface ServerListProps<T> extends Omit<DataTableProps<T>, 'table' | 'loading' | 'emptyText'> {
  list: ServerTable<T>
  /** Plural noun for the count, e.g. "affiliates". */
  noun: string
  /** What failed when the list cannot load, e.g. "Could not load affiliates". */
  loadAction: string
  /** Shown when a search or filter leaves nothing. */
  emptyFiltered: string
  /** Shown when there is nothing at all yet. */
  emptyNone: string
}

export function ServerList<T>({
  list,
  noun,
  loadAction,
  emptyFiltered,
  emptyNone,
  ...table
}: ServerListProps<T>) {
  const narrowed = list.search !== '' || Object.keys(list.filters).length > 0
  return (
    <>
      <ErrorSummary error={list.error} action={loadAction} />
      <DataTable
        {...table}
        table={list.table}
        loading={list.loading}
        emptyText={narrowed ? emptyFiltered : emptyNone}
      />
      <Pagination table={list.table} total={list.total} noun={noun} />
    </>
  )
}

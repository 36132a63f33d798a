// Pure helpers between TanStack Table's state and the contract's list inputs. Kept free of React
// and the DOM so they can be unit tested.
import type { ColumnDef, ColumnFiltersState, PaginationState, SortingState } from '@tanstack/react-table'

export const PAGE_SIZES = [25, 50, 100] as const

export interface ApiSort<F extends string> {
  field: F
  dir: 'asc' | 'desc'
}

/** What a server-side list needs, independent of which list it is. */
export interface ServerQuery<F extends string> {
  page: number
  pageSize: number
  sort?: ApiSort<F>
  /** Column filters with empty values dropped. */
  filters: Record<string, string>
  search?: string
}

export function isSortField<F extends string>(id: string, fields: readonly F[]): id is F {
  return (fields as readonly string[]).includes(id)
}

/** The first sortable entry of the table's sorting state, or the fallback (the server's default). */
export function sortingToApi<F extends string>(
  sorting: SortingState,
  fields: readonly F[],
  fallback?: ApiSort<F>,
): ApiSort<F> | undefined {
  const first = sorting.find((s) => isSortField(s.id, fields))
  if (!first) return fallback
  return { field: first.id as F, dir: first.desc ? 'desc' : 'asc' }
}

export function apiToSorting<F extends string>(sort: ApiSort<F> | undefined): SortingState {
  return sort ? [{ id: sort.field, desc: sort.dir === 'desc' }] : []
}

export function filtersToRecord(filters: ColumnFiltersState): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of filters) {
    if (typeof f.value === 'string' && f.value !== '') out[f.id] = f.value
  }
  return out
}

/** Set (or with '' clear) one filter, leaving the others as they are. */
export function withFilter(filters: ColumnFiltersState, id: string, value: string): ColumnFiltersState {
  const rest = filters.filter((f) => f.id !== id)
  return value === '' ? rest : [...rest, { id, value }]
}

export function normalizeSearch(text: string): string | undefined {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : trimmed.slice(0, 200)
}

export function buildServerQuery<F extends string>(
  state: {
    pagination: PaginationState
    sorting: SortingState
    columnFilters: ColumnFiltersState
    search: string
  },
  sortFields: readonly F[],
  defaultSort?: ApiSort<F>,
): ServerQuery<F> {
  const query: ServerQuery<F> = {
    page: state.pagination.pageIndex,
    pageSize: state.pagination.pageSize,
    filters: filtersToRecord(state.columnFilters),
  }
  const sort = sortingToApi(state.sorting, sortFields, defaultSort)
  if (sort) query.sort = sort
  const search = normalizeSearch(state.search)
  if (search !== undefined) query.search = search
  return query
}

export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

export function lastPageIndex(total: number, pageSize: number): number {
  return pageCountOf(total, pageSize) - 1
}

/** "Page x of y" and "from–to of total", all 1-based for people. */
export function pageSummary(pageIndex: number, pageSize: number, total: number) {
  const pages = pageCountOf(total, pageSize)
  const page = Math.min(pageIndex, pages - 1) + 1
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1
  const to = Math.min(total, page * pageSize)
  return { page, pages, from, to }
}

/** A filter value the API accepts, or undefined for "any" and for anything unexpected. */
export function pickEnum<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined
}

/** A filter holding a row id ('' or anything but digits: no filter) as the number the API takes. */
export function pickId(value: string | undefined): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined
}

/**
 * A column of any value type. TanStack's own signatures use `any` here: a column list mixes value
 * types, and ColumnDef is not covariant in them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyColumn<T> = ColumnDef<T, any>

/** Only columns the server can sort by get clickable headers. */
export function withServerSorting<T>(columns: AnyColumn<T>[], fields: readonly string[]): AnyColumn<T>[] {
  return columns.map((c) => {
    const id = c.id ?? ('accessorKey' in c && typeof c.accessorKey === 'string' ? c.accessorKey : undefined)
    return { ...c, enableSorting: id !== undefined && fields.includes(id) }
  })
}

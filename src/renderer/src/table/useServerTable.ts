// TanStack Table in manual mode: the table only renders; paging, sorting and filtering happen in
// the main process (the lists can be large, and SQLite sorts them with indexes). This hook owns the
// table state, turns it into one ServerQuery, and loads the page for it.
import {
  getCoreRowModel,
  useReactTable,
  type ColumnFiltersState,
  type ExpandedState,
  type OnChangeFn,
  type PaginationState,
  type RowSelectionState,
  type SortingState,
  type Table,
  type Updater,
} from '@tanstack/react-table'
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react'
import { toApiError, type ApiError } from '../api/ApiError'
import { useDebouncedValue } from '../ui/useDebouncedValue'
import {
  apiToSorting,
  buildServerQuery,
  filtersToRecord,
  lastPageIndex,
  PAGE_SIZES,
  withFilter,
  withServerSorting,
  type AnyColumn,
  type ApiSort,
  type ServerQuery,
} from './serverTable'
import './columnMeta'

export interface ServerTableOptions<T, F extends string> {
  columns: AnyColumn<T>[]
  /** Column ids the server can sort by; other headers are not clickable. */
  sortFields: readonly F[]
  /** What the server sorts by when the table has no sort; shown as the initial sort. */
  defaultSort?: ApiSort<F>
  load: (query: ServerQuery<F>) => Promise<{ rows: T[]; total: number }>
  getRowId: (row: T) => string
  getRowCanExpand?: (row: T) => boolean
  initialPageSize?: (typeof PAGE_SIZES)[number]
  searchDebounceMs?: number
  /** Checkbox selection of the visible rows (for bulk actions); cleared whenever the list reloads. */
  enableRowSelection?: boolean | ((row: T) => boolean)
}

export interface ServerTable<T> {
  table: Table<T>
  total: number
  loading: boolean
  error: ApiError | null
  reload: () => void
  filters: Record<string, string>
  setFilter: (id: string, value: string) => void
  /** What is typed in the search box; the query follows it after a short pause. */
  search: string
  setSearch: (text: string) => void
  /** The selected rows of the current page (empty without enableRowSelection). */
  selectedRows: T[]
  clearSelection: () => void
}

interface Loaded<T> {
  key: string
  rows: T[]
  total: number
  error: ApiError | null
}

const EMPTY_SELECTION: RowSelectionState = {}

const toFirstPage = (p: PaginationState): PaginationState => ({ ...p, pageIndex: 0 })

export function useServerTable<T, F extends string>(opts: ServerTableOptions<T, F>): ServerTable<T> {
  const { sortFields, defaultSort } = opts
  const [sorting, setSorting] = useState<SortingState>(() => apiToSorting(defaultSort))
  const [pagination, setPagination] = useState<PaginationState>({
    pageIndex: 0,
    pageSize: opts.initialPageSize ?? PAGE_SIZES[0],
  })
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([])
  const [search, setSearchText] = useState('')
  const [expanded, setExpanded] = useState<ExpandedState>({})
  // Selection belongs to the list it was made on: a new page, filter or reload starts with none, so a
  // bulk action never touches rows the owner can no longer see.
  const [selection, setSelection] = useState<{ key: string; rows: RowSelectionState }>({ key: '', rows: {} })
  const [version, setVersion] = useState(0)
  const debouncedSearch = useDebouncedValue(search, opts.searchDebounceMs ?? 300)

  const query = useMemo(
    () =>
      buildServerQuery(
        { pagination, sorting, columnFilters, search: debouncedSearch },
        sortFields,
        defaultSort,
      ),
    [pagination, sorting, columnFilters, debouncedSearch, sortFields, defaultSort],
  )
  const key = `${JSON.stringify(query)}#${version}`
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null)
  const load = useEffectEvent(opts.load)

  useEffect(() => {
    let live = true
    load(query).then(
      (res) => {
        if (!live) return
        // The page we were on can vanish (a row changed status under a filter): step back to the last one.
        if (res.rows.length === 0 && query.page > 0 && res.total > 0) {
          setPagination((p) => ({ ...p, pageIndex: lastPageIndex(res.total, p.pageSize) }))
          return
        }
        setLoaded({ key, rows: res.rows, total: res.total, error: null })
      },
      (err: unknown) => {
        if (!live) return
        setLoaded((prev) => ({
          key,
          rows: prev?.rows ?? [],
          total: prev?.total ?? 0,
          error: toApiError(err),
        }))
      },
    )
    return () => {
      live = false
    }
  }, [query, key])

  // A new sort or filter means a different list: start it from its first page.
  const onSortingChange: OnChangeFn<SortingState> = useCallback((u: Updater<SortingState>) => {
    setSorting(u)
    setPagination(toFirstPage)
  }, [])
  const onColumnFiltersChange: OnChangeFn<ColumnFiltersState> = useCallback(
    (u: Updater<ColumnFiltersState>) => {
      setColumnFilters(u)
      setPagination(toFirstPage)
    },
    [],
  )
  const setFilter = useCallback(
    (id: string, value: string) => onColumnFiltersChange((f) => withFilter(f, id, value)),
    [onColumnFiltersChange],
  )
  const setSearch = useCallback((text: string) => {
    setSearchText(text)
    setPagination(toFirstPage)
  }, [])
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  const rowSelection = selection.key === key ? selection.rows : EMPTY_SELECTION
  const onRowSelectionChange: OnChangeFn<RowSelectionState> = (u: Updater<RowSelectionState>) =>
    setSelection((prev) => {
      const current = prev.key === key ? prev.rows : EMPTY_SELECTION
      return { key, rows: typeof u === 'function' ? u(current) : u }
    })
  const clearSelection = useCallback(() => setSelection({ key: '', rows: {} }), [])
  const canSelect = opts.enableRowSelection

  const columns = useMemo(() => withServerSorting(opts.columns, sortFields), [opts.columns, sortFields])
  const rows = loaded?.rows ?? []
  const total = loaded?.total ?? 0

  // The app does not use the React Compiler, and the table instance is meant to be read fresh on
  // every render (that is how TanStack works), so the compiler's "cannot memoize" warning is moot.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<T>({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    state: { sorting, pagination, columnFilters, globalFilter: debouncedSearch, expanded, rowSelection },
    onSortingChange,
    onPaginationChange: setPagination,
    onColumnFiltersChange,
    onExpandedChange: setExpanded,
    enableRowSelection:
      typeof canSelect === 'function' ? (row) => canSelect(row.original) : (canSelect ?? false),
    onRowSelectionChange,
    getRowId: opts.getRowId,
    getRowCanExpand: opts.getRowCanExpand ? (row) => opts.getRowCanExpand!(row.original) : undefined,
    enableMultiSort: false,
    // The server always sorts by something, so a third click flips direction instead of "unsorted".
    enableSortingRemoval: false,
  })

  return {
    table,
    total,
    loading: loaded?.key !== key,
    error: loaded?.key === key ? loaded.error : null,
    reload,
    filters: filtersToRecord(columnFilters),
    setFilter,
    search,
    setSearch,
    selectedRows: table.getSelectedRowModel().rows.map((r) => r.original),
    clearSelection,
  }
}

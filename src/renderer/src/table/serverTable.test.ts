import { describe, expect, it } from 'vitest'
import {
  apiToSorting,
  buildServerQuery,
  filtersToRecord,
  lastPageIndex,
  normalizeSearch,
  pageCountOf,
  pageSummary,
  pickEnum,
  pickId,
  sortingToApi,
  withFilter,
  withServerSorting,
} from './serverTable'

const FIELDS = ['id', 'code', 'name', 'createdAt'] as const

describe('sorting ↔ API sort', () => {
  it('maps the first sortable column to the API sort', () => {
    expect(sortingToApi([{ id: 'code', desc: false }], FIELDS)).toEqual({ field: 'code', dir: 'asc' })
    expect(sortingToApi([{ id: 'createdAt', desc: true }], FIELDS)).toEqual({
      field: 'createdAt',
      dir: 'desc',
    })
  })

  it('ignores columns the server cannot sort by and falls back to the default', () => {
    const fallback = { field: 'id', dir: 'desc' } as const
    expect(sortingToApi([{ id: 'downlineCount', desc: true }], FIELDS, fallback)).toEqual(fallback)
    expect(sortingToApi([], FIELDS, fallback)).toEqual(fallback)
    expect(sortingToApi([], FIELDS)).toBeUndefined()
  })

  it('round-trips', () => {
    const sort = { field: 'name', dir: 'desc' } as const
    expect(sortingToApi(apiToSorting(sort), FIELDS)).toEqual(sort)
    expect(apiToSorting(undefined)).toEqual([])
  })
})

describe('filters', () => {
  it('drops empty and non-string values', () => {
    expect(
      filtersToRecord([
        { id: 'status', value: 'approved' },
        { id: 'tier', value: '' },
        { id: 'weird', value: 3 },
      ]),
    ).toEqual({ status: 'approved' })
  })

  it('sets, replaces and clears one filter', () => {
    const one = withFilter([], 'status', 'pending')
    expect(one).toEqual([{ id: 'status', value: 'pending' }])
    const two = withFilter(one, 'tier', 'vip')
    expect(withFilter(two, 'status', 'approved')).toEqual([
      { id: 'tier', value: 'vip' },
      { id: 'status', value: 'approved' },
    ])
    expect(withFilter(two, 'status', '')).toEqual([{ id: 'tier', value: 'vip' }])
  })

  it('only passes values the API accepts', () => {
    expect(pickEnum('vip', ['standard', 'vip'] as const)).toBe('vip')
    expect(pickEnum('gold', ['standard', 'vip'] as const)).toBeUndefined()
    expect(pickEnum(undefined, ['standard'] as const)).toBeUndefined()
  })

  it('passes on an id filter only when it is all digits', () => {
    expect(pickId('42')).toBe(42)
    expect(pickId('')).toBeUndefined()
    expect(pickId('4x')).toBeUndefined()
    expect(pickId(undefined)).toBeUndefined()
  })

  it('trims the search and treats blank as no search', () => {
    expect(normalizeSearch('  acme ')).toBe('acme')
    expect(normalizeSearch('   ')).toBeUndefined()
    expect(normalizeSearch('x'.repeat(300))).toHaveLength(200)
  })
})

describe('buildServerQuery', () => {
  it('combines page, sort, filters and search', () => {
    expect(
      buildServerQuery(
        {
          pagination: { pageIndex: 2, pageSize: 50 },
          sorting: [{ id: 'name', desc: false }],
          columnFilters: [{ id: 'status', value: 'approved' }],
          search: ' bob ',
        },
        FIELDS,
      ),
    ).toEqual({
      page: 2,
      pageSize: 50,
      sort: { field: 'name', dir: 'asc' },
      filters: { status: 'approved' },
      search: 'bob',
    })
  })

  it('leaves out sort and search when there are none', () => {
    const q = buildServerQuery(
      { pagination: { pageIndex: 0, pageSize: 25 }, sorting: [], columnFilters: [], search: '' },
      FIELDS,
    )
    expect(q).toEqual({ page: 0, pageSize: 25, filters: {} })
    expect('sort' in q || 'search' in q).toBe(false)
  })
})

describe('pages', () => {
  it('counts pages, with at least one', () => {
    expect(pageCountOf(0, 25)).toBe(1)
    expect(pageCountOf(25, 25)).toBe(1)
    expect(pageCountOf(26, 25)).toBe(2)
    expect(lastPageIndex(101, 50)).toBe(2)
  })

  it('summarizes the visible range', () => {
    expect(pageSummary(0, 25, 0)).toEqual({ page: 1, pages: 1, from: 0, to: 0 })
    expect(pageSummary(0, 25, 63)).toEqual({ page: 1, pages: 3, from: 1, to: 25 })
    expect(pageSummary(2, 25, 63)).toEqual({ page: 3, pages: 3, from: 51, to: 63 })
    // A page index past the end (rows vanished meanwhile) shows the last page, not "page 5 of 3".
    expect(pageSummary(4, 25, 63).page).toBe(3)
  })
})

describe('withServerSorting', () => {
  it('enables sorting only on columns the server can sort by', () => {
    const cols = withServerSorting<{ code: string; downline: number }>(
      [{ accessorKey: 'code' }, { accessorKey: 'downline' }, { id: 'actions' }],
      FIELDS,
    )
    expect(cols.map((c) => c.enableSorting)).toEqual([true, false, false])
  })
})

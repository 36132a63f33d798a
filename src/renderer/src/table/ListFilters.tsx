import type { InputHTMLAttributes } from 'react'
import { capitalize } from '../ui/format'
import { ToolbarField } from '../ui/ToolbarField'
import type { ServerTable } from './useServerTable'

// The toolbar controls of the server lists. Each one is bound to the list it narrows, so a page
// names the filter once and cannot wire the value to one filter and the change to another.

/** The part of a server list the filters read and write; it does not depend on the row type. */
export type FilteredList = Pick<ServerTable<unknown>, 'filters' | 'setFilter' | 'search' | 'setSearch'>

export interface FilterOption {
  value: string
  label: string
}

/** Options for an enum filter, labelled by default as the value with a capital letter. */
export function enumOptions<T extends string>(
  values: readonly T[],
  label: (value: T) => string = capitalize,
): FilterOption[] {
  return values.map((value) => ({ value, label: label(value) }))
}

/** A `<select>` on one filter whose first, empty choice reads “Any …”. */
export function ListSelect({
  list,
  filter,
  label,
  anyLabel,
  options,
}: {
  list: FilteredList
  filter: string
  label: string
  anyLabel: string
  options: readonly FilterOption[]
}) {
  return (
    <ToolbarField label={label}>
      {(id) => (
        <select
          id={id}
          value={list.filters[filter] ?? ''}
          onChange={(e) => list.setFilter(filter, e.target.value)}
        >
          <option value="">{anyLabel}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </ToolbarField>
  )
}

/** The list's free-text search box. */
export function ListSearch({
  list,
  label = 'Search',
  placeholder,
}: {
  list: FilteredList
  label?: string
  placeholder: string
}) {
  return (
    <ToolbarField label={label}>
      {(id) => (
        <input
          id={id}
          type="search"
          value={list.search}
          placeholder={placeholder}
          onChange={(e) => list.setSearch(e.target.value)}
        />
      )}
    </ToolbarField>
  )
}

/**
 * An `<input>` on one filter (a date, an id, a currency). `clean` drops what the filter cannot
 * hold as it is typed, so the box never shows text the query ignores.
 */
export function ListInputFilter({
  list,
  filter,
  label,
  clean = (text) => text,
  ...input
}: {
  list: FilteredList
  filter: string
  label: string
  clean?: (text: string) => string
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'className' | 'inputMode' | 'maxLength' | 'placeholder'
>) {
  return (
    <ToolbarField label={label}>
      {(id) => (
        <input
          id={id}
          {...input}
          value={list.filters[filter] ?? ''}
          onChange={(e) => list.setFilter(filter, clean(e.target.value))}
        />
      )}
    </ToolbarField>
  )
}

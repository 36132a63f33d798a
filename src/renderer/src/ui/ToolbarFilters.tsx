import { ToolbarField } from './ToolbarField'

export interface FilterOption {
  value: string
  label: string
}

/** A toolbar `<select>` whose first, empty choice reads “Any …”. */
export function SelectFilter({
  label,
  value,
  onChange,
  anyLabel,
  options,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  anyLabel: string
  options: readonly FilterOption[]
}) {
  return (
    <ToolbarField label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
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

/** A toolbar free-text search box. */
export function SearchFilter({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder: string
}) {
  return (
    <ToolbarField label={label}>
      {(id) => (
        <input
          id={id}
          type="search"
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </ToolbarField>
  )
}

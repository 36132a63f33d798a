import { AffiliatePicker } from '../../components/AffiliatePicker'
import type { ParentChoice } from './affiliateForm'

interface ParentPickerProps {
  value: ParentChoice | null
  onChange: (value: ParentChoice | null) => void
  error?: string | undefined
}

/** Pick the upline affiliate by searching code, name or email (the server does the matching). */
export function ParentPicker({ value, onChange, error }: ParentPickerProps) {
  return (
    <AffiliatePicker
      label="Parent affiliate"
      optional
      value={value}
      onChange={onChange}
      error={error}
      pickVerb="use as parent"
      clearLabel="Remove parent"
      hint="The parent earns the campaign’s upline commission on this affiliate’s sales."
    />
  )
}

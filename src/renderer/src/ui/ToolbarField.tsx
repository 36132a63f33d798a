import { useId, type ReactNode } from 'react'

/** A compact labelled filter control. Labelled by id, not by wrapping, so its name is just the label. */
export function ToolbarField({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId()
  return (
    <div className="toolbar-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  )
}

/** Removes one row of an editable table; screen readers hear which row ("Remove level 2"). */
export function RemoveButton({ row, onRemove }: { row: string; onRemove: () => void }) {
  return (
    <button type="button" className="btn btn-small btn-ghost" onClick={onRemove}>
      Remove<span className="visually-hidden"> {row}</span>
    </button>
  )
}

import type { ReviewReason } from '../../../../shared/contract'
import { reasonDescription, reasonLabel } from '../../domain/reviewReasons'

/** Reasons as chips: the words on the chip, the numbers and points in its description. */
export function ReasonChips({ reasons }: { reasons: ReviewReason[] }) {
  if (reasons.length === 0) return <span className="cell-muted">No flags</span>
  return (
    <ul className="flag-list reason-chips" aria-label="Reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`} className="badge badge-flag" title={reasonDescription(r)}>
          {reasonLabel(r.code)}
          {r.weight !== null && r.weight !== undefined ? (
            <span className="chip-weight"> +{r.weight}</span>
          ) : null}
          {r.detail ? <span className="visually-hidden"> — {r.detail}</span> : null}
        </li>
      ))}
    </ul>
  )
}

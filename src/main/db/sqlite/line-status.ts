// What a commission line's status is, as the ledger and the screens see it. A payout item's hold on
// a line lives in payout_locks, not in the line (commit appends one narrow row per line instead of
// rewriting every wide ledger row), so "paid" is read here: an approved line a payout item holds,
// or a line paid before payouts existed (stored as 'paid', no lock). Every reader uses this one
// expression; the line alias is m.

/** True when a payout item holds line m. */
export const HELD = `EXISTS (SELECT 1 FROM payout_locks k WHERE k.commission_id = m.id)`

/** The line's status with the payout lock applied: pending, approved, paid or reversed. */
export const LINE_STATUS = `(CASE WHEN m.status = 'approved' AND ${HELD} THEN 'paid' ELSE m.status END)`

/**
 * True when no payout item holds line m, probing payout_locks only for lines at or below the newest
 * locked id: a line created after every lock cannot be held, and in a payout run those are most of
 * the lines (the probe is a B-tree seek per line, about half a pass over the ledger).
 */
export const UNHELD = `(m.id > (SELECT coalesce(max(commission_id), 0) FROM payout_locks) OR NOT ${HELD})`

import { useId, useState } from 'react'
import { PAYOUT_OUTCOMES, type PayoutOutcome } from '../../../../shared/domain'
import type { PayoutItem } from '../../../../shared/contract/payouts'
import { displayMoney } from '../../../../shared/money'
import { api, toApiError, type ApiError } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { Field } from '../../forms/Field'
import { useModalDialog } from '../../ui/useModalDialog'
import { OUTCOME_LABELS } from './payoutRules'

/** Marking an item by hand (the provider told finance by mail, a bank bounced it): always with a reason. */
export function MarkItemDialog({
  item,
  onDone,
  onCancel,
}: {
  item: PayoutItem
  onDone: (updated: PayoutItem) => void
  onCancel: () => void
}) {
  const modal = useModalDialog(onCancel)
  const titleId = useId()
  const [outcome, setOutcome] = useState<PayoutOutcome>(item.status === 'paid' ? 'returned' : 'paid')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const reasonMissing = reason.trim() === ''

  async function save() {
    setBusy(true)
    setError(null)
    try {
      onDone(await api.call('payouts.markItem', { itemId: item.id, outcome, reason: reason.trim() }))
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  return (
    <dialog {...modal} className="confirm-dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>
        Mark PI-{item.id} ({item.affiliateCode}, {displayMoney(item.amountMinor, item.currency)})
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!reasonMissing) void save()
        }}
      >
        <Field
          label="Outcome"
          hint="Failed, unclaimed and returned make the item's commission lines payable again."
        >
          {(control) => (
            <select
              {...control}
              value={outcome}
              onChange={(e) => setOutcome(e.target.value as PayoutOutcome)}
            >
              {PAYOUT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABELS[o]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Reason" hint="Kept in the audit log, e.g. “PayPal support confirmed by mail”.">
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <ErrorSummary error={error} action="Could not mark the item" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || reasonMissing}>
            {busy ? 'Saving…' : `Mark ${OUTCOME_LABELS[outcome].toLowerCase()}`}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  )
}

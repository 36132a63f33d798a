import { useId } from 'react'
import { useModalDialog } from '../../ui/useModalDialog'

const KEYS: [keys: string[], what: string][] = [
  [['j', '↓'], 'Next conversion'],
  [['k', '↑'], 'Previous conversion'],
  [['a'], 'Approve the focused conversion'],
  [['r'], 'Reject the focused conversion'],
  [['u'], 'Undo the last decision while it waits'],
  [['x'], 'Select or unselect the focused conversion (for the bulk buttons)'],
  [['?'], 'This help'],
]

/** The `?` help: every key, and how undo really works (a rejection is final once sent). */
export function KeysHelp({ undoSeconds, onClose }: { undoSeconds: number; onClose: () => void }) {
  const modal = useModalDialog(onClose)
  const titleId = useId()
  return (
    <dialog {...modal} className="confirm-dialog keys-help" aria-labelledby={titleId}>
      <h2 id={titleId}>Review keys</h2>
      <table className="plain-table">
        <caption className="visually-hidden">Keys and what they do</caption>
        <tbody>
          {KEYS.map(([keys, what]) => (
            <tr key={what}>
              <th scope="row">
                {keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' or ' : null}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <strong>How undo works.</strong> A rejection is final in the ledger, so a decision cannot be taken
        back once it is applied. Instead, your last decision waits {undoSeconds} seconds (the countdown above
        the list) before it is sent; <kbd>u</kbd> cancels it and the conversion comes back. Your next
        decision, <em>Send now</em>, or leaving this page sends it at once, so only the last decision can be
        undone.
      </p>
      <p>
        Keys do nothing while you type in a field. In the reason field, <kbd>Enter</kbd> or <kbd>Esc</kbd>{' '}
        returns to the list; the reason applies to the next decision, and a default reason is recorded when it
        is empty. Every decision is written to the audit log and the ledger.
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  )
}

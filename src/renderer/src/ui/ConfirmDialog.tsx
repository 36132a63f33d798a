import { useId, type ReactNode } from 'react'
import { useModalDialog } from './useModalDialog'

interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmLabel: string
  danger?: boolean
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A modal question before something that cannot be undone (rotating a secret, moving a subtree). */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  busy,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const modal = useModalDialog(onCancel)
  const titleId = useId()
  return (
    <dialog {...modal} className="confirm-dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="form-actions">
        <button
          type="button"
          className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
          disabled={busy}
          onClick={onConfirm}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          Cancel
        </button>
      </div>
    </dialog>
  )
}

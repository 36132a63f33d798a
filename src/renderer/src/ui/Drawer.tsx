import { useId, type ReactNode } from 'react'
import { useModalDialog } from './useModalDialog'

interface DrawerProps {
  title: string
  onClose: () => void
  children: ReactNode
  /** Room for tables (the conversion detail, the affiliate hierarchy). */
  wide?: boolean
}

/**
 * A side panel built on a modal <dialog>: the browser traps focus, closes on Escape and restores
 * focus afterwards, which a hand-rolled overlay would each have to reimplement.
 */
export function Drawer({ title, onClose, children, wide }: DrawerProps) {
  const modal = useModalDialog(onClose)
  const titleId = useId()
  return (
    <dialog {...modal} className={`drawer${wide ? ' drawer-wide' : ''}`} aria-labelledby={titleId}>
      <header className="drawer-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="drawer-body">{children}</div>
    </dialog>
  )
}

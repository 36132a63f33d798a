import { useEffect, useRef, type SyntheticEvent } from 'react'

/**
 * A `<dialog>` shown modal for as long as its component is mounted: the browser traps focus and
 * restores it afterwards. Escape asks the owner (`onDismiss`) instead of closing the element behind
 * React's back, so the owner unmounts it and the state stays the one truth.
 */
export function useModalDialog(onDismiss: () => void) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  return {
    ref,
    onCancel: (e: SyntheticEvent<HTMLDialogElement>) => {
      e.preventDefault()
      onDismiss()
    },
  }
}

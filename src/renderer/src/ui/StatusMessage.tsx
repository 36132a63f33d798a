/** Confirms an action ("Approved ACME") in a polite live region, so screen readers hear it too. */
export function StatusMessage({ text }: { text: string | null }) {
  return (
    <p className={`status-message${text ? '' : ' is-empty'}`} role="status">
      {text}
    </p>
  )
}

import { useState } from 'react'
import { api, describeSave, saveFile, toApiError } from '../api'

/**
 * An item's self-billing statement: a printable HTML page, saved (desktop) or downloaded (browser)
 * and opened from there. Not shown inside the app: the app's CSP would strip its print styles, and
 * a statement carries affiliate-supplied names best kept out of the app's own origin.
 */
export function StatementButton({ itemId, onDone }: { itemId: number; onDone: (message: string) => void }) {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost"
      disabled={busy}
      onClick={() => {
        setBusy(true)
        api
          .call('payouts.statement', { itemId })
          .then((s) =>
            saveFile({ name: s.fileName, mediaType: 'text/html', content: s.html }).then((o) =>
              onDone(describeSave(o, s.fileName)),
            ),
          )
          .catch((err: unknown) => onDone(`Could not get the statement: ${toApiError(err).message}`))
          .finally(() => setBusy(false))
      }}
    >
      Statement<span className="visually-hidden"> for item {itemId}</span>
    </button>
  )
}

import { useState } from 'react'
import { api, appInfoOnce, describeSave, saveFile, toApiError } from '../api'
import { useAsync } from '../api/useAsync'
import { statementFormats } from '../domain/statementFormats'

/**
 * An item's self-billing statement: a printable HTML page, saved (desktop) or downloaded (browser)
 * and opened from there. Not shown inside the app: the app's CSP would strip its print styles, and
 * a statement carries affiliate-supplied names best kept out of the app's own origin. Where the
 * shell can print (the desktop), the same statement also comes as a PDF, printed by the main process.
 */
export function StatementButton({ itemId, onDone }: { itemId: number; onDone: (message: string) => void }) {
  const [busy, setBusy] = useState(false)
  const shell = useAsync(appInfoOnce, 'app.info')
  const formats = statementFormats(shell.data)
  const run = (work: () => Promise<string>, failure: string) => {
    setBusy(true)
    work()
      .then(onDone)
      .catch((err: unknown) => onDone(`${failure}: ${toApiError(err).message}`))
      .finally(() => setBusy(false))
  }
  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-ghost"
        disabled={busy}
        onClick={() =>
          run(async () => {
            const s = await api.call('payouts.statement', { itemId })
            const outcome = await saveFile({ name: s.fileName, mediaType: 'text/html', content: s.html })
            return describeSave(outcome, s.fileName)
          }, 'Could not get the statement')
        }
      >
        Statement<span className="visually-hidden"> for item {itemId}</span>
      </button>
      {formats.includes('pdf') ? (
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={busy}
          onClick={() =>
            run(async () => {
              const r = await api.call('payouts.statementPdf', { itemId })
              return describeSave(
                r.saved && r.path !== null ? { kind: 'saved', path: r.path } : { kind: 'cancelled' },
                r.fileName,
              )
            }, 'Could not save the statement as PDF')
          }
        >
          PDF<span className="visually-hidden"> statement for item {itemId}</span>
        </button>
      ) : null}
    </>
  )
}

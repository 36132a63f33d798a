import { useState } from 'react'
import type { PayoutItem, PayoutRun } from '../../../shared/contract'
import type { PayoutProvider } from '../../../shared/domain'
import { api, toApiError, type ApiError } from '../api'
import { useAsync } from '../api/useAsync'
import { ErrorSummary } from '../forms/ErrorSummary'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { providerStateText, sendPreview } from '../domain/payoutProviders'

const NAME: Record<PayoutProvider, string> = { paypal: 'PayPal', wise: 'Wise' }
/** The run page's "Send via PayPal API / Wise API" buttons and "Refresh statuses". */
export function ProviderSendPanel({
  run,
  items,
  onDone,
}: {
  run: PayoutRun
  items: readonly PayoutItem[]
  onDone: () => void
}) {
  const providers = useAsync(() => api.call('payouts.providers.get', {}), 'payout-providers')
  const [confirming, setConfirming] = useState<PayoutProvider | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<{ action: string; error: ApiError } | null>(null)
  if (run.status === 'cancelled') return null

  async function act(key: string, action: string, fn: () => Promise<string>) {
    setBusy(key)
    setError(null)
    try {
      setNotice(await fn())
      onDone()
    } catch (err) {
      setError({ action, error: toApiError(err) })
    } finally {
      setBusy(null)
      setConfirming(null)
    }
  }

  const send = (provider: PayoutProvider) =>
    act(`send:${provider}`, `Could not send via the ${NAME[provider]} API`, async () => {
      const r = await api.call('payouts.send', { runId: run.id, provider })
      const parts = [`${NAME[provider]}: ${r.sent} sent`, `${r.alreadySent} already sent before`]
      if (r.skipped.length) parts.push(`${r.skipped.length} left alone (already in a file)`)
      if (r.problems.length)
        parts.push(
          `${r.problems.length} not sent: ${r.problems
            .map((p) => p.message)
            .slice(0, 3)
            .join('; ')}`,
        )
      return `${parts.join(', ')}.`
    })

  const refresh = () =>
    act('refresh', 'Could not read the statuses from the providers', async () => {
      const r = await api.call('payouts.refresh', { runId: run.id })
      return `Statuses read: ${r.applied} item${r.applied === 1 ? '' : 's'} updated, ${r.unchanged} unchanged${
        r.problems.length ? `, ${r.problems.length} problem(s): ${r.problems[0]!.message}` : ''
      }.`
    })

  const preview = confirming ? sendPreview(confirming, items) : null
  const status = (p: PayoutProvider) => providers.data?.providers.find((x) => x.provider === p)

  return (
    <section className="card payout-section" aria-labelledby="run-api">
      <h2 id="run-api" className="card-title">
        Send through a provider's API
      </h2>
      <p className="fieldset-hint">
        Instead of a file: the items go to the provider now and move to processing. Sending again never pays
        twice (each batch and transfer carries the same idempotency key every time).
      </p>
      <ErrorSummary error={error?.error} action={error?.action} />
      <div className="payout-files">
        {(['paypal', 'wise'] as const).map((p) => {
          const s = status(p)
          const n = sendPreview(p, items).count
          return (
            <button
              key={p}
              type="button"
              className="btn"
              disabled={busy !== null || !s?.configured || !s.readable || n === 0}
              onClick={() => setConfirming(p)}
            >
              {busy === `send:${p}` ? 'Sending…' : `Send via ${NAME[p]} API`}
              <span className="button-hint">
                {' '}
                {s ? providerStateText(s) : '…'} · {n} pending
              </span>
            </button>
          )
        })}
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void refresh()}>
          {busy === 'refresh' ? 'Reading…' : 'Refresh statuses from providers'}
        </button>
      </div>
      <span className="status-message" role="status">
        {notice}
      </span>
      {confirming && preview ? (
        <ConfirmDialog
          title={`Send ${preview.count} item${preview.count === 1 ? '' : 's'} via the ${NAME[confirming]} API?`}
          confirmLabel={`Send via ${NAME[confirming]} API`}
          busy={busy !== null}
          onCancel={() => setConfirming(null)}
          onConfirm={() => void send(confirming)}
        >
          <p>
            {preview.totals} to{' '}
            {status(confirming)?.sandbox ? 'the SANDBOX (test money)' : 'LIVE accounts (real money)'}. The
            items move to processing and this run can no longer be cancelled.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}

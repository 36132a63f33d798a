import { useState, type FormEvent } from 'react'
import type { PayoutProviderStatus } from '../../../shared/contract'
import type { PayoutProvider } from '../../../shared/domain'
import { api, toApiError, type ApiError } from '../api'
import { useAsync } from '../api/useAsync'
import { providerStateText } from '../domain/payoutProviders'
import { ErrorSummary } from '../forms/ErrorSummary'

const LABEL: Record<PayoutProvider, string> = { paypal: 'PayPal Payouts API', wise: 'Wise API' }

/**
 * Settings → Payout providers: API credentials go in and are sealed; they never come back, so the
 * form only says whether they are there and which host (sandbox or live) a send would use.
 */
export function PayoutProvidersSection() {
  const state = useAsync(() => api.call('payouts.providers.get', {}), 'payout-providers')
  return (
    <section className="card" aria-labelledby="payout-providers-heading">
      <h2 id="payout-providers-heading" className="card-title">
        Payout providers
      </h2>
      <p className="fieldset-hint">
        Credentials for sending payout runs through the providers' APIs instead of a file. They are stored
        encrypted and are never shown again; enter them anew to change them.
      </p>
      <ErrorSummary error={state.error} action="Could not load the payout providers" />
      {state.data?.providers.map((p) => (
        <ProviderForm key={`${p.provider}-${p.updatedAt ?? 0}`} status={p} onSaved={state.reload} />
      ))}
    </section>
  )
}

function ProviderForm({ status, onSaved }: { status: PayoutProviderStatus; onSaved: () => void }) {
  const [first, setFirst] = useState('')
  const [second, setSecond] = useState('')
  const [sandbox, setSandbox] = useState(status.sandbox)
  const [error, setError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const paypal = status.provider === 'paypal'
  const id = `provider-${status.provider}`

  async function save(clear: boolean) {
    setSaving(true)
    setError(null)
    try {
      const entered = first.trim() !== '' || second.trim() !== ''
      const base = { sandbox, ...(clear ? { clear: true as const } : {}) }
      const r = paypal
        ? await api.call('payouts.providers.update', {
            provider: 'paypal',
            ...base,
            ...(entered && !clear ? { credentials: { clientId: first, clientSecret: second } } : {}),
          })
        : await api.call('payouts.providers.update', {
            provider: 'wise',
            ...base,
            ...(entered && !clear ? { credentials: { apiToken: second, profileId: Number(first) } } : {}),
          })
      setNotice(`${LABEL[r.provider]}: ${providerStateText(r)}.`)
      onSaved()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form
      className="fieldset"
      aria-labelledby={`${id}-title`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault()
        void save(false)
      }}
    >
      <h3 id={`${id}-title`}>
        {LABEL[status.provider]} <span className="fieldset-hint">— {providerStateText(status)}</span>
      </h3>
      <ErrorSummary error={error} action={`Could not save the ${LABEL[status.provider]} settings`} />
      <div className="field">
        <label htmlFor={`${id}-first`}>{paypal ? 'Client id' : 'Profile id'}</label>
        <input
          id={`${id}-first`}
          autoComplete="off"
          inputMode={paypal ? 'text' : 'numeric'}
          value={first}
          onChange={(e) => setFirst(e.target.value)}
          placeholder={status.configured ? 'stored (enter to replace)' : ''}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-second`}>{paypal ? 'Client secret' : 'API token'}</label>
        <input
          id={`${id}-second`}
          type="password"
          autoComplete="off"
          value={second}
          onChange={(e) => setSecond(e.target.value)}
          placeholder={status.configured ? 'stored (enter to replace)' : ''}
        />
      </div>
      <div className="field">
        <label>
          <input type="checkbox" checked={sandbox} onChange={(e) => setSandbox(e.target.checked)} /> Sandbox
          (test money; untick for live payments)
        </label>
        <p className="fieldset-hint">
          Sends go to <code>{status.baseUrl}</code> now.
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : `Save ${LABEL[status.provider]}`}
        </button>
        {status.configured ? (
          <button type="button" className="btn" disabled={saving} onClick={() => void save(true)}>
            Forget credentials
          </button>
        ) : null}
        <span className="status-message" role="status">
          {notice}
        </span>
      </div>
    </form>
  )
}

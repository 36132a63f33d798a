import { useId, useState, type FormEvent } from 'react'
import type { Advertiser } from '../../../../shared/contract'
import { api, toApiError, type ApiError } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'

/**
 * After a restore on a machine without the key file, the advertiser's secret cannot be read, so
 * postbacks are refused. Re-entering the values the advertiser already uses keeps their tracker
 * working unchanged; rotating (in the setup panel, once readable) would mean sending new ones.
 */
export function SecretReentryPanel({
  advertiser,
  onDone,
}: {
  advertiser: Advertiser
  onDone: (a: Advertiser) => void
}) {
  const [secret, setSecret] = useState('')
  const [token, setToken] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  const secretId = useId()
  const tokenId = useId()

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    setSaving(true)
    setError(null)
    try {
      onDone(await api.call('advertisers.replaceSecret', { id: advertiser.id, secret, token }))
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <section className="card" aria-labelledby="secret-reentry-heading">
      <h2 id="secret-reentry-heading" className="card-title">
        Postback secret needed
      </h2>
      <p className="storage-alert" role="alert">
        This advertiser’s postback secret was sealed with another machine’s key, so its postbacks are refused
        (403). Put that machine’s key file back, or enter the secret and token the advertiser already uses.
      </p>
      <form
        className="form"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-label="Re-enter the postback secret"
      >
        <ErrorSummary error={error} action="Could not save the secret" />
        <div className="form-grid">
          <label htmlFor={secretId}>Postback secret</label>
          <input
            id={secretId}
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
          <label htmlFor={tokenId}>Postback token</label>
          <input
            id={tokenId}
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </div>
        <div className="form-actions card-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save secret'}
          </button>
        </div>
      </form>
    </section>
  )
}

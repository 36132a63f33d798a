import { useId, useState } from 'react'
import type { Advertiser, MethodOutput, PostbackSetup } from '../../../../shared/contract'
import { api, toApiError, type ApiError } from '../../api'
import { useAsync } from '../../api/useAsync'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { CopyButton } from '../../ui/CopyButton'
import { PublicUrlNotice } from '../../ui/PublicUrlNotice'
import { StatusMessage } from '../../ui/StatusMessage'
import { signingLabel } from './AdvertiserQuickForm'

type TestResult = MethodOutput<'advertisers.sendTestPostback'>

const LANGUAGE_LABEL: Record<string, string> = { node: 'Node.js', python: 'Python', curl: 'curl' }

/** Everything to hand the advertiser, plus the two buttons that check and rotate it. */
export function PostbackSetupPanel({ advertiser }: { advertiser: Advertiser }) {
  const setup = useAsync(
    () => api.call('advertisers.postbackSetup', { id: advertiser.id }),
    `postback-setup:${advertiser.id}`,
  )
  return (
    <section className="card" aria-labelledby="postback-heading">
      <h2 id="postback-heading" className="card-title">
        Postback setup
      </h2>
      {setup.data ? (
        <SetupView setup={setup.data} onRotated={setup.reload} advertiser={advertiser} />
      ) : setup.error ? (
        <ErrorSummary error={setup.error} action="Could not load the postback setup" />
      ) : (
        <p className="loading-text">Loading…</p>
      )}
    </section>
  )
}

function SetupView({
  setup,
  advertiser,
  onRotated,
}: {
  setup: PostbackSetup
  advertiser: Advertiser
  onRotated: () => void
}) {
  const urlId = useId()
  const [confirming, setConfirming] = useState(false)
  const [rotating, setRotating] = useState(false)
  const [rotateError, setRotateError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const usesToken = setup.signingMode === 'token'

  async function rotate() {
    setRotating(true)
    setRotateError(null)
    try {
      await api.call('advertisers.rotateSecret', { id: advertiser.id })
      setConfirming(false)
      setNotice('New secret and token issued. The old ones no longer work.')
      onRotated()
    } catch (err) {
      setRotateError(toApiError(err))
      setConfirming(false)
    } finally {
      setRotating(false)
    }
  }

  return (
    <div className="setup">
      <p className="fieldset-hint">
        Signing: <strong>{signingLabel(setup.signingMode)}</strong>. Give the advertiser the URL below and{' '}
        {usesToken ? 'the token' : 'the secret'}; their tracker fills in the {'{macros}'}.
      </p>

      <PublicUrlNotice />
      <div className="setup-block">
        <p className="setup-label" id={`${urlId}-label`}>
          Postback URL template
        </p>
        <div className="code-row">
          <code id={urlId} className="code-inline" aria-labelledby={`${urlId}-label`}>
            {setup.postbackUrl}
          </code>
          <CopyButton text={setup.postbackUrl} label="postback URL" targetId={urlId} />
        </div>
      </div>

      <div className="form-grid">
        {/* Keyed by value: a rotated secret starts masked again. */}
        <SecretValue
          key={`secret:${setup.secret}`}
          label="Secret (HMAC key)"
          value={setup.secret}
          testId="postback-secret"
          note={usesToken ? 'Not used in token mode.' : 'Signs every postback. Keep it private.'}
        />
        <SecretValue
          key={`token:${setup.token}`}
          label="Token"
          value={setup.token}
          testId="postback-token"
          note={
            usesToken
              ? 'Sent in the X-Postback-Token header of every postback (or as token in a POST body), not in the URL: tunnels log URLs.'
              : 'Only used in token mode.'
          }
        />
      </div>

      <div className="setup-block">
        <p className="setup-label">How to sign</p>
        <ol className="recipe">
          {setup.recipe.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </div>

      <Snippets snippets={setup.snippets} />

      <div className="setup-actions">
        <TestPostback advertiserId={advertiser.id} />
        <div className="setup-rotate">
          <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)}>
            Rotate secret
          </button>
          <StatusMessage text={notice} />
        </div>
      </div>
      <ErrorSummary error={rotateError} action="Could not rotate the secret" />
      {confirming ? (
        <ConfirmDialog
          title="Rotate the postback secret?"
          confirmLabel="Rotate secret and token"
          danger
          busy={rotating}
          onConfirm={rotate}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {advertiser.name} gets a new secret and token. Postbacks signed with the old ones are refused from
            then on, so the advertiser must update their tracker right away.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  )
}

function SecretValue({
  label,
  value,
  note,
  testId,
}: {
  label: string
  value: string
  note: string
  testId: string
}) {
  const [shown, setShown] = useState(false)
  const id = useId()
  return (
    <div className="field">
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="code-row">
        {value === '' ? (
          <span className="cell-muted">none</span>
        ) : (
          <code
            id={id}
            className={`code-inline secret${shown ? '' : ' is-masked'}`}
            aria-labelledby={`${id}-label`}
            data-testid={shown ? testId : undefined}
          >
            {shown ? value : '•'.repeat(24)}
          </code>
        )}
        {value !== '' ? (
          <>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              aria-pressed={shown}
              onClick={() => setShown((s) => !s)}
            >
              {shown ? 'Hide' : 'Show'}
              <span className="visually-hidden"> {label}</span>
            </button>
            <CopyButton text={value} label={label} targetId={shown ? id : undefined} />
          </>
        ) : null}
      </div>
      <p className="field-hint">{note}</p>
    </div>
  )
}

function Snippets({ snippets }: { snippets: PostbackSetup['snippets'] }) {
  const [active, setActive] = useState(0)
  const codeId = useId()
  const current = snippets[Math.min(active, snippets.length - 1)]
  if (!current) return null
  return (
    <div className="setup-block">
      <div className="snippet-head">
        <p className="setup-label">Code for the advertiser</p>
        <div className="segmented" role="group" aria-label="Snippet language">
          {snippets.map((s, i) => (
            <button
              key={s.language}
              type="button"
              className={`segment${i === active ? ' active' : ''}`}
              aria-pressed={i === active}
              onClick={() => setActive(i)}
            >
              {LANGUAGE_LABEL[s.language] ?? s.language}
            </button>
          ))}
        </div>
        <CopyButton text={current.code} label={`${current.language} snippet`} targetId={codeId} />
      </div>
      <pre className="code-block">
        <code id={codeId}>{current.code}</code>
      </pre>
    </div>
  )
}

function TestPostback({ advertiserId }: { advertiserId: number }) {
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<TestResult | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  async function run() {
    setRunning(true)
    setError(null)
    setResult(null)
    try {
      setResult(await api.call('advertisers.sendTestPostback', { id: advertiserId }))
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setRunning(false)
    }
  }

  return (
    <div className="test-postback">
      <button type="button" className="btn btn-primary" onClick={run} disabled={running}>
        {running ? 'Sending…' : 'Send test postback'}
      </button>
      <p className="field-hint">
        Makes a real click on one of this advertiser’s links and sends a signed postback with status
        “rejected” through the listener, so it shows in Conversions but never pays anyone.
      </p>
      <ErrorSummary error={error} action="Could not send the test postback" />
      {result ? (
        <div className={`test-result ${result.ok ? 'is-ok' : 'is-failed'}`} role="status">
          <p className="test-result-title">{result.ok ? 'Test postback accepted' : 'Test postback failed'}</p>
          <ol className="test-steps" aria-label="Test steps">
            {result.steps.map((s, i) => (
              <li key={`${i}:${s.step}`} className={s.ok ? 'step-ok' : 'step-failed'}>
                <span className="step-mark" aria-hidden="true">
                  {s.ok ? '✓' : '✗'}
                </span>
                <span className="visually-hidden">{s.ok ? 'OK: ' : 'Failed: '}</span>
                <code className="step-name">{s.step}</code>
                <span className="step-detail">{s.detail}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  )
}

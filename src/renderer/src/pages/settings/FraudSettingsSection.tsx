import { useState, type FormEvent } from 'react'
import type { FraudModelStatus, FraudSettingsView } from '../../../../shared/contract'
import { fraudSettingsSchema, type FraudSettings } from '../../../../shared/fraud-settings'
import { api } from '../../api'
import { useAsync } from '../../api/useAsync'
import { ErrorSummary } from '../../forms/ErrorSummary'

/** Every rule in the order the engine checks them, with what it looks for in plain words. */
const RULES: { key: keyof FraudSettings['rules']; label: string; help: string }[] = [
  {
    key: 'clickFlood',
    label: 'Click flooding',
    help: 'Too many clicks from one IP in an hour; those clicks are flagged.',
  },
  { key: 'ipVelocity', label: 'IP conversion velocity', help: 'Too many conversions from one IP in 24 h.' },
  {
    key: 'selfReferral',
    label: 'Self-referral',
    help: "The customer's email, IP or device is the affiliate's own.",
  },
  {
    key: 'disposableEmail',
    label: 'Disposable email',
    help: 'Throwaway email domains (maintained list, with your overrides).',
  },
  { key: 'clickInjection', label: 'Click injection', help: 'A conversion implausibly soon after its click.' },
  {
    key: 'cookieStuffing',
    label: 'Cookie stuffing',
    help: 'A click from a hidden page, or without a referer.',
  },
  {
    key: 'fingerprintReuse',
    label: 'Fingerprint reuse',
    help: 'One device converting too often, or for several affiliates.',
  },
  { key: 'bot', label: 'Bots', help: 'Known bot, headless or missing user agent.' },
  { key: 'datacenter', label: 'Datacenter networks', help: 'Hosting ASNs (needs the ASN database below).' },
  {
    key: 'geoMismatch',
    label: 'Geo mismatch',
    help: 'The click and the conversion come from different countries.',
  },
  {
    key: 'lowTrust',
    label: 'Low-trust source',
    help: 'Browser-reported (weight) or token-only (token weight) conversions.',
  },
]

/** Field names as the form shows them. */
const FIELD_LABELS: Record<string, string> = {
  weight: 'Weight',
  maxClicksPerHour: 'Clicks / hour',
  maxConversionsPer24h: 'Conversions / 24 h',
  minSecondsAfterClick: 'Min. seconds after click',
  noRefererWeight: 'No-referer weight',
  maxAffiliates: 'Affiliates / 24 h',
  tokenWeight: 'Token weight',
  allowDomains: 'Allowed domains',
  denyDomains: 'Denied domains',
  extraAsns: 'Extra hosting ASNs',
}

type Draft = { settings: FraudSettings; asnFile: string }

async function loadFraud(): Promise<{ view: FraudSettingsView; status: FraudModelStatus }> {
  const [view, status] = await Promise.all([
    api.call('fraud.settings.get', {}),
    api.call('fraud.model.status', {}),
  ])
  return { view, status }
}

export function FraudSettingsSection() {
  const data = useAsync(loadFraud, 'fraud-settings')
  if (data.error) return <ErrorSummary error={data.error} action="Could not load the fraud settings" />
  if (!data.data) return <p className="loading-text">Loading…</p>
  return <FraudForm view={data.data.view} status={data.data.status} />
}

function FraudForm({ view, status: initialStatus }: { view: FraudSettingsView; status: FraudModelStatus }) {
  const [draft, setDraft] = useState<Draft>({ settings: view.settings, asnFile: view.asnFile ?? '' })
  const [asnError, setAsnError] = useState(view.asnError)
  const [status, setStatus] = useState(initialStatus)
  const [problem, setProblem] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const setRule = (key: keyof FraudSettings['rules'], field: string, value: unknown) =>
    setDraft((d) => ({
      ...d,
      settings: {
        ...d.settings,
        rules: { ...d.settings.rules, [key]: { ...d.settings.rules[key], [field]: value } },
      },
    }))
  const setTop = (field: 'reviewThreshold' | 'rejectThreshold' | 'minDecisionsForModel', value: number) =>
    setDraft((d) => ({ ...d, settings: { ...d.settings, [field]: value } }))

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    setNotice(null)
    const parsed = fraudSettingsSchema.safeParse(draft.settings)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      setProblem(`${issue.path.join(' → ')}: ${issue.message}`)
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      const asnFile = draft.asnFile.trim() === '' ? null : draft.asnFile.trim()
      const next = await api.call('fraud.settings.update', { settings: parsed.data, asnFile })
      setDraft({ settings: next.settings, asnFile: next.asnFile ?? '' })
      setAsnError(next.asnError)
      setStatus(await api.call('fraud.model.status', {}))
      setNotice('Saved. New thresholds apply to conversions that arrive from now on.')
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  async function train() {
    setBusy(true)
    try {
      const r = await api.call('fraud.model.train', {})
      setStatus(r.status)
      setNotice(r.message)
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const s = draft.settings
  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Fraud detection">
      <section className="card" aria-labelledby="fraud-heading">
        <h2 id="fraud-heading" className="card-title">
          Fraud detection
        </h2>
        <p className="fieldset-hint">
          Each rule that trips adds its weight to a 0–100 risk score. At the review threshold a conversion
          waits for a manager; at the reject threshold it is rejected. Everything runs on this machine.
        </p>
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="form-grid">
          <NumberField
            label="Review threshold"
            value={s.reviewThreshold}
            onChange={(v) => setTop('reviewThreshold', v)}
          />
          <NumberField
            label="Reject threshold"
            hint="101 = never reject automatically."
            value={s.rejectThreshold}
            onChange={(v) => setTop('rejectThreshold', v)}
          />
          <NumberField
            label="Decisions before the model"
            value={s.minDecisionsForModel}
            onChange={(v) => setTop('minDecisionsForModel', v)}
          />
        </div>
        <div className="table-wrap">
          <table className="plain-table" aria-label="Fraud rules">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">On</th>
                <th scope="col">Weight and limits</th>
              </tr>
            </thead>
            <tbody>
              {RULES.map((r) => {
                const rule = s.rules[r.key] as Record<string, unknown>
                return (
                  <tr key={r.key}>
                    <th scope="row">
                      {r.label}
                      <div className="field-hint">{r.help}</div>
                    </th>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${r.label} on`}
                        checked={rule.enabled === true}
                        onChange={(e) => setRule(r.key, 'enabled', e.target.checked)}
                      />
                    </td>
                    <td>
                      {Object.entries(rule)
                        .filter(([field]) => field !== 'enabled')
                        .map(([field, value]) =>
                          Array.isArray(value) ? (
                            <ListField
                              key={field}
                              label={`${r.label}: ${FIELD_LABELS[field] ?? field}`}
                              value={value as (string | number)[]}
                              numbers={field === 'extraAsns'}
                              onChange={(v) => setRule(r.key, field, v)}
                            />
                          ) : (
                            <NumberField
                              key={field}
                              label={`${FIELD_LABELS[field] ?? field}`}
                              ariaLabel={`${r.label}: ${FIELD_LABELS[field] ?? field}`}
                              value={value as number}
                              onChange={(v) => setRule(r.key, field, v)}
                            />
                          ),
                        )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        <div className="form-grid">
          <label className="field span-2">
            <span className="field-label">ASN database file</span>
            <input
              className="input"
              value={draft.asnFile}
              placeholder="/path/to/GeoLite2-ASN.mmdb"
              onChange={(e) => setDraft((d) => ({ ...d, asnFile: e.target.value }))}
            />
            <span className="field-hint">
              A GeoLite2-ASN (or compatible) .mmdb for the datacenter rule. Empty: the rule reads no ASN.
            </span>
            {asnError ? <span className="field-error">{asnError}</span> : null}
          </label>
        </div>
        <dl className="facts">
          <dt>Learned score</dt>
          <dd data-testid="fraud-model-status">{status.message}</dd>
        </dl>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Save fraud settings
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void train()}>
            Train now
          </button>
          <span className="status-message" role="status">
            {notice}
          </span>
        </div>
      </section>
    </form>
  )
}

function NumberField(props: {
  label: string
  ariaLabel?: string
  hint?: string
  value: number
  onChange: (v: number) => void
}) {
  return (
    <label className="field field-narrow">
      <span className="field-label">{props.label}</span>
      <input
        className="input"
        inputMode="numeric"
        aria-label={props.ariaLabel}
        value={Number.isFinite(props.value) ? String(props.value) : ''}
        onChange={(e) => props.onChange(e.target.value.trim() === '' ? NaN : Number(e.target.value))}
      />
      {props.hint ? <span className="field-hint">{props.hint}</span> : null}
    </label>
  )
}

function ListField(props: {
  label: string
  value: (string | number)[]
  numbers: boolean
  onChange: (v: (string | number)[]) => void
}) {
  const [text, setText] = useState(props.value.join('\n'))
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <textarea
        className="input"
        rows={2}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          const items = e.target.value
            .split(/[\s,]+/)
            .map((x) => x.trim())
            .filter((x) => x !== '')
          props.onChange(props.numbers ? items.map(Number) : items)
        }}
      />
      <span className="field-hint">One per line.</span>
    </label>
  )
}

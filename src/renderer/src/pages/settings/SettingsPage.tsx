import { useState, type FormEvent } from 'react'
import type { MethodOutput, Settings } from '../../../../shared/contract'
import { api } from '../../api'
import { useAsync } from '../../api/useAsync'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { CurrencyField, SelectField, TextAreaField, TextField } from '../../forms/BoundFields'
import { useSaveForm, validInput } from '../../forms/useSaveForm'
import { RemoveButton } from '../../forms/RemoveButton'
import { PayoutProvidersSection } from '../../components/PayoutProvidersSection'
import { PageHeader } from '../../ui/PageHeader'
import { BackupsSection } from './BackupsSection'
import { FraudSettingsSection } from './FraudSettingsSection'
import { newRowKey } from '../../domain/planForm'
import { displayMoney } from '../../../../shared/money'
import {
  minPayoutRowPath,
  settingsToForm,
  TAX_THRESHOLD_CURRENCY,
  toSettingsUpdate,
  type MinPayoutRow,
  type SettingsFormValues,
} from './settingsForm'

type AppInfo = MethodOutput<'app.info'>

interface RadioOption<V extends string> {
  value: V
  label: string
  help: string
}

/** One choice among a few, each with a sentence saying what it means; the fieldset gives the legend. */
function RadioOptions<V extends string>(props: {
  name: string
  options: readonly RadioOption<V>[]
  value: V
  onChange: (value: V) => void
  error: string | undefined
}) {
  return (
    <>
      {props.options.map((d) => (
        <label key={d.value} className="radio-option">
          <input
            type="radio"
            name={props.name}
            value={d.value}
            checked={props.value === d.value}
            onChange={() => props.onChange(d.value)}
          />
          <span>
            <strong>{d.label}</strong> — {d.help}
          </span>
        </label>
      ))}
      {props.error ? <p className="field-error">{props.error}</p> : null}
    </>
  )
}

const DURABILITY: RadioOption<Settings['durability']>[] = [
  {
    value: 'normal',
    label: 'Normal',
    help: 'Survives an app crash; the last moments of work can be lost if the machine loses power. Fast.',
  },
  {
    value: 'full',
    label: 'Full',
    help: 'Also survives power loss: every change is on disk before it is confirmed. Slower under heavy traffic.',
  },
]

const DECIMAL_STYLE: RadioOption<Settings['paypalDecimalStyle']>[] = [
  {
    value: 'dot',
    label: 'Dot: 5.45',
    help: 'Five forty-five is written 5.45, as US, UK and many other PayPal accounts expect.',
  },
  {
    value: 'comma',
    label: 'Comma: 5,45',
    help: 'Written "5,45" (quoted in the file), as Italian and many other European PayPal accounts expect.',
  },
]

const TUNNEL: { value: Settings['tunnelKind']; label: string; help: string }[] = [
  {
    value: 'cloudflared',
    label: 'Cloudflare Tunnel (cloudflared)',
    help: 'The visitor’s address comes from CF-Connecting-IP, which only Cloudflare’s edge sets, when a trusted proxy (the local cloudflared) passes the request on.',
  },
  {
    value: 'ngrok',
    label: 'ngrok',
    help: 'The visitor’s address comes from X-Forwarded-For (the right-most hop that is not a trusted proxy); CF-Connecting-IP is ignored, because anyone can send it through ngrok.',
  },
  {
    value: 'proxy',
    label: 'Other reverse proxy',
    help: 'Your own nginx, Caddy or similar: X-Forwarded-For from a trusted proxy is read as for ngrok; CF-Connecting-IP is ignored.',
  },
  {
    value: 'none',
    label: 'None (direct)',
    help: 'Visitors connect straight to this machine: only the connection’s own address counts, and every forwarding header is ignored.',
  },
]

async function loadSettings(): Promise<{ info: AppInfo; settings: Settings }> {
  const [info, settings] = await Promise.all([api.call('app.info', {}), api.call('settings.get', {})])
  return { info, settings }
}

export function SettingsPage() {
  const data = useAsync(loadSettings, 'settings-page')
  return (
    <div className="page page-narrow">
      <PageHeader
        title="Settings"
        description="Where your data lives and how the tracking listener is reached."
      />
      {data.data ? (
        <SettingsForm info={data.data.info} initial={data.data.settings} />
      ) : data.error ? (
        <ErrorSummary error={data.error} action="Could not load the settings" />
      ) : (
        <p className="loading-text">Loading…</p>
      )}
      <FraudSettingsSection />
    </div>
  )
}

function SettingsForm({ info, initial }: { info: AppInfo; initial: Settings }) {
  const [saved, setSaved] = useState(initial)
  const { form, values, setValues, set, errors, error, saving, submit } = useSaveForm<SettingsFormValues>(
    () => settingsToForm(initial),
  )
  const [notice, setNotice] = useState<string | null>(null)

  async function save(): Promise<Settings | null> {
    const input = validInput('settings.update', toSettingsUpdate(saved, values))
    return Object.keys(input).length === 0 ? null : api.call('settings.update', input)
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    setNotice(null)
    void submit(save, (next) => {
      if (next === null) {
        setNotice('Nothing changed.')
        return
      }
      setSaved(next)
      setValues(settingsToForm(next))
      setNotice('Saved.')
    })
  }

  return (
    <>
      <section className="card" aria-labelledby="storage-heading">
        <h2 id="storage-heading" className="card-title">
          Data
        </h2>
        <dl className="facts">
          <dt>Data folder</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
          <dt>Database file</dt>
          <dd>
            <code>{info.dbFile}</code>
          </dd>
          <dt>Listener</dt>
          <dd>{info.listenerUrl ? <code>{info.listenerUrl}</code> : 'Not running'}</dd>
          <dt>Version</dt>
          <dd>
            {info.version} · {info.shell === 'electron' ? 'desktop app' : 'headless (browser)'}
          </dd>
        </dl>
        <p className="fieldset-hint">
          All records live in that one database. Backups below copy it safely while the app runs; copying the
          folder by hand while the app runs can capture a half-written state.
        </p>
      </section>

      <BackupsSection initial={initial} />

      <form className="form" onSubmit={onSubmit} noValidate aria-label="Settings">
        <ErrorSummary
          error={error}
          placedPaths={[
            'listenerPort',
            'publicBaseUrl',
            'trustedProxies',
            'tunnelKind',
            'durability',
            'defaultCurrency',
            'clicksPerMinutePerIp',
            'postbacksPerMinutePerIp',
            'geoipFile',
            'timeZone',
            'minPayoutMinor',
            'minPayoutByCurrency',
            ...values.minPayouts.flatMap((_, i) => [
              minPayoutRowPath(i, 'currency'),
              minPayoutRowPath(i, 'amount'),
            ]),
            'paypalDecimalStyle',
            'taxThresholdMinor',
          ]}
          action="Could not save the settings"
          focusOnShow
        />
        <section className="card" aria-labelledby="listener-heading">
          <h2 id="listener-heading" className="card-title">
            Tracking listener
          </h2>
          <div className="form-grid">
            <TextField
              form={form}
              name="listenerPort"
              label="Listener port"
              hint={`The port that receives clicks and postbacks, on ${saved.listenerHost}.`}
              inputMode="numeric"
            />
            <TextField
              form={form}
              name="publicBaseUrl"
              label="Public base URL"
              className="span-2"
              hint={
                <>
                  The address visitors and advertisers reach this machine at, used in tracking links and
                  postback URLs. Run a tunnel such as{' '}
                  <code>cloudflared tunnel --url http://localhost:{saved.listenerPort}</code> or{' '}
                  <code>ngrok http {saved.listenerPort}</code> and paste the https URL it prints.
                </>
              }
              type="url"
              placeholder="https://track.example.com"
            />
            <TextAreaField
              form={form}
              name="trustedProxies"
              label="Trusted proxies"
              error={
                errors.trustedProxies ??
                Object.entries(errors).find(([k]) => k.startsWith('trustedProxies.'))?.[1]
              }
              className="span-2"
              hint="One IP or CIDR per line. Only these may set the forwarding header the tunnel below writes, e.g. 127.0.0.1 for a local tunnel daemon."
              rows={3}
            />
            <SelectField
              form={form}
              name="tunnelKind"
              label="Tunnel"
              className="span-2"
              hint={TUNNEL.find((t) => t.value === values.tunnelKind)?.help}
            >
              {TUNNEL.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </SelectField>
            <TextField
              form={form}
              name="clicksPerMinutePerIp"
              label="Clicks per minute per IP"
              hint="Clicks above it are still recorded and redirected, but flagged; past four times it they are redirected and only counted, so a flood cannot fill the disk. Raise it behind a tunnel that puts many visitors on one address."
              inputMode="numeric"
            />
            <TextField
              form={form}
              name="postbacksPerMinutePerIp"
              label="Postbacks per minute per IP"
              hint="Postbacks above it get 429; advertisers’ servers retry."
              inputMode="numeric"
            />
            <TextField
              form={form}
              name="geoipFile"
              label="GeoIP database file"
              optional
              className="span-2"
              hint="A MaxMind-format country database (.mmdb) to use instead of the bundled IP2Location LITE data. Empty: the bundled data."
              placeholder="/path/to/GeoLite2-Country.mmdb"
            />
          </div>
        </section>

        <section className="card" aria-labelledby="ledger-heading">
          <h2 id="ledger-heading" className="card-title">
            Ledger
          </h2>
          <fieldset className="fieldset fieldset-plain">
            <legend>Durability</legend>
            <RadioOptions
              name="durability"
              options={DURABILITY}
              value={values.durability}
              onChange={(v) => set('durability', v)}
              error={errors.durability}
            />
          </fieldset>
          <div className="form-grid">
            <CurrencyField
              form={form}
              name="defaultCurrency"
              label="Default currency"
              hint="Preselected for new campaigns and affiliates."
            />
            <TextField
              form={form}
              name="timeZone"
              label="Program time zone"
              hint="Where months begin for tiers and recurring periods: an IANA name such as UTC, Europe/Berlin or America/New_York."
              autoComplete="off"
            />
          </div>
        </section>

        <section className="card" aria-labelledby="payouts-heading">
          <h2 id="payouts-heading" className="card-title">
            Payouts
          </h2>
          <div className="form-grid">
            <TextField
              form={form}
              name="minPayout"
              errorPath="minPayoutMinor"
              label={`Minimum payout (default, ${saved.defaultCurrency})`}
              hint={`An affiliate whose payable money in a currency is below its minimum waits for a later run. Currencies without a minimum of their own below use this one as the same count of smallest units: ${defaultMinimumExamples(saved.minPayoutMinor)}. An affiliate’s own minimum replaces it in the affiliate’s payout currency.`}
              inputMode="decimal"
            />
            <TextField
              form={form}
              name="taxThreshold"
              errorPath="taxThresholdMinor"
              label={`Yearly tax-report threshold (${TAX_THRESHOLD_CURRENCY})`}
              hint="Affiliates paid this much or more in a year are flagged in the yearly totals, e.g. 600.00 for the US 1099 form."
              inputMode="decimal"
            />
          </div>
          <MinPayoutRows
            rows={values.minPayouts}
            onChange={(rows) => set('minPayouts', rows)}
            errors={errors}
          />
          <fieldset className="fieldset fieldset-plain">
            <legend>PayPal amounts</legend>
            <p className="fieldset-hint">
              How amounts are written in the PayPal upload file. It must match the number style of the PayPal
              account that sends the payouts (a US sender writes 5.45, an Italian one 5,45): PayPal checks the
              upload and refuses the other style.
            </p>
            <RadioOptions
              name="paypalDecimalStyle"
              options={DECIMAL_STYLE}
              value={values.paypalDecimalStyle}
              onChange={(v) => set('paypalDecimalStyle', v)}
              error={errors.paypalDecimalStyle}
            />
          </fieldset>
        </section>

        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          <span className="status-message" role="status">
            {notice}
          </span>
        </div>
      </form>
      <PayoutProvidersSection />
    </>
  )
}

/** What the one default means in a few currencies of different decimals. */
function defaultMinimumExamples(minor: number): string {
  return ['USD', 'JPY', 'KWD'].map((c) => displayMoney(minor, c)).join(', ')
}

/** The program's minimum per currency: one row per currency, its amount typed in that currency. */
function MinPayoutRows({
  rows,
  onChange,
  errors,
}: {
  rows: MinPayoutRow[]
  onChange: (rows: MinPayoutRow[]) => void
  errors: Record<string, string>
}) {
  const update = (key: number, patch: Partial<MinPayoutRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  return (
    <fieldset className="fieldset">
      <legend>Minimum per currency</legend>
      <p className="fieldset-hint">
        A minimum of its own for a currency, typed in that currency (5000 for yen, 25.00 for dollars), used
        instead of the default above.
      </p>
      {errors.minPayoutByCurrency ? <p className="field-error">{errors.minPayoutByCurrency}</p> : null}
      {rows.length > 0 ? (
        <table className="rows-table">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col">Minimum</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const currencyError = errors[minPayoutRowPath(i, 'currency')]
              const amountError = errors[minPayoutRowPath(i, 'amount')]
              const name = row.currency.trim().toUpperCase() || `row ${i + 1}`
              return (
                <tr key={row.key}>
                  <td>
                    <input
                      aria-label={`Currency of minimum ${i + 1}`}
                      className="input-currency"
                      maxLength={3}
                      value={row.currency}
                      aria-invalid={currencyError ? true : undefined}
                      onChange={(e) => update(row.key, { currency: e.target.value.toUpperCase() })}
                    />
                    {currencyError ? <p className="field-error">{currencyError}</p> : null}
                  </td>
                  <td>
                    <input
                      aria-label={`Minimum in ${name}`}
                      inputMode="decimal"
                      value={row.amount}
                      aria-invalid={amountError ? true : undefined}
                      onChange={(e) => update(row.key, { amount: e.target.value })}
                    />
                    {amountError ? <p className="field-error">{amountError}</p> : null}
                  </td>
                  <td>
                    <RemoveButton
                      row={`the minimum in ${name}`}
                      onRemove={() => onChange(rows.filter((r) => r.key !== row.key))}
                    />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : null}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onChange([...rows, { key: newRowKey(), currency: '', amount: '' }])}
      >
        Add a currency
      </button>
    </fieldset>
  )
}

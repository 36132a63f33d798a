import { useState, type FormEvent } from 'react'
import type { Advertiser } from '../../../../shared/contract'
import { api, ApiError } from '../../api'
import { useAsync } from '../../api/useAsync'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { SelectField, TextAreaField, TextField } from '../../forms/BoundFields'
import { useSaveForm, validInput } from '../../forms/useSaveForm'
import { href } from '../../router/routes'
import { PageHeader } from '../../ui/PageHeader'
import { StatusMessage } from '../../ui/StatusMessage'
import {
  advertiserToForm,
  listFieldError,
  placedPaths,
  toAdvertiserUpdate,
  type AdvertiserFormValues,
} from './advertiserForm'
import { SIGNING_OPTIONS } from './AdvertiserQuickForm'
import { PostbackSetupPanel } from './PostbackSetupPanel'
import { SecretReentryPanel } from './SecretReentryPanel'

const FIELDS = ['name', 'signingMode', 'allowedIps', 'allowedOrigins'] as const

// The contract has no advertisers.get; the list is small (one row per business), so we pick from it.
async function loadAdvertiser(id: number): Promise<Advertiser> {
  const found = (await api.call('advertisers.list', {})).find((a) => a.id === id)
  if (!found) throw new ApiError('not_found', `Advertiser ${id} does not exist`)
  return found
}

export function AdvertiserPage({ id }: { id: number }) {
  const data = useAsync(() => loadAdvertiser(id), `advertiser:${id}`)
  const [saved, setSaved] = useState<Advertiser | null>(null)
  const advertiser = saved ?? data.data
  return (
    <div className="page page-narrow">
      <PageHeader
        title={advertiser?.name ?? 'Advertiser'}
        description={<a href={href.advertisers()}>← All advertisers</a>}
      />
      {advertiser ? (
        <>
          <AdvertiserForm advertiser={advertiser} onSaved={setSaved} />
          {advertiser.secretReadable ? (
            <PostbackSetupPanel key={advertiser.signingMode} advertiser={advertiser} />
          ) : (
            <SecretReentryPanel advertiser={advertiser} onDone={setSaved} />
          )}
        </>
      ) : data.error ? (
        <ErrorSummary error={data.error} action="Could not open the advertiser" />
      ) : (
        <p className="loading-text">Loading…</p>
      )}
    </div>
  )
}

function AdvertiserForm({
  advertiser,
  onSaved,
}: {
  advertiser: Advertiser
  onSaved: (a: Advertiser) => void
}) {
  const { form, values, setValues, errors, error, saving, submit } = useSaveForm<AdvertiserFormValues>(() =>
    advertiserToForm(advertiser),
  )
  const [notice, setNotice] = useState<string | null>(null)

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    setNotice(null)
    const input = toAdvertiserUpdate(advertiser.id, values)
    void submit(
      () => api.call('advertisers.update', validInput('advertisers.update', { input, issues: [] })),
      (next) => {
        setValues(advertiserToForm(next))
        setNotice('Saved.')
        onSaved(next)
      },
    )
  }

  const mode = SIGNING_OPTIONS.find((m) => m.value === values.signingMode)
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Advertiser settings">
      <section className="card" aria-labelledby="adv-settings-heading">
        <h2 id="adv-settings-heading" className="card-title">
          Settings
        </h2>
        <ErrorSummary
          error={error}
          placedPaths={placedPaths(errors, FIELDS)}
          action="Could not save the advertiser"
          focusOnShow
        />
        <div className="form-grid">
          <TextField form={form} name="name" label="Name" autoComplete="off" />
          <SelectField form={form} name="signingMode" label="Postback signing" hint={mode?.help}>
            {SIGNING_OPTIONS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            form={form}
            name="allowedIps"
            label="Allowed IPs"
            optional
            error={listFieldError(errors, 'allowedIps')}
            hint="One IP or CIDR per line. When set, postbacks from any other address are refused (403)."
            rows={4}
            placeholder={'203.0.113.10\n198.51.100.0/24'}
          />
          <TextAreaField
            form={form}
            name="allowedOrigins"
            label="Allowed origins"
            optional
            error={listFieldError(errors, 'allowedOrigins')}
            hint="One URL per line: the advertiser’s sites allowed to report conversions from the browser script."
            rows={4}
            placeholder="https://shop.example.com"
          />
        </div>
        <div className="form-actions card-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save advertiser'}
          </button>
          <StatusMessage text={notice} />
        </div>
      </section>
    </form>
  )
}

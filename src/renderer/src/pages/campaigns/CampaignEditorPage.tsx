import { useState, type FormEvent } from 'react'
import type { Advertiser, Campaign, Settings } from '../../../../shared/contract'
import { CAMPAIGN_STATUSES } from '../../../../shared/domain'
import { api } from '../../api'
import { useAsync } from '../../api/useAsync'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { CurrencyField, SelectField, TextAreaField, TextField } from '../../forms/BoundFields'
import { Field } from '../../forms/Field'
import { useSaveForm, validInput } from '../../forms/useSaveForm'
import { href } from '../../router/routes'
import { navigate } from '../../router/useRoute'
import { capitalize } from '../../ui/format'
import { PageHeader } from '../../ui/PageHeader'
import { AdvertiserQuickForm } from './AdvertiserQuickForm'
import {
  campaignToForm,
  emptyCampaignForm,
  toCampaignCreateInput,
  toCampaignUpdateInput,
  type CampaignFormValues,
} from './campaignForm'
import { PlanEditor } from '../../components/PlanEditor'

const FORM_ID = 'campaign-form'

interface EditorData {
  advertisers: Advertiser[]
  settings: Settings
  campaign: Campaign | null
}

async function loadEditor(campaignId: number | null): Promise<EditorData> {
  const [advertisers, settings, campaign] = await Promise.all([
    api.call('advertisers.list', {}),
    api.call('settings.get', {}),
    campaignId === null ? Promise.resolve(null) : api.call('campaigns.get', { id: campaignId }),
  ])
  return { advertisers, settings, campaign }
}

export function CampaignEditorPage({ campaignId }: { campaignId: number | null }) {
  const data = useAsync(() => loadEditor(campaignId), `campaign-editor:${campaignId ?? 'new'}`)
  const title = campaignId === null ? 'New campaign' : (data.data?.campaign?.name ?? 'Campaign')
  return (
    <div className="page page-narrow">
      <PageHeader title={title} description={<a href={href.section('campaigns')}>← All campaigns</a>} />
      {data.data ? (
        <CampaignEditor initial={data.data} />
      ) : data.error ? (
        <ErrorSummary error={data.error} action="Could not open the campaign" />
      ) : (
        <p className="loading-text">Loading…</p>
      )}
    </div>
  )
}

function CampaignEditor({ initial }: { initial: EditorData }) {
  const existing = initial.campaign
  const { form, values, setValues, set, errors, error, saving, submit } = useSaveForm<CampaignFormValues>(
    () => (existing ? campaignToForm(existing) : emptyCampaignForm(initial.settings.defaultCurrency)),
  )
  const [advertisers, setAdvertisers] = useState(initial.advertisers)
  const [addingAdvertiser, setAddingAdvertiser] = useState(initial.advertisers.length === 0 && !existing)
  const [saved, setSaved] = useState<string | null>(null)

  async function save(): Promise<Campaign> {
    if (existing) {
      return api.call(
        'campaigns.update',
        validInput('campaigns.update', toCampaignUpdateInput(existing.id, values)),
      )
    }
    return api.call('campaigns.create', validInput('campaigns.create', toCampaignCreateInput(values)))
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    setSaved(null)
    void submit(save, (campaign) => {
      if (existing) {
        setValues(campaignToForm(campaign))
        setSaved(`Saved at ${new Date().toLocaleTimeString()}.`)
      } else {
        navigate(href.section('campaigns'))
      }
    })
  }

  const placed = Object.keys(errors).filter((path) => path !== 'plan')
  const currency = values.currency.trim().toUpperCase()

  return (
    <>
      <ErrorSummary error={error} placedPaths={placed} action="Could not save the campaign" focusOnShow />

      <section className="card" aria-labelledby="advertiser-heading">
        <h2 id="advertiser-heading" className="card-title">
          Advertiser
        </h2>
        <div className="form-grid">
          <Field
            label="Advertiser"
            error={errors.advertiserId}
            hint={
              existing
                ? 'A campaign stays with the advertiser it was created for.'
                : 'The business whose product this campaign promotes.'
            }
          >
            {(p) => (
              <select
                {...p}
                form={FORM_ID}
                value={values.advertiserId}
                disabled={existing !== null}
                onChange={(e) => set('advertiserId', e.target.value)}
              >
                <option value="">Choose an advertiser…</option>
                {advertisers.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {!existing && !addingAdvertiser ? (
            <div className="field field-action">
              <button type="button" className="btn" onClick={() => setAddingAdvertiser(true)}>
                New advertiser
              </button>
            </div>
          ) : null}
        </div>
        {addingAdvertiser && !existing ? (
          <AdvertiserQuickForm
            onCancel={() => setAddingAdvertiser(false)}
            onCreated={(a) => {
              setAdvertisers((list) => [...list, a])
              set('advertiserId', String(a.id))
              setAddingAdvertiser(false)
            }}
          />
        ) : null}
      </section>

      <form id={FORM_ID} className="form" onSubmit={onSubmit} noValidate aria-label="Campaign">
        <section className="card" aria-labelledby="basics-heading">
          <h2 id="basics-heading" className="card-title">
            Basics
          </h2>
          <div className="form-grid">
            <TextField form={form} name="name" label="Campaign name" className="span-2" autoComplete="off" />
            <TextAreaField
              form={form}
              name="description"
              label="Description"
              optional
              className="span-2"
              hint="Shown to you only."
              rows={2}
            />
            <SelectField form={form} name="status" label="Status">
              {CAMPAIGN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {capitalize(s)}
                </option>
              ))}
            </SelectField>
            <CurrencyField
              form={form}
              name="currency"
              label="Currency"
              hint={
                existing
                  ? 'Fixed once the campaign exists.'
                  : 'Commission amounts below are in this currency.'
              }
              readOnly={existing !== null}
            />
          </div>
        </section>

        <section className="card" aria-labelledby="tracking-heading">
          <h2 id="tracking-heading" className="card-title">
            Tracking
          </h2>
          <div className="form-grid">
            <TextField
              form={form}
              name="destinationUrl"
              label="Destination URL"
              className="span-2"
              hint="Where a tracking link sends the visitor."
              type="url"
              placeholder="https://shop.example.com/landing"
            />
            <TextField
              form={form}
              name="fallbackUrl"
              label="Fallback URL"
              optional
              className="span-2"
              hint="Used when the campaign is paused or ended, or the link is inactive."
              type="url"
            />
            <TextField
              form={form}
              name="clickIdParam"
              label="Click ID parameter"
              hint="Name of the query parameter that carries our click id to the advertiser."
            />
            <TextField
              form={form}
              name="cookieDays"
              label="Cookie days"
              hint="How long a click can still earn a conversion. Older clicks are recorded as rejected, and the first-party cookie lasts as long."
              inputMode="numeric"
            />
            <TextField
              form={form}
              name="maxPostbackAmount"
              errorPath="maxPostbackAmountMinor"
              label="Largest reported amount"
              hint="The most any one report, a postback or the browser script, may claim for a conversion; a report above it is refused (400) and stored nowhere. It guards the books against a sender's typo."
              inputMode="decimal"
            />
            <TextField
              form={form}
              name="maxClientAmount"
              errorPath="maxClientAmountMinor"
              label="Largest browser-reported amount"
              optional
              hint="A stricter limit for the browser script only: a browser-reported sale above it is refused. Browser reports always wait for the advertiser's postback or a manager. Empty: no limit."
              inputMode="decimal"
            />
            <TextField
              form={form}
              name="holdDays"
              label="Hold days"
              optional
              hint="Days a conversion waits before automatic approval. Empty: approve every one by hand."
              inputMode="numeric"
            />
          </div>
          <p className="note">
            Tracking links for this campaign are made per affiliate under{' '}
            <a href={href.links()}>Campaigns &amp; links → Links</a>.
          </p>
        </section>

        <section className="card" aria-labelledby="plan-heading">
          <h2 id="plan-heading" className="card-title">
            Commission plan
          </h2>
          <PlanEditor
            value={values.plan}
            currency={/^[A-Z]{3}$/.test(currency) ? currency : ''}
            errors={errors}
            onChange={(update) => setValues((prev) => ({ ...prev, plan: update(prev.plan) }))}
          />
        </section>

        <div className="form-actions form-actions-sticky">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : existing ? 'Save campaign' : 'Create campaign'}
          </button>
          <a className="btn" href={href.section('campaigns')}>
            Cancel
          </a>
          <span className="status-message" role="status">
            {saved}
          </span>
        </div>
      </form>
    </>
  )
}

import type { FormEvent } from 'react'
import type { Campaign, Link } from '../../../../shared/contract'
import { api } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { SelectField, TextField } from '../../forms/BoundFields'
import { useSaveForm, validInput } from '../../forms/useSaveForm'
import { AffiliatePicker } from '../../components/AffiliatePicker'
import { emptyLinkForm, toLinkCreateInput, type LinkFormValues } from './linkForm'

interface LinkFormProps {
  campaigns: Campaign[]
  initialCampaignId?: string
  onCreated: (link: Link) => void
  onCancel: () => void
}

const PLACED = ['affiliateId', 'campaignId', 'code', 'landingUrl']

export function LinkForm({ campaigns, initialCampaignId = '', onCreated, onCancel }: LinkFormProps) {
  const { form, values, set, errors, error, saving, submit } = useSaveForm<LinkFormValues>(() =>
    emptyLinkForm(initialCampaignId),
  )
  const campaign = campaigns.find((c) => String(c.id) === values.campaignId)

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    void submit(
      () => api.call('links.create', validInput('links.create', toLinkCreateInput(values))),
      onCreated,
    )
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="New link">
      <ErrorSummary error={error} placedPaths={PLACED} action="Could not create the link" focusOnShow />
      <AffiliatePicker
        label="Affiliate"
        value={values.affiliate}
        onChange={(v) => set('affiliate', v)}
        error={errors.affiliateId}
        pickVerb="give this link to"
        clearLabel="Change affiliate"
        hint="Clicks of a link whose affiliate is not approved are recorded but flagged."
      />
      <SelectField form={form} name="campaignId" label="Campaign">
        <option value="">Choose a campaign…</option>
        {campaigns.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.status !== 'active' ? ` (${c.status})` : ''}
          </option>
        ))}
      </SelectField>
      <TextField
        form={form}
        name="code"
        label="Link code"
        optional
        hint="The end of the tracking URL (/c/CODE). Letters, digits, - and _; leave empty to generate one."
        autoComplete="off"
      />
      <TextField
        form={form}
        name="landingUrl"
        label="Landing page"
        optional
        hint={
          campaign
            ? `Instead of the campaign’s destination (${campaign.destinationUrl}).`
            : 'Instead of the campaign’s destination URL.'
        }
        type="url"
        placeholder="https://shop.example.com/offer"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Creating…' : 'Create link'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

import { useState, type FormEvent } from 'react'
import type { Campaign, Link } from '../../../../shared/contract'
import { api, ApiError, toApiError } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { SelectField, TextField } from '../../forms/BoundFields'
import { issuesToFieldErrors } from '../../forms/fieldErrors'
import { useFormValues } from '../../forms/useFormValues'
import { allIssues } from '../../forms/validate'
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
  const { values, set } = useFormValues<LinkFormValues>(() => emptyLinkForm(initialCampaignId))
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  const errors = issuesToFieldErrors(error?.issues ?? [])
  const form = { values, set, errors }
  const campaign = campaigns.find((c) => String(c.id) === values.campaignId)

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    const built = toLinkCreateInput(values)
    const issues = allIssues('links.create', built)
    if (issues.length) {
      setError(new ApiError('invalid_input', 'Fix the highlighted fields and save again.', issues))
      return
    }
    setSaving(true)
    try {
      const link = await api.call('links.create', built.input)
      setError(null)
      onCreated(link)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
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

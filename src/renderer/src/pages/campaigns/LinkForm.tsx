import { useState, type FormEvent } from 'react'
import type { Campaign, Link } from '../../../../shared/contract'
import { api, ApiError, toApiError } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { Field } from '../../forms/Field'
import { issuesToFieldErrors } from '../../forms/fieldErrors'
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
  const [values, setValues] = useState<LinkFormValues>(() => emptyLinkForm(initialCampaignId))
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  const errors = issuesToFieldErrors(error?.issues ?? [])
  const set = <K extends keyof LinkFormValues>(key: K, v: LinkFormValues[K]) =>
    setValues((prev) => ({ ...prev, [key]: v }))
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
      <Field label="Campaign" error={errors.campaignId}>
        {(p) => (
          <select {...p} value={values.campaignId} onChange={(e) => set('campaignId', e.target.value)}>
            <option value="">Choose a campaign…</option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.status !== 'active' ? ` (${c.status})` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Link code"
        optional
        error={errors.code}
        hint="The end of the tracking URL (/c/CODE). Letters, digits, - and _; leave empty to generate one."
      >
        {(p) => (
          <input
            {...p}
            value={values.code}
            autoComplete="off"
            onChange={(e) => set('code', e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Landing page"
        optional
        error={errors.landingUrl}
        hint={
          campaign
            ? `Instead of the campaign’s destination (${campaign.destinationUrl}).`
            : 'Instead of the campaign’s destination URL.'
        }
      >
        {(p) => (
          <input
            {...p}
            type="url"
            value={values.landingUrl}
            placeholder="https://shop.example.com/offer"
            onChange={(e) => set('landingUrl', e.target.value)}
          />
        )}
      </Field>
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

import { useState, type FormEvent } from 'react'
import type { Affiliate } from '../../../../shared/contract'
import { AFFILIATE_TIERS, PAYMENT_METHODS } from '../../../../shared/domain'
import type { ErrorIssue } from '../../../../shared/errors'
import { api, ApiError, toApiError } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { CurrencyField, SelectField, TextField } from '../../forms/BoundFields'
import { issuesToFieldErrors } from '../../forms/fieldErrors'
import { useFormValues } from '../../forms/useFormValues'
import { allIssues } from '../../forms/validate'
import {
  affiliateToForm,
  emptyAffiliateForm,
  PAYMENT_METHOD_LABELS,
  TIER_LABELS,
  toCreateInput,
  toUpdateInput,
  type AffiliateFormValues,
} from './affiliateForm'
import { ParentPicker } from './ParentPicker'

export type AffiliateFormMode =
  { kind: 'create'; defaultCurrency: string } | { kind: 'edit'; affiliate: Affiliate }

interface AffiliateFormProps {
  mode: AffiliateFormMode
  onSaved: (affiliate: Affiliate) => void
  onCancel: () => void
}

const PLACED = [
  'name',
  'email',
  'code',
  'parentId',
  'tier',
  'overrideRateBps',
  'paymentMethod',
  'paymentEmail',
  'payoutCurrency',
]

const invalid = (issues: ErrorIssue[]) =>
  new ApiError('invalid_input', 'Fix the highlighted fields and save again.', issues)

export function AffiliateForm({ mode, onSaved, onCancel }: AffiliateFormProps) {
  const { values, set } = useFormValues<AffiliateFormValues>(() =>
    mode.kind === 'edit' ? affiliateToForm(mode.affiliate) : emptyAffiliateForm(mode.defaultCurrency),
  )
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  const errors = issuesToFieldErrors(error?.issues ?? [])
  const form = { values, set, errors }

  async function save(): Promise<Affiliate> {
    if (mode.kind === 'create') {
      const built = toCreateInput(values)
      const issues = allIssues('affiliates.create', built)
      if (issues.length) throw invalid(issues)
      return api.call('affiliates.create', built.input)
    }
    const built = toUpdateInput(mode.affiliate.id, values)
    const issues = allIssues('affiliates.update', built)
    if (issues.length) throw invalid(issues)
    return api.call('affiliates.update', built.input)
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    setSaving(true)
    try {
      const saved = await save()
      setError(null)
      onSaved(saved)
    } catch (err) {
      // The values stay as typed: only the error changes, so the owner fixes and resubmits.
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }

  const creating = mode.kind === 'create'
  return (
    <form
      className="form"
      onSubmit={onSubmit}
      noValidate
      aria-label={creating ? 'New affiliate' : 'Edit affiliate'}
    >
      <ErrorSummary
        error={error}
        placedPaths={PLACED}
        action={creating ? 'Could not create the affiliate' : 'Could not save the affiliate'}
        focusOnShow
      />
      <div className="form-grid">
        <TextField form={form} name="name" label="Name" className="span-2" autoComplete="off" />
        <TextField
          form={form}
          name="email"
          label="Email"
          className="span-2"
          type="email"
          autoComplete="off"
        />
        {creating ? (
          <TextField
            form={form}
            name="code"
            label="Code"
            optional
            hint="Appears in tracking links. Letters, digits, - and _; leave empty to generate one."
            className="span-2"
            autoComplete="off"
          />
        ) : (
          <div className="field span-2">
            <span className="field-label">Code</span>
            <p className="field-static">
              <code>{mode.affiliate.code}</code>
              {mode.affiliate.parentCode ? (
                <>
                  {' '}
                  · parent <code>{mode.affiliate.parentCode}</code>
                </>
              ) : null}
            </p>
          </div>
        )}
        {creating ? (
          <div className="span-2">
            <ParentPicker value={values.parent} onChange={(v) => set('parent', v)} error={errors.parentId} />
          </div>
        ) : null}
        <SelectField form={form} name="tier" label="Tier">
          {AFFILIATE_TIERS.map((t) => (
            <option key={t} value={t}>
              {TIER_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <TextField
          form={form}
          name="overridePercent"
          errorPath="overrideRateBps"
          label="Override rate (%)"
          optional
          hint="Replaces the campaign’s base rate for this affiliate."
          inputMode="decimal"
          placeholder="e.g. 15"
        />
      </div>
      <fieldset className="fieldset">
        <legend>Payment</legend>
        <div className="form-grid">
          <SelectField form={form} name="paymentMethod" label="Payment method">
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {PAYMENT_METHOD_LABELS[m]}
              </option>
            ))}
          </SelectField>
          <CurrencyField form={form} name="payoutCurrency" label="Payout currency" />
          <TextField
            form={form}
            name="paymentEmail"
            label="Payment email"
            optional
            hint="Where PayPal or Wise sends the money."
            className="span-2"
            type="email"
            autoComplete="off"
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : creating ? 'Create affiliate' : 'Save changes'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

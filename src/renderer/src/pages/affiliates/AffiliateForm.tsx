import { useState, type FormEvent } from 'react'
import type { Affiliate } from '../../../../shared/contract'
import { AFFILIATE_TIERS, PAYMENT_METHODS } from '../../../../shared/domain'
import type { ErrorIssue } from '../../../../shared/errors'
import { api, ApiError, toApiError } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { Field } from '../../forms/Field'
import { issuesToFieldErrors } from '../../forms/fieldErrors'
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
  const [values, setValues] = useState<AffiliateFormValues>(() =>
    mode.kind === 'edit' ? affiliateToForm(mode.affiliate) : emptyAffiliateForm(mode.defaultCurrency),
  )
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  const errors = issuesToFieldErrors(error?.issues ?? [])
  const set = <K extends keyof AffiliateFormValues>(key: K, value: AffiliateFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }))

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
        <Field label="Name" error={errors.name} className="span-2">
          {(p) => (
            <input
              {...p}
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Email" error={errors.email} className="span-2">
          {(p) => (
            <input
              {...p}
              type="email"
              value={values.email}
              onChange={(e) => set('email', e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        {creating ? (
          <Field
            label="Code"
            optional
            error={errors.code}
            hint="Appears in tracking links. Letters, digits, - and _; leave empty to generate one."
            className="span-2"
          >
            {(p) => (
              <input
                {...p}
                value={values.code}
                onChange={(e) => set('code', e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
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
        <Field label="Tier" error={errors.tier}>
          {(p) => (
            <select
              {...p}
              value={values.tier}
              onChange={(e) => set('tier', e.target.value as AffiliateFormValues['tier'])}
            >
              {AFFILIATE_TIERS.map((t) => (
                <option key={t} value={t}>
                  {TIER_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Override rate (%)"
          optional
          error={errors.overrideRateBps}
          hint="Replaces the campaign’s base rate for this affiliate."
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={values.overridePercent}
              placeholder="e.g. 15"
              onChange={(e) => set('overridePercent', e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="fieldset">
        <legend>Payment</legend>
        <div className="form-grid">
          <Field label="Payment method" error={errors.paymentMethod}>
            {(p) => (
              <select
                {...p}
                value={values.paymentMethod}
                onChange={(e) => set('paymentMethod', e.target.value as AffiliateFormValues['paymentMethod'])}
              >
                {PAYMENT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {PAYMENT_METHOD_LABELS[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Payout currency" error={errors.payoutCurrency}>
            {(p) => (
              <input
                {...p}
                value={values.payoutCurrency}
                maxLength={3}
                className="input-currency"
                onChange={(e) => set('payoutCurrency', e.target.value.toUpperCase())}
              />
            )}
          </Field>
          <Field
            label="Payment email"
            optional
            error={errors.paymentEmail}
            hint="Where PayPal or Wise sends the money."
            className="span-2"
          >
            {(p) => (
              <input
                {...p}
                type="email"
                value={values.paymentEmail}
                onChange={(e) => set('paymentEmail', e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
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

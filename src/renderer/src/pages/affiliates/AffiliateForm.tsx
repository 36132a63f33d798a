import type { FormEvent } from 'react'
import type { Affiliate } from '../../../../shared/contract'
import { AFFILIATE_TIERS, PAYMENT_METHODS } from '../../../../shared/domain'
import { api } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { CurrencyField, SelectField, TextField } from '../../forms/BoundFields'
import { useSaveForm, validInput } from '../../forms/useSaveForm'
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

export function AffiliateForm({ mode, onSaved, onCancel }: AffiliateFormProps) {
  const { form, values, set, errors, error, saving, submit } = useSaveForm<AffiliateFormValues>(() =>
    mode.kind === 'edit' ? affiliateToForm(mode.affiliate) : emptyAffiliateForm(mode.defaultCurrency),
  )

  async function save(): Promise<Affiliate> {
    if (mode.kind === 'create') {
      return api.call('affiliates.create', validInput('affiliates.create', toCreateInput(values)))
    }
    return api.call(
      'affiliates.update',
      validInput('affiliates.update', toUpdateInput(mode.affiliate.id, values)),
    )
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    void submit(save, onSaved)
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

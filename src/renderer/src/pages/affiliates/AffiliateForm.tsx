import type { FormEvent } from 'react'
import type { Affiliate } from '../../../../shared/contract'
import { AFFILIATE_TIERS } from '../../../../shared/domain'
import { api } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { SelectField, TextField } from '../../forms/BoundFields'
import { useSaveForm, validInput } from '../../forms/useSaveForm'
import {
  affiliateToForm,
  emptyAffiliateForm,
  TIER_LABELS,
  toCreateInput,
  toUpdateInput,
  type AffiliateFormValues,
} from './affiliateForm'
import { ParentPicker } from './ParentPicker'
import { PaymentFields } from './PaymentFields'
import { PAYMENT_PLACED_PATHS } from './paymentDetailsForm'

export type AffiliateFormMode =
  { kind: 'create'; defaultCurrency: string } | { kind: 'edit'; affiliate: Affiliate }

interface AffiliateFormProps {
  mode: AffiliateFormMode
  onSaved: (affiliate: Affiliate) => void
  onCancel: () => void
}

const PLACED = ['name', 'email', 'code', 'parentId', 'tier', 'overrideRateBps', ...PAYMENT_PLACED_PATHS]

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
      <PaymentFields form={form} />
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

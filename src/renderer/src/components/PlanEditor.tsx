import type { PlanType } from '../../../shared/plan'
import { EVENT_TYPES, MAX_UPLINE_LEVELS, PLAN_TYPES } from '../../../shared/domain'
import { SelectField, TextField } from '../forms/BoundFields'
import { Field } from '../forms/Field'
import { RemoveButton } from '../forms/RemoveButton'
import type { FieldErrors } from '../forms/fieldErrors'
import { capitalize } from '../ui/format'
import { newRowKey, type PlanFormValues, type TierRow, type UplineRow } from '../domain/planForm'

const TYPE_HELP: Record<PlanType, string> = {
  fixed: 'A fixed amount for each event the advertiser reports (lead, trial, sale, recurring payment).',
  percentage: 'A percentage of each sale amount.',
  tiered:
    'The rate rises with the affiliate’s sales this calendar month (pending ones count; rejected and refunded ones do not).',
  recurring: 'A percentage of every subscription payment, optionally for a limited number of months.',
  lifetime: 'A percentage of every sale from customers the affiliate referred, for as long as they buy.',
}

const UPLINE_POLICY_HELP: Record<PlanFormValues['inactiveUpline'], string> = {
  skip: 'Skip: an upline affiliate who is not approved is passed over and that level is not paid.',
  compress: 'Compress: that level is paid to the next approved affiliate further up instead.',
}

function levelName(index: number): string {
  if (index === 0) return 'Level 2 (parent)'
  if (index === 1) return 'Level 3 (grandparent)'
  return `Level ${index + 2}`
}

/** A number typed into a row of the tiers or upline table, labelled by aria (the table has no <label>s). */
function CellInput({
  label,
  value,
  readOnly,
  error,
  onChange,
}: {
  label: string
  value: string
  readOnly?: boolean
  error: string | undefined
  onChange: (text: string) => void
}) {
  return (
    <td>
      <input
        aria-label={label}
        inputMode="decimal"
        value={value}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? <p className="field-error">{error}</p> : null}
    </td>
  )
}

/** Shows “Remove”; screen readers hear which row, as every row has the same button. */
interface PlanEditorProps {
  value: PlanFormValues
  onChange: (update: (plan: PlanFormValues) => PlanFormValues) => void
  currency: string
  errors: FieldErrors
}

export function PlanEditor({ value: plan, onChange, currency, errors }: PlanEditorProps) {
  const set = <K extends keyof PlanFormValues>(key: K, v: PlanFormValues[K]) =>
    onChange((p) => ({ ...p, [key]: v }))
  const setTier = (key: number, patch: Partial<TierRow>) =>
    onChange((p) => ({ ...p, tiers: p.tiers.map((t) => (t.key === key ? { ...t, ...patch } : t)) }))
  const setLevel = (key: number, patch: Partial<UplineRow>) =>
    onChange((p) => ({ ...p, upline: p.upline.map((u) => (u.key === key ? { ...u, ...patch } : u)) }))
  const form = { values: plan, set, errors }
  const money = currency || 'currency'
  const usesRate = plan.type === 'percentage' || plan.type === 'recurring' || plan.type === 'lifetime'

  return (
    <div className="plan-editor">
      <div className="form-grid">
        <SelectField
          form={form}
          name="type"
          label="Plan type"
          error={errors['plan.type'] ?? errors.plan}
          hint={TYPE_HELP[plan.type]}
          className="span-2"
        >
          {PLAN_TYPES.map((t) => (
            <option key={t} value={t}>
              {capitalize(t)}
            </option>
          ))}
        </SelectField>

        {plan.type === 'fixed' ? (
          <fieldset className="fieldset span-2">
            <legend>Amount per event ({money})</legend>
            {errors['plan.amounts'] ? <p className="field-error">{errors['plan.amounts']}</p> : null}
            <div className="form-grid form-grid-4">
              {EVENT_TYPES.map((event) => (
                <Field key={event} label={`Per ${event}`} optional error={errors[`plan.amounts.${event}`]}>
                  {(p) => (
                    <input
                      {...p}
                      inputMode="decimal"
                      value={plan.amounts[event]}
                      placeholder="0.00"
                      onChange={(e) => set('amounts', { ...plan.amounts, [event]: e.target.value })}
                    />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
        ) : null}

        {usesRate ? (
          <TextField
            form={form}
            name="ratePercent"
            errorPath="plan.rateBps"
            label={plan.type === 'recurring' ? 'Rate of each payment (%)' : 'Rate of sale (%)'}
            inputMode="decimal"
            placeholder="e.g. 12.5"
          />
        ) : null}

        {plan.type === 'recurring' ? (
          <TextField
            form={form}
            name="maxMonths"
            errorPath="plan.maxMonths"
            label="Pay for at most (months)"
            optional
            hint="Empty: for as long as the subscription lasts."
            inputMode="numeric"
          />
        ) : null}

        {plan.type === 'tiered' ? (
          <fieldset className="fieldset span-2">
            <legend>Tiers</legend>
            <SelectField
              form={form}
              name="basis"
              errorPath="plan.basis"
              label="Counted by"
              hint="What of the affiliate’s sales this calendar month decides the tier: their number or their revenue."
            >
              <option value="count">Number of sales</option>
              <option value="revenue">Sales revenue ({money})</option>
            </SelectField>
            {errors['plan.tiers'] ? <p className="field-error">{errors['plan.tiers']}</p> : null}
            <table className="rows-table">
              <thead>
                <tr>
                  <th scope="col">{plan.basis === 'count' ? 'From sales' : `From revenue (${money})`}</th>
                  <th scope="col">Rate (%)</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.tiers.map((tier, i) => (
                  <tr key={tier.key}>
                    <CellInput
                      label={`Tier ${i + 1} starts at`}
                      value={i === 0 ? '0' : tier.from}
                      readOnly={i === 0}
                      error={errors[`plan.tiers.${i}.from`]}
                      onChange={(from) => setTier(tier.key, { from })}
                    />
                    <CellInput
                      label={`Tier ${i + 1} rate (%)`}
                      value={tier.ratePercent}
                      error={errors[`plan.tiers.${i}.rateBps`]}
                      onChange={(ratePercent) => setTier(tier.key, { ratePercent })}
                    />
                    <td>
                      {i > 0 ? (
                        <RemoveButton
                          row={`tier ${i + 1}`}
                          onRemove={() =>
                            onChange((p) => ({ ...p, tiers: p.tiers.filter((t) => t.key !== tier.key) }))
                          }
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                onChange((p) => ({
                  ...p,
                  tiers: [...p.tiers, { key: newRowKey(), from: '', ratePercent: '' }],
                }))
              }
            >
              Add tier
            </button>
          </fieldset>
        ) : null}
      </div>

      <fieldset className="fieldset">
        <legend>Affiliate tier rates</legend>
        <p className="fieldset-hint">
          Optional. VIP and elite affiliates get these rates instead of the plan’s base rate.
        </p>
        <div className="form-grid">
          <TextField
            form={form}
            name="vipPercent"
            errorPath="plan.tierRatesBps.vip"
            label="VIP rate (%)"
            optional
            inputMode="decimal"
          />
          <TextField
            form={form}
            name="elitePercent"
            errorPath="plan.tierRatesBps.elite"
            label="Elite rate (%)"
            optional
            inputMode="decimal"
          />
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Upline commissions</legend>
        <p className="fieldset-hint">
          Pay the affiliates above the one who made the sale. One level is a classic 2-tier program; add more
          for multi-level (up to {MAX_UPLINE_LEVELS}).
        </p>
        {errors['plan.upline'] ? <p className="field-error">{errors['plan.upline']}</p> : null}
        {plan.upline.length > 0 ? (
          <table className="rows-table">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Pays</th>
                <th scope="col">Value</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.upline.map((level, i) => {
                const path = `plan.upline.${i}.${level.kind === 'rate' ? 'rateBps' : 'amountMinor'}`
                return (
                  <tr key={level.key}>
                    <th scope="row">{levelName(i)}</th>
                    <td>
                      <select
                        aria-label={`${levelName(i)} pays`}
                        value={level.kind}
                        onChange={(e) => setLevel(level.key, { kind: e.target.value as UplineRow['kind'] })}
                      >
                        <option value="rate">% of sale</option>
                        <option value="amount">Fixed amount ({money})</option>
                      </select>
                    </td>
                    <CellInput
                      label={`${levelName(i)} ${level.kind === 'rate' ? 'rate (%)' : `amount (${money})`}`}
                      value={level.value}
                      error={errors[path]}
                      onChange={(value) => setLevel(level.key, { value })}
                    />
                    <td>
                      <RemoveButton
                        row={levelName(i)}
                        onRemove={() =>
                          onChange((p) => ({ ...p, upline: p.upline.filter((u) => u.key !== level.key) }))
                        }
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
          disabled={plan.upline.length >= MAX_UPLINE_LEVELS}
          onClick={() =>
            onChange((p) => ({ ...p, upline: [...p.upline, { key: newRowKey(), kind: 'rate', value: '' }] }))
          }
        >
          Add upline level
        </button>
        <SelectField
          form={form}
          name="inactiveUpline"
          errorPath="plan.inactiveUpline"
          label="When an upline affiliate is not approved"
          hint={UPLINE_POLICY_HELP[plan.inactiveUpline]}
        >
          <option value="skip">Skip that level</option>
          <option value="compress">Compress to the next approved</option>
        </SelectField>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Cap per conversion</legend>
        <p className="fieldset-hint">
          Optional. The most paid in total (all levels) for one conversion; the lower cap wins.
        </p>
        <div className="form-grid">
          <TextField
            form={form}
            name="capPercent"
            errorPath="plan.capBps"
            label="Cap (% of sale)"
            optional
            inputMode="decimal"
          />
          <TextField
            form={form}
            name="capAmount"
            errorPath="plan.capMinor"
            label={`Cap amount (${money})`}
            optional
            inputMode="decimal"
          />
        </div>
      </fieldset>
    </div>
  )
}

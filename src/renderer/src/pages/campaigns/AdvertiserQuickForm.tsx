import type { FormEvent } from 'react'
import type { Advertiser } from '../../../../shared/contract'
import { SIGNING_MODES, type SigningMode } from '../../../../shared/domain'
import { api } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { SelectField, TextField } from '../../forms/BoundFields'
import { useSaveForm, validInput } from '../../forms/useSaveForm'

const SIGNING_TEXT: Record<SigningMode, { label: string; help: string }> = {
  params: {
    label: 'Signed parameters',
    help: 'The advertiser signs all postback parameters with HMAC. Safest; needs a little code on their side.',
  },
  simple: {
    label: 'Simple signature',
    help: 'The advertiser signs "clickid:payout:timestamp" with HMAC. Easy to add to most platforms.',
  },
  token: {
    label: 'Shared token',
    help: 'The postback carries a secret token. For platforms that cannot compute a signature.',
  },
}

export const SIGNING_OPTIONS: { value: SigningMode; label: string; help: string }[] = SIGNING_MODES.map(
  (value) => ({ value, ...SIGNING_TEXT[value] }),
)

export const signingLabel = (mode: string): string =>
  SIGNING_OPTIONS.find((m) => m.value === mode)?.label ?? mode

interface AdvertiserQuickFormProps {
  onCreated: (advertiser: Advertiser) => void
  onCancel: () => void
}

/** A small form of its own (not nested in the campaign form, which HTML does not allow). */
export function AdvertiserQuickForm({ onCreated, onCancel }: AdvertiserQuickFormProps) {
  const { form, values, error, saving, submit } = useSaveForm<{ name: string; signingMode: SigningMode }>({
    name: '',
    signingMode: 'params',
  })

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    const input = { name: values.name.trim(), signingMode: values.signingMode }
    void submit(
      () => api.call('advertisers.create', validInput('advertisers.create', { input, issues: [] })),
      onCreated,
    )
  }

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-label="New advertiser">
      <ErrorSummary
        error={error}
        placedPaths={['name', 'signingMode']}
        action="Could not create the advertiser"
        focusOnShow
      />
      <div className="form-grid">
        <TextField form={form} name="name" label="Advertiser name" autoComplete="off" />
        <SelectField
          form={form}
          name="signingMode"
          label="Postback signing"
          hint={SIGNING_OPTIONS.find((m) => m.value === values.signingMode)?.help}
        >
          {SIGNING_OPTIONS.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={saving}>
          {saving ? 'Creating…' : 'Create advertiser'}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

import type { FormBinding } from '../../forms/useFormValues'
import { CurrencyField, SelectField, TextField } from '../../forms/BoundFields'
import {
  BANK_FIELD_LABELS,
  BANK_FORM_KEYS,
  bankFieldsFor,
  maskBankNumber,
  PAY_MODE_LABELS,
  PAY_MODES,
  paymentWarning,
  SECRET_BANK_FIELDS,
  usesBankAccount,
  type BankTextField,
  type PaymentFormValues,
} from './paymentDetailsForm'

const HINTS: Partial<Record<BankTextField, string>> = {
  bic: 'Optional for most IBAN transfers.',
  sortCode: '6 digits, e.g. 40-47-84.',
  routingNumber: '9 digits.',
  bsbCode: '6 digits, e.g. 062-000.',
  country: 'Two-letter code, e.g. US.',
  state: 'Two-letter code, e.g. NY; required for a US address.',
}

type TextBankKey = Exclude<(typeof BANK_FORM_KEYS)[BankTextField], 'bankAccountType'>

/** How the affiliate is paid, in the currency they are paid in, with the bank account when one is used. */
export function PaymentFields<V extends PaymentFormValues>({ form }: { form: FormBinding<V> }) {
  // The bound fields are generic over the form's own values; this section only reads its part.
  const f = form as unknown as FormBinding<PaymentFormValues>
  const v = f.values
  const currency = v.payoutCurrency.trim().toUpperCase()
  const bank = usesBankAccount(v.payMode)
  const warning = paymentWarning(v)
  return (
    <fieldset className="fieldset">
      <legend>Payment</legend>
      <div className="form-grid">
        <SelectField
          form={f}
          name="payMode"
          errorPath="paymentMethod"
          label="Payment method"
          hint={
            v.payMode === 'wise_email'
              ? 'Wise sends the money to the payment email; the recipient claims it.'
              : v.payMode === 'wise_bank'
                ? 'Wise pays straight into the bank account below.'
                : undefined
          }
        >
          {PAY_MODES.map((m) => (
            <option key={m} value={m}>
              {PAY_MODE_LABELS[m]}
            </option>
          ))}
        </SelectField>
        <CurrencyField form={f} name="payoutCurrency" label="Payout currency" />
        {v.payMode === 'bank' ? null : (
          <TextField
            form={f}
            name="paymentEmail"
            label="Payment email"
            optional
            hint={v.payMode === 'paypal' ? 'The PayPal account’s email.' : 'The Wise recipient’s email.'}
            className="span-2"
            type="email"
            autoComplete="off"
          />
        )}
        <TextField
          form={f}
          name="minPayout"
          errorPath="minPayoutMinor"
          label={`Minimum payout (${currency || 'currency'})`}
          optional
          hint="Below it, the money waits for a later run. It counts for money in this payout currency; money in other currencies, or with this left empty, follows the program’s minimums (Settings → Payouts)."
          inputMode="decimal"
          placeholder="Program default"
        />
      </div>
      {bank ? (
        <fieldset className="fieldset fieldset-plain" aria-label="Bank account">
          <legend>Bank account ({currency})</legend>
          {f.errors.bankDetails ? <p className="field-error">{f.errors.bankDetails}</p> : null}
          <div className="form-grid">
            <TextField
              form={f}
              name="bankAccountHolder"
              errorPath="bankDetails.accountHolder"
              label="Account holder"
              className="span-2"
              autoComplete="off"
            />
            <SelectField
              form={f}
              name="bankReceiverType"
              errorPath="bankDetails.receiverType"
              label="Receiver type"
            >
              <option value="PERSON">Person</option>
              <option value="INSTITUTION">Business</option>
            </SelectField>
            {bankFieldsFor(currency).map(({ field, required }) =>
              field === 'accountType' ? (
                <SelectField
                  key={field}
                  form={f}
                  name="bankAccountType"
                  errorPath="bankDetails.accountType"
                  label={BANK_FIELD_LABELS.accountType}
                >
                  <option value="">Choose…</option>
                  <option value="CHECKING">Checking</option>
                  <option value="SAVINGS">Savings</option>
                </SelectField>
              ) : (
                <TextField
                  key={field}
                  form={f}
                  name={BANK_FORM_KEYS[field] as TextBankKey}
                  errorPath={`bankDetails.${field}`}
                  label={BANK_FIELD_LABELS[field]}
                  optional={!required}
                  className={field === 'iban' || field === 'addressLine' ? 'span-2' : undefined}
                  hint={secretHint(v, field) ?? HINTS[field]}
                  placeholder={secretPlaceholder(v, field)}
                  autoComplete="off"
                  spellCheck={false}
                />
              ),
            )}
          </div>
        </fieldset>
      ) : null}
      {warning ? (
        <p className="fieldset-hint" role="note">
          A payout run would leave this affiliate out: {warning}.
        </p>
      ) : null}
    </fieldset>
  )
}

function savedSecret(v: PaymentFormValues, field: BankTextField): string | undefined {
  return SECRET_BANK_FIELDS.includes(field) ? v.savedBank?.[field] : undefined
}

function secretPlaceholder(v: PaymentFormValues, field: BankTextField): string | undefined {
  const saved = savedSecret(v, field)
  return saved ? maskBankNumber(saved) : undefined
}

function secretHint(v: PaymentFormValues, field: BankTextField): string | undefined {
  return savedSecret(v, field) ? 'Saved; leave empty to keep it, or type a new one.' : undefined
}

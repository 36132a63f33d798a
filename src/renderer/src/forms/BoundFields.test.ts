import { createElement as h } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { CurrencyField, SelectField, TextField } from './BoundFields'
import { Field } from './Field'
import type { FormBinding } from './useFormValues'

// The bound fields replaced hand-written Field + control pairs; the e2e specs find controls by label,
// id and aria attributes, so the markup must be exactly what the hand-written pair rendered.
interface Values {
  email: string
  tier: 'standard' | 'vip'
  currency: string
  overridePercent: string
}
const form: FormBinding<Values> = {
  values: { email: 'a@b.example', tier: 'vip', currency: 'EUR', overridePercent: '12' },
  set: () => {},
  errors: { email: 'Enter an email', overrideRateBps: 'Too high' },
}
const noop = () => {}

describe('bound fields', () => {
  it('render a text input exactly as Field + input with its error and hint', () => {
    const bound = h(TextField<Values, 'email'>, {
      form,
      name: 'email',
      label: 'Email',
      hint: 'Where we write',
      optional: true,
      className: 'span-2',
      type: 'email',
      autoComplete: 'off',
    })
    const hand = h(Field, {
      label: 'Email',
      error: 'Enter an email',
      hint: 'Where we write',
      optional: true,
      className: 'span-2',
      children: (p) =>
        h('input', { ...p, type: 'email', autoComplete: 'off', value: 'a@b.example', onChange: noop }),
    })
    expect(renderToStaticMarkup(bound)).toBe(renderToStaticMarkup(hand))
    expect(renderToStaticMarkup(bound)).toContain('aria-invalid="true"')
  })

  it('look errors up under the contract path when it differs from the form key', () => {
    const html = renderToStaticMarkup(
      h(TextField<Values, 'overridePercent'>, {
        form,
        name: 'overridePercent',
        errorPath: 'overrideRateBps',
        label: 'Rate',
      }),
    )
    expect(html).toContain('Too high')
  })

  it('render a select and a currency input as the hand-written ones', () => {
    const option = h('option', { value: 'vip' }, 'VIP')
    expect(
      renderToStaticMarkup(
        h(SelectField<Values, 'tier'>, { form, name: 'tier', label: 'Tier', children: option }),
      ),
    ).toBe(
      renderToStaticMarkup(
        h(Field, {
          label: 'Tier',
          children: (p) => h('select', { ...p, value: 'vip', onChange: noop }, option),
        }),
      ),
    )
    expect(
      renderToStaticMarkup(
        h(CurrencyField<Values, 'currency'>, { form, name: 'currency', label: 'Currency' }),
      ),
    ).toBe(
      renderToStaticMarkup(
        h(Field, {
          label: 'Currency',
          children: (p) =>
            h('input', { ...p, value: 'EUR', maxLength: 3, className: 'input-currency', onChange: noop }),
        }),
      ),
    )
  })
})

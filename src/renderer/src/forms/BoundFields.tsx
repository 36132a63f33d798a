import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { Field } from './Field'
import type { FormBinding } from './useFormValues'

/** The keys of V whose value is text, the only ones an input can edit directly. */
type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V]

interface BoundProps<V, K extends TextKey<V>> {
  form: FormBinding<V>
  name: K
  label: ReactNode
  hint?: ReactNode
  optional?: boolean
  /** Classes of the field wrapper (grid span), as on Field. */
  className?: string
  /** The path the contract reports this field's errors at, when it differs from the form key. */
  errorPath?: string
  /** Overrides the looked-up error, for fields that gather several paths (list items). */
  error?: string | undefined
}

function fieldProps<V, K extends TextKey<V>>(props: BoundProps<V, K>) {
  const { form, name, errorPath, error, label, hint, optional, className } = props
  return {
    label,
    hint,
    optional,
    className,
    error: error ?? form.errors[errorPath ?? String(name)],
  }
}

// The casts below are sound: K is a key whose value is a string, and the control only ever holds
// one of the values it was given (select options are the form's own union members).
const write = <V, K extends TextKey<V>>(form: FormBinding<V>, name: K, raw: string) =>
  form.set(name, raw as V[K])
const read = <V, K extends TextKey<V>>(form: FormBinding<V>, name: K) => form.values[name] as string

type InputAttrs = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'name' | 'form' | 'className'
>

type TextFieldProps<V, K extends TextKey<V>> = BoundProps<V, K> &
  InputAttrs & {
    inputClassName?: string
    /** Normalises what was typed before it is stored (e.g. upper-case a currency code). */
    normalize?: (raw: string) => string
  }

/** A labelled text input bound to one key of a form: value, change, error and ids wired as Field does. */
export function TextField<V, K extends TextKey<V>>(props: TextFieldProps<V, K>) {
  const { form, name } = props
  const { inputClassName, normalize, ...input } = controlProps(props)
  return (
    <Field {...fieldProps(props)}>
      {(p) => (
        <input
          {...p}
          {...input}
          className={inputClassName}
          value={read(form, name)}
          onChange={(e) => write(form, name, normalize ? normalize(e.target.value) : e.target.value)}
        />
      )}
    </Field>
  )
}

/** A three-letter currency code, upper-cased as typed. */
export function CurrencyField<V, K extends TextKey<V>>(props: BoundProps<V, K> & { readOnly?: boolean }) {
  return (
    <TextField
      {...props}
      maxLength={3}
      inputClassName="input-currency"
      normalize={(raw) => raw.toUpperCase()}
    />
  )
}

type TextAreaFieldProps<V, K extends TextKey<V>> = BoundProps<V, K> &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'name' | 'form' | 'className'>

export function TextAreaField<V, K extends TextKey<V>>(props: TextAreaFieldProps<V, K>) {
  const { form, name } = props
  const textarea = controlProps(props)
  return (
    <Field {...fieldProps(props)}>
      {(p) => (
        <textarea
          {...p}
          {...textarea}
          value={read(form, name)}
          onChange={(e) => write(form, name, e.target.value)}
        />
      )}
    </Field>
  )
}

type SelectFieldProps<V, K extends TextKey<V>> = BoundProps<V, K> &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'name' | 'form' | 'className'> & {
    /** The <option>s; their values must be members of the key's type. */
    children: ReactNode
  }

export function SelectField<V, K extends TextKey<V>>(props: SelectFieldProps<V, K>) {
  const { form, name, children } = props
  const { children: _children, ...select } = controlProps(props)
  return (
    <Field {...fieldProps(props)}>
      {(p) => (
        <select
          {...p}
          {...select}
          value={read(form, name)}
          onChange={(e) => write(form, name, e.target.value)}
        >
          {children}
        </select>
      )}
    </Field>
  )
}

const BOUND_KEYS = ['form', 'name', 'errorPath', 'error', 'label', 'hint', 'optional', 'className'] as const

/** The props left for the control once the binding and the Field's own props are taken out. */
function controlProps<P extends object>(props: P): Omit<P, (typeof BOUND_KEYS)[number]> {
  const rest = { ...props } as Record<string, unknown>
  for (const key of BOUND_KEYS) delete rest[key]
  return rest as Omit<P, (typeof BOUND_KEYS)[number]>
}

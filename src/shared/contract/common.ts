// Field shapes and helpers every area of the contract shares.
import { z } from 'zod'
import { CURRENCY_RE } from '../money'

export const id = z.number().int().positive()
export const currency = z.string().regex(CURRENCY_RE, 'Use a 3-letter ISO currency code such as USD')
export const email = z.string().trim().toLowerCase().email('Enter a valid email address').max(254)
export const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url('Enter a full URL starting with https:// or http://')
  .refine((u) => /^https?:\/\//i.test(u), 'Only http and https URLs are allowed')
export const code = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _ only')
export const timestamp = z.number().int()

export const pageInput = {
  page: z.number().int().min(0).default(0),
  pageSize: z.number().int().min(1).max(500).default(50),
}
export const sortDir = z.enum(['asc', 'desc']).default('asc')

/**
 * A field of an edit: optional, and WITHOUT the create-time default. (A default inside an update
 * schema would silently reset every field the caller did not send.)
 */
export function editable<T extends z.ZodTypeAny>(field: T) {
  const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodTypeAny) : field
  return inner.optional() as z.ZodOptional<T extends z.ZodDefault<infer U> ? U : T>
}

export const listOf = <T extends z.ZodTypeAny>(row: T) =>
  z.object({ rows: z.array(row), total: z.number().int() })

export function method<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O) {
  return { input, output }
}

// Which items an exported file hands to a provider. Only those move pending → processing; the
// bookkeeping exports (csv, json) pay nobody, so they move nothing.
import type { PayoutFileFormatName, PaymentMethod } from '../../shared/domain'

const PROVIDER_METHODS: Record<PayoutFileFormatName, readonly PaymentMethod[]> = {
  paypal: ['paypal'],
  'paypal-json': ['paypal'],
  wise: ['wise', 'bank'],
  csv: [],
  json: [],
}

export function itemsMovedByFormat(
  format: PayoutFileFormatName,
  items: readonly { itemId: number; method: PaymentMethod }[],
): number[] {
  const methods = PROVIDER_METHODS[format]
  return items.filter((i) => methods.includes(i.method)).map((i) => i.itemId)
}

/** The methods a format's file can pay, or null for the bookkeeping formats, which list every item. */
export function methodsOfFormat(format: PayoutFileFormatName): readonly PaymentMethod[] | null {
  const methods = PROVIDER_METHODS[format]
  return methods.length ? methods : null
}

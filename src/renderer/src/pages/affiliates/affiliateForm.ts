// The affiliate form's values are the text the owner typed; these pure functions turn them into
// contract inputs (rates % → bps, empty → null) and back, collecting errors under contract paths.
import type { Affiliate, MethodInput } from '../../../../shared/contract'
import type { AffiliateTier, PaymentMethod } from '../../../../shared/domain'
import type { ErrorIssue } from '../../../../shared/errors'
import { bpsToPercent } from '../../../../shared/money'
import { IssueCollector } from '../../forms/fieldErrors'
import { optional, parsePercent } from '../../forms/parse'
import { emptyPaymentForm, paymentInput, paymentToForm, type PaymentFormValues } from './paymentDetailsForm'

export const TIER_LABELS: Record<AffiliateTier, string> = {
  standard: 'Standard',
  vip: 'VIP',
  elite: 'Elite',
}
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  paypal: 'PayPal',
  wise: 'Wise',
  bank: 'Bank transfer',
}

export interface ParentChoice {
  id: number
  label: string
}

export interface AffiliateFormValues extends PaymentFormValues {
  name: string
  email: string
  code: string
  parent: ParentChoice | null
  tier: AffiliateTier
  overridePercent: string
}

export function emptyAffiliateForm(defaultCurrency = 'USD'): AffiliateFormValues {
  return {
    name: '',
    email: '',
    code: '',
    parent: null,
    tier: 'standard',
    overridePercent: '',
    ...emptyPaymentForm(defaultCurrency),
  }
}

export function affiliateToForm(a: Affiliate): AffiliateFormValues {
  return {
    name: a.name,
    email: a.email,
    code: a.code,
    parent: a.parentId === null ? null : { id: a.parentId, label: a.parentCode ?? `#${a.parentId}` },
    tier: a.tier,
    overridePercent: a.overrideRateBps === null ? '' : bpsToPercent(a.overrideRateBps),
    ...paymentToForm(a),
  }
}

/** An input plus the conversion errors met building it (failed fields hold placeholders). */
type Built<T> = { input: T; issues: ErrorIssue[] }

function commonFields(v: AffiliateFormValues, c: IssueCollector) {
  const overrideRateBps = c.take('overrideRateBps', optional(v.overridePercent, parsePercent))
  return {
    name: v.name.trim(),
    email: v.email.trim(),
    tier: v.tier,
    overrideRateBps: overrideRateBps ?? null,
    ...paymentInput(v, c),
  }
}

export function toCreateInput(v: AffiliateFormValues): Built<MethodInput<'affiliates.create'>> {
  const c = new IssueCollector()
  const input: MethodInput<'affiliates.create'> = { ...commonFields(v, c), parentId: v.parent?.id ?? null }
  const code = v.code.trim()
  if (code !== '') input.code = code
  return { input, issues: c.issues }
}

export function toUpdateInput(id: number, v: AffiliateFormValues): Built<MethodInput<'affiliates.update'>> {
  const c = new IssueCollector()
  return { input: { id, ...commonFields(v, c) }, issues: c.issues }
}

/** The status actions a row offers: approve anything not approved, suspend what is. */
export function statusActions(status: Affiliate['status']): ('approve' | 'suspend')[] {
  return status === 'approved' ? ['suspend'] : ['approve']
}

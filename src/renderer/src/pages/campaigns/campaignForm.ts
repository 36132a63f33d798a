// Campaign editor values ↔ contract inputs. Same approach as the plan: text in, integers out,
// errors under the contract's paths.
import type { Campaign, MethodInput } from '../../../../shared/contract'
import type { ErrorIssue } from '../../../../shared/errors'
import { IssueCollector } from '../../forms/fieldErrors'
import { optional, parseAmount, parseWhole } from '../../forms/parse'
import { DEFAULT_MAX_REPORT_AMOUNT_MINOR } from '../../../../shared/domain'
import { formatMinor } from '../../../../shared/money'
import { emptyPlanForm, formToPlan, planToForm, type PlanFormValues } from '../../domain/planForm'

export interface CampaignFormValues {
  advertiserId: string
  name: string
  description: string
  status: Campaign['status']
  destinationUrl: string
  fallbackUrl: string
  clickIdParam: string
  cookieDays: string
  /** The most a browser report may claim, in the campaign's currency; empty = no limit. */
  maxClientAmount: string
  /** The most any report (postback or browser) may claim, in the campaign's currency. */
  maxPostbackAmount: string
  /** Empty = no automatic approval: every conversion waits for the owner. */
  holdDays: string
  currency: string
  plan: PlanFormValues
}

export function emptyCampaignForm(defaultCurrency: string): CampaignFormValues {
  return {
    advertiserId: '',
    name: '',
    description: '',
    status: 'active',
    destinationUrl: '',
    fallbackUrl: '',
    clickIdParam: 'clickid',
    cookieDays: '30',
    maxClientAmount: '',
    maxPostbackAmount: formatMinor(
      DEFAULT_MAX_REPORT_AMOUNT_MINOR,
      /^[A-Z]{3}$/.test(defaultCurrency) ? defaultCurrency : 'USD',
    ),
    holdDays: '30',
    currency: defaultCurrency,
    plan: emptyPlanForm('percentage'),
  }
}

export function campaignToForm(c: Campaign): CampaignFormValues {
  return {
    advertiserId: String(c.advertiserId),
    name: c.name,
    description: c.description,
    status: c.status,
    destinationUrl: c.destinationUrl,
    fallbackUrl: c.fallbackUrl ?? '',
    clickIdParam: c.clickIdParam,
    cookieDays: String(c.cookieDays),
    maxClientAmount: c.maxClientAmountMinor === null ? '' : formatMinor(c.maxClientAmountMinor, c.currency),
    maxPostbackAmount: formatMinor(c.maxPostbackAmountMinor, c.currency),
    holdDays: c.holdDays === null ? '' : String(c.holdDays),
    currency: c.currency,
    plan: planToForm(c.plan, c.currency),
  }
}

/** An input plus the conversion errors met building it (failed fields hold placeholders). */
type Built<T> = { input: T; issues: ErrorIssue[] }

function shared(v: CampaignFormValues, c: IssueCollector) {
  const currency = v.currency.trim().toUpperCase()
  const plan = formToPlan(v.plan, /^[A-Z]{3}$/.test(currency) ? currency : 'USD')
  for (const issue of plan.issues) c.add(issue.path, issue.message)
  return {
    name: v.name.trim(),
    description: v.description,
    status: v.status,
    destinationUrl: v.destinationUrl.trim(),
    fallbackUrl: v.fallbackUrl.trim() === '' ? null : v.fallbackUrl.trim(),
    clickIdParam: v.clickIdParam.trim(),
    cookieDays: c.take('cookieDays', parseWhole(v.cookieDays, 0, 3650)) ?? 0,
    maxClientAmountMinor:
      c.take(
        'maxClientAmountMinor',
        optional(v.maxClientAmount, (t) => parseAmount(t, /^[A-Z]{3}$/.test(currency) ? currency : 'USD')),
      ) ?? null,
    maxPostbackAmountMinor:
      c.take(
        'maxPostbackAmountMinor',
        parseAmount(v.maxPostbackAmount, /^[A-Z]{3}$/.test(currency) ? currency : 'USD'),
      ) ?? DEFAULT_MAX_REPORT_AMOUNT_MINOR,
    holdDays:
      c.take(
        'holdDays',
        optional(v.holdDays, (t) => parseWhole(t, 0, 365)),
      ) ?? null,
    plan: plan.plan,
  }
}

export function toCampaignCreateInput(v: CampaignFormValues): Built<MethodInput<'campaigns.create'>> {
  const c = new IssueCollector()
  const fields = shared(v, c)
  const advertiserId = Number(v.advertiserId)
  if (!v.advertiserId || !Number.isSafeInteger(advertiserId)) c.add('advertiserId', 'Choose an advertiser')
  return {
    input: { ...fields, advertiserId: advertiserId || 0, currency: v.currency.trim().toUpperCase() },
    issues: c.issues,
  }
}

/** Advertiser and currency are fixed once a campaign exists (campaigns.update does not take them). */
export function toCampaignUpdateInput(
  id: number,
  v: CampaignFormValues,
): Built<MethodInput<'campaigns.update'>> {
  const c = new IssueCollector()
  return { input: { id, ...shared(v, c) }, issues: c.issues }
}

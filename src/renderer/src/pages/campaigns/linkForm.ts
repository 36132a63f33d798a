// The "New link" form's text ↔ links.create input. Optional fields left empty are left out (code: the
// server generates one) or null (landing URL: the campaign's destination is used).
import type { MethodInput } from '../../../../shared/contract'
import type { ErrorIssue } from '../../../../shared/errors'

export interface LinkFormValues {
  affiliate: { id: number; label: string } | null
  campaignId: string
  code: string
  landingUrl: string
}

export const emptyLinkForm = (campaignId = ''): LinkFormValues => ({
  affiliate: null,
  campaignId,
  code: '',
  landingUrl: '',
})

export function toLinkCreateInput(v: LinkFormValues): {
  input: MethodInput<'links.create'>
  issues: ErrorIssue[]
} {
  const issues: ErrorIssue[] = []
  if (!v.affiliate)
    issues.push({ path: 'affiliateId', message: 'Choose the affiliate who will share this link' })
  const campaignId = /^\d+$/.test(v.campaignId) ? Number(v.campaignId) : 0
  if (!campaignId) issues.push({ path: 'campaignId', message: 'Choose a campaign' })
  // Placeholders (0) for missing ids keep the shape; the issues above are what the form shows.
  const input: MethodInput<'links.create'> = {
    affiliateId: v.affiliate?.id ?? 0,
    campaignId,
    landingUrl: v.landingUrl.trim() === '' ? null : v.landingUrl.trim(),
  }
  const code = v.code.trim()
  if (code !== '') input.code = code
  return { input, issues }
}

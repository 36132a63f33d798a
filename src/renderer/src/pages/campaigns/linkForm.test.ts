import { describe, expect, it } from 'vitest'
import { allIssues } from '../../forms/validate'
import { emptyLinkForm, toLinkCreateInput } from './linkForm'

describe('toLinkCreateInput', () => {
  it('leaves optional fields to the server', () => {
    const built = toLinkCreateInput({
      ...emptyLinkForm('3'),
      affiliate: { id: 7, label: 'ADA — Ada' },
    })
    expect(built).toEqual({ input: { affiliateId: 7, campaignId: 3, landingUrl: null }, issues: [] })
  })

  it('passes a chosen code and landing page, trimmed', () => {
    const built = toLinkCreateInput({
      affiliate: { id: 7, label: 'x' },
      campaignId: '3',
      code: ' spring-ada ',
      landingUrl: ' https://shop.example.com/a ',
    })
    expect(built.input).toEqual({
      affiliateId: 7,
      campaignId: 3,
      code: 'spring-ada',
      landingUrl: 'https://shop.example.com/a',
    })
  })

  it('reports every missing or bad field under its contract path', () => {
    const built = toLinkCreateInput({ ...emptyLinkForm(), code: 'bad code!', landingUrl: 'nope' })
    const paths = allIssues('links.create', built).map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['affiliateId', 'campaignId', 'code', 'landingUrl']))
  })
})

import { describe, expect, it } from 'vitest'
import { parseHash, sectionOf } from './routes'

describe('parseHash', () => {
  it('maps hashes to routes', () => {
    expect(parseHash('')).toEqual({ name: 'section', section: 'dashboard' })
    expect(parseHash('#/')).toEqual({ name: 'section', section: 'dashboard' })
    expect(parseHash('#/affiliates')).toEqual({ name: 'section', section: 'affiliates' })
    expect(parseHash('#/audit/')).toEqual({ name: 'section', section: 'audit' })
    expect(parseHash('#/campaigns/new')).toEqual({ name: 'campaign-new' })
    expect(parseHash('#/campaigns/42')).toEqual({ name: 'campaign-edit', id: 42 })
  })

  it('refuses anything else', () => {
    expect(parseHash('#/campaigns/0').name).toBe('not-found')
    expect(parseHash('#/campaigns/abc').name).toBe('not-found')
    expect(parseHash('#/nope').name).toBe('not-found')
    expect(parseHash('#/affiliates/1/2').name).toBe('not-found')
  })

  it('highlights Campaigns for the campaign editor', () => {
    expect(sectionOf(parseHash('#/campaigns/7'))).toBe('campaigns')
    expect(sectionOf(parseHash('#/x'))).toBeNull()
  })
})

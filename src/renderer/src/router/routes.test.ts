import { describe, expect, it } from 'vitest'
import { href, parseHash, sectionOf } from './routes'

describe('parseHash', () => {
  it('maps hashes to routes', () => {
    expect(parseHash('')).toEqual({ name: 'section', section: 'dashboard' })
    expect(parseHash('#/')).toEqual({ name: 'section', section: 'dashboard' })
    expect(parseHash('#/affiliates')).toEqual({ name: 'section', section: 'affiliates' })
    expect(parseHash('#/audit/')).toEqual({ name: 'section', section: 'audit' })
    expect(parseHash('#/campaigns/new')).toEqual({ name: 'campaign-new' })
    expect(parseHash('#/campaigns/42')).toEqual({ name: 'campaign-edit', id: 42 })
  })

  it('maps the tabs and detail screens', () => {
    expect(parseHash('#/campaigns/links')).toEqual({ name: 'links' })
    expect(parseHash('#/campaigns/advertisers')).toEqual({ name: 'advertisers' })
    expect(parseHash('#/campaigns/advertisers/3')).toEqual({ name: 'advertiser', id: 3 })
    expect(parseHash('#/conversions/17')).toEqual({ name: 'conversion', id: 17 })
    expect(parseHash('#/affiliates/8')).toEqual({ name: 'affiliate', id: 8 })
    expect(parseHash(href.affiliate(8))).toEqual({ name: 'affiliate', id: 8 })
    expect(parseHash('#/commissions/balances')).toEqual({ name: 'balances' })
    expect(parseHash('#/commissions/what-if')).toEqual({ name: 'what-if' })
    expect(parseHash('#/payouts/new')).toEqual({ name: 'payout-new' })
    expect(parseHash('#/payouts/12')).toEqual({ name: 'payout-run', id: 12 })
    expect(parseHash(href.payoutRun(5))).toEqual({ name: 'payout-run', id: 5 })
  })

  it('refuses anything else', () => {
    expect(parseHash('#/campaigns/0').name).toBe('not-found')
    expect(parseHash('#/campaigns/abc').name).toBe('not-found')
    expect(parseHash('#/campaigns/links/2').name).toBe('not-found')
    expect(parseHash('#/campaigns/advertisers/x').name).toBe('not-found')
    expect(parseHash('#/campaigns/advertisers/1/2').name).toBe('not-found')
    expect(parseHash('#/conversions/abc').name).toBe('not-found')
    expect(parseHash('#/affiliates/0').name).toBe('not-found')
    expect(parseHash('#/commissions/nope').name).toBe('not-found')
    expect(parseHash('#/payouts/0').name).toBe('not-found')
    expect(parseHash('#/payouts/1/items').name).toBe('not-found')
    expect(parseHash('#/nope').name).toBe('not-found')
    expect(parseHash('#/affiliates/1/2').name).toBe('not-found')
  })

  it('highlights the owning section', () => {
    expect(sectionOf(parseHash('#/campaigns/7'))).toBe('campaigns')
    expect(sectionOf(parseHash('#/campaigns/advertisers/7'))).toBe('campaigns')
    expect(sectionOf(parseHash('#/conversions/7'))).toBe('conversions')
    expect(sectionOf(parseHash('#/affiliates/7'))).toBe('affiliates')
    expect(sectionOf(parseHash('#/commissions/what-if'))).toBe('commissions')
    expect(sectionOf(parseHash('#/payouts/new'))).toBe('payouts')
    expect(sectionOf(parseHash('#/payouts/3'))).toBe('payouts')
    expect(sectionOf(parseHash('#/x'))).toBeNull()
  })

  it('round-trips every link it builds', () => {
    for (const link of [
      href.links(),
      href.advertisers(),
      href.advertiser(5),
      href.conversion(9),
      href.balances(),
      href.whatIf(),
      href.campaign(2),
      href.campaignNew(),
    ]) {
      expect(parseHash(link).name).not.toBe('not-found')
    }
  })
})

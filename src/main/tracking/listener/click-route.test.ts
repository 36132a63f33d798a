import { describe, expect, it } from 'vitest'
import type { LinkTarget } from '../types'
import { destinationFor } from './click-route'

const link = (destinationUrl: string, clickIdParam = 'clickid'): LinkTarget => ({
  linkId: 1,
  affiliateId: 1,
  affiliateCode: 'A',
  affiliateStatus: 'approved',
  campaignId: 1,
  advertiserId: 1,
  campaignStatus: 'active',
  linkActive: true,
  destinationUrl,
  landingUrl: null,
  fallbackUrl: null,
  clickIdParam,
  cookieDays: 30,
  subDefaults: {},
})

describe('destinationFor', () => {
  it('appends the click id and subs, keeping the destination query and fragment', () => {
    const out = destinationFor(link('https://shop.example/p?a=1&b=two#top'), 'CID', [
      'x y',
      null,
      'z&w',
      null,
      null,
    ])
    const url = new URL(out)
    expect(url.origin + url.pathname).toBe('https://shop.example/p')
    expect([...url.searchParams]).toEqual([
      ['a', '1'],
      ['b', 'two'],
      ['clickid', 'CID'],
      ['sub1', 'x y'],
      ['sub3', 'z&w'],
    ])
    expect(url.hash).toBe('#top')
  })

  it('uses the campaign parameter name and replaces a stale value already in the destination', () => {
    const url = new URL(
      destinationFor(link('https://shop.example/?cid=OLD&sub1=old', 'cid'), 'NEW', [
        null,
        null,
        null,
        null,
        null,
      ]),
    )
    expect(url.searchParams.getAll('cid')).toEqual(['NEW'])
    expect(url.searchParams.has('sub1')).toBe(false)
  })

  it('agrees with the URL API on awkward input', () => {
    for (const sub of ['%', '?', '#', '&=', 'ü', '😀', '../']) {
      const url = new URL(
        destinationFor(link('https://shop.example/landing'), 'C', [sub, null, null, null, null]),
      )
      expect(url.searchParams.get('sub1')).toBe(sub)
      expect(url.origin).toBe('https://shop.example')
    }
  })
})

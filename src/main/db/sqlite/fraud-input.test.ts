import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EVENT_TYPES, TRUST_LEVELS } from '../../../shared/domain'
import type { FraudInput } from '../../fraud/types'
import { decodeFraudInput, encodeFraudInput } from './fraud-input'

const text = fc.string({ maxLength: 40 })
const count = fc.nat({ max: 100_000 })
const time = fc.integer({ min: 0, max: 4_102_444_800_000 })
const click = fc.record({
  at: time,
  ip: text,
  country: text,
  userAgent: text,
  referer: text,
  fingerprint: fc.option(text),
  hidden: fc.boolean(),
  flagged: fc.boolean(),
})
const input: fc.Arbitrary<FraudInput> = fc
  .record({
    at: time,
    affiliateId: count,
    campaignId: count,
    trust: fc.constantFrom(...TRUST_LEVELS),
    eventType: fc.constantFrom(...EVENT_TYPES),
    amountMinor: fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
    currency: text,
    ip: fc.option(text),
    country: fc.option(text),
    userAgent: fc.option(text),
    fingerprint: fc.option(text),
    customerEmail: fc.option(text),
    click: fc.option(click),
    affiliate: fc.record({
      email: text,
      paymentEmail: fc.option(text),
      createdAt: time,
      usedIp: fc.boolean(),
      usedFingerprint: fc.boolean(),
    }),
    counters: fc.record({
      ipClicksLastHour: count,
      ipConversionsLast24h: count,
      fingerprintConversionsLast24h: count,
      fingerprintAffiliatesLast24h: count,
      affiliateConversionsLast24h: count,
    }),
    asn: fc.option(count),
    datacenter: fc.boolean(),
  })
  // A postback's visitor is its click: the fields the array form stores once when they repeat.
  .chain((x) =>
    fc.boolean().map((visitorIsClick) =>
      visitorIsClick && x.click
        ? {
            ...x,
            ip: x.click.ip,
            country: x.click.country,
            userAgent: x.click.userAgent,
            fingerprint: x.click.fingerprint,
          }
        : x,
    ),
  )

const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const postback: FraudInput = {
  at: 1_763_640_000_000,
  affiliateId: 7,
  campaignId: 3,
  trust: 'signed',
  eventType: 'sale',
  amountMinor: 4990,
  currency: 'USD',
  ip: '81.2.69.160',
  country: 'GB',
  userAgent: BROWSER,
  fingerprint: null,
  customerEmail: 'buyer@shop.example',
  click: {
    at: 1_763_639_700_000,
    ip: '81.2.69.160',
    country: 'GB',
    userAgent: BROWSER,
    referer: 'https://blog.example/review',
    fingerprint: null,
    hidden: false,
    flagged: false,
  },
  affiliate: {
    email: 'partner@blog.example',
    paymentEmail: null,
    createdAt: 1_760_000_000_000,
    usedIp: false,
    usedFingerprint: false,
  },
  counters: {
    ipClicksLastHour: 1,
    ipConversionsLast24h: 0,
    fingerprintConversionsLast24h: 0,
    fingerprintAffiliatesLast24h: 0,
    affiliateConversionsLast24h: 12,
  },
  asn: null,
  datacenter: false,
}

describe('stored fraud input', () => {
  it('reads back exactly what was written, whatever the input', () => {
    fc.assert(
      fc.property(input, (x) => {
        // fast-check makes some records without a prototype; the clone is the same data with one.
        expect(decodeFraudInput(encodeFraudInput(x))).toStrictEqual(structuredClone(x))
      }),
      { numRuns: 500 },
    )
  })

  it("stores a postback's input in a third of the keyed form's size, its click's agent once", () => {
    const stored = encodeFraudInput(postback)
    expect(stored.length).toBeLessThan(JSON.stringify(postback).length / 2.5)
    expect(stored.split(BROWSER)).toHaveLength(2)
    expect(decodeFraudInput(stored)).toStrictEqual(postback)
  })

  it('reads rows written before the array form: the keyed object as it was stored', () => {
    const old = JSON.stringify(postback)
    expect(old.startsWith('{"at":')).toBe(true)
    expect(decodeFraudInput(old)).toStrictEqual(postback)
  })

  it('refuses what is neither form rather than training on garbage', () => {
    expect(() => decodeFraudInput('[3,1,2]')).toThrow(/unknown layout/)
    expect(() => decodeFraudInput('"text"')).toThrow(/not an object/)
    expect(() => decodeFraudInput(encodeFraudInput(postback).replace(/,null\]$/, ']'))).toThrow(
      /unknown layout/,
    )
  })
})

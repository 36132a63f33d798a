import { describe, expect, it } from 'vitest'
import { cleanClick, cleanInput, T0 } from '../../../test/support/fraud-input'
import { DEFAULT_FRAUD_SETTINGS, type FraudSettings } from '../../shared/fraud-settings'
import { evaluateRules, isClickFlood, rulesScore } from './rules'
import type { FraudInput } from './types'

const S = DEFAULT_FRAUD_SETTINGS
const codes = (input: FraudInput, settings: FraudSettings = S) =>
  evaluateRules(input, settings).map((r) => r.code)
function withRule<K extends keyof FraudSettings['rules']>(
  name: K,
  patch: Partial<FraudSettings['rules'][K]>,
): FraudSettings {
  return { ...S, rules: { ...S.rules, [name]: { ...S.rules[name], ...patch } } }
}

describe('fraud rules', () => {
  it('a clean conversion trips nothing', () => {
    expect(evaluateRules(cleanInput(), S)).toEqual([])
  })

  it('click flood: at the limit is fine, one over trips, with the numbers in words', () => {
    expect(isClickFlood(10, S)).toBe(false)
    expect(isClickFlood(11, S)).toBe(true)
    expect(codes(cleanInput({ counters: { ipClicksLastHour: 10 } }))).toEqual([])
    const [reason] = evaluateRules(cleanInput({ counters: { ipClicksLastHour: 11 } }), S)
    expect(reason).toEqual({
      code: 'click_flood',
      weight: 30,
      detail: '11 clicks from this IP in the last hour (limit 10)',
    })
    expect(isClickFlood(11, withRule('clickFlood', { enabled: false }))).toBe(false)
    expect(isClickFlood(20, withRule('clickFlood', { maxClicksPerHour: 20 }))).toBe(false)
  })

  it('IP velocity: 5 earlier conversions in 24 h is fine, 6 trips', () => {
    expect(codes(cleanInput({ counters: { ipConversionsLast24h: 5 } }))).toEqual([])
    const [reason] = evaluateRules(cleanInput({ counters: { ipConversionsLast24h: 6 } }), S)
    expect(reason!.code).toBe('ip_velocity')
    expect(reason!.detail).toBe('6 earlier conversions from this IP in 24 h (limit 5)')
  })

  it('self-referral: the affiliate email normalised for case, plus-addressing and Gmail dots', () => {
    expect(codes(cleanInput({ customerEmail: 'PARTNER+shop@Example.org' }))).toEqual(['self_referral'])
    expect(codes(cleanInput({ customerEmail: 'pay.partner+x@googlemail.com' }))).toEqual(['self_referral'])
    expect(codes(cleanInput({ customerEmail: 'p.a.y.partner@gmail.com' }))).toEqual(['self_referral'])
    // Dots matter outside Gmail, and a near miss is not a match.
    expect(codes(cleanInput({ customerEmail: 'part.ner@example.org' }))).toEqual([])
    expect(codes(cleanInput({ customerEmail: 'partner@example.com' }))).toEqual([])
    expect(codes(cleanInput({ customerEmail: null }))).toEqual([])
  })

  it("self-referral: the affiliate's own IP or fingerprint", () => {
    const ip = evaluateRules(cleanInput({ affiliate: { usedIp: true } }), S)
    expect(ip.map((r) => r.detail)).toEqual(['Self-referral: the affiliate used this IP'])
    expect(codes(cleanInput({ affiliate: { usedFingerprint: true } }))).toEqual(['self_referral'])
  })

  it('disposable email: maintained list, parent domains, and the owner allow/deny lists', () => {
    expect(codes(cleanInput({ customerEmail: 'x@mailinator.com' }))).toEqual(['disposable_email'])
    expect(codes(cleanInput({ customerEmail: 'x@eu.mailinator.com' }))).toEqual(['disposable_email'])
    expect(codes(cleanInput({ customerEmail: 'x@gmail.com' }))).toEqual([])
    expect(
      codes(
        cleanInput({ customerEmail: 'x@mailinator.com' }),
        withRule('disposableEmail', { allowDomains: ['mailinator.com'] }),
      ),
    ).toEqual([])
    expect(
      codes(
        cleanInput({ customerEmail: 'x@shady.example' }),
        withRule('disposableEmail', { denyDomains: ['shady.example'] }),
      ),
    ).toEqual(['disposable_email'])
  })

  it('click injection: exactly the minimum seconds is fine, a millisecond less trips', () => {
    const at10 = cleanInput({ click: cleanClick({ at: T0 - 10_000 }) })
    expect(codes(at10)).toEqual([])
    const under = evaluateRules(cleanInput({ click: cleanClick({ at: T0 - 9_999 }) }), S)
    expect(under).toEqual([
      {
        code: 'click_injection',
        weight: 40,
        detail: 'Converted 9 s after the click (at least 10 s expected)',
      },
    ])
    expect(codes(cleanInput({ click: null }))).toEqual([])
  })

  it('cookie stuffing: a hidden click, or (weaker) one without a referer', () => {
    const hidden = evaluateRules(cleanInput({ click: cleanClick({ hidden: true }) }), S)
    expect(hidden.map((r) => [r.code, r.weight])).toEqual([['cookie_stuffing', 50]])
    const noReferer = evaluateRules(cleanInput({ click: cleanClick({ referer: ' ' }) }), S)
    expect(noReferer.map((r) => [r.code, r.weight])).toEqual([['cookie_stuffing', 10]])
  })

  it('fingerprint reuse: 3 earlier conversions fine, 4 trip; 2 affiliates fine, 3 trip', () => {
    expect(
      codes(cleanInput({ counters: { fingerprintConversionsLast24h: 3, fingerprintAffiliatesLast24h: 2 } })),
    ).toEqual([])
    expect(codes(cleanInput({ counters: { fingerprintConversionsLast24h: 4 } }))).toEqual([
      'fingerprint_reuse',
    ])
    const [reason] = evaluateRules(cleanInput({ counters: { fingerprintAffiliatesLast24h: 3 } }), S)
    expect(reason!.detail).toBe('This device converted for 3 affiliates in 24 h (limit 2)')
    // No fingerprint, no rule (the counters would be 0 anyway).
    expect(codes(cleanInput({ fingerprint: null, counters: { fingerprintConversionsLast24h: 9 } }))).toEqual(
      [],
    )
  })

  it('bots: known bot, headless, missing user agent; a server postback without one is not a bot', () => {
    const ua = (userAgent: string) => codes(cleanInput({ click: cleanClick({ userAgent }) }))
    expect(ua('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toEqual(['bot'])
    expect(
      ua(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      ),
    ).toEqual(['bot'])
    expect(
      ua(
        'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1',
      ),
    ).toEqual(['bot'])
    expect(ua('')).toEqual(['bot'])
    expect(codes(cleanInput({ click: null, userAgent: null }))).toEqual([])
    expect(codes(cleanInput({ click: null, userAgent: 'curl/8.5.0' }))).toEqual(['bot'])
  })

  it('datacenter: the ASN database says so, a listed hosting ASN, or one the owner added', () => {
    expect(codes(cleanInput({ datacenter: true }))).toEqual(['datacenter'])
    expect(evaluateRules(cleanInput({ asn: 16509 }), S)[0]!.detail).toBe(
      'The IP belongs to a hosting network: AS16509 Amazon Web Services',
    )
    expect(codes(cleanInput({ asn: 62240 }))).toEqual([])
    expect(codes(cleanInput({ asn: 62240 }), withRule('datacenter', { extraAsns: [62240] }))).toEqual([
      'datacenter',
    ])
    expect(codes(cleanInput({ asn: null }))).toEqual([])
  })

  it('geo mismatch only when both countries are known and differ', () => {
    expect(codes(cleanInput({ country: 'FR' }))).toEqual(['geo_mismatch'])
    expect(codes(cleanInput({ country: 'de' }))).toEqual([])
    expect(codes(cleanInput({ country: null }))).toEqual([])
    expect(codes(cleanInput({ click: cleanClick({ country: '' }), country: 'FR' }))).toEqual([])
  })

  it('low trust: a browser report weighs more than a token postback; signed and manual nothing', () => {
    expect(evaluateRules(cleanInput({ trust: 'client' }), S).map((r) => r.weight)).toEqual([20])
    expect(evaluateRules(cleanInput({ trust: 'token' }), S).map((r) => r.weight)).toEqual([5])
    expect(codes(cleanInput({ trust: 'manual' }))).toEqual([])
  })

  it('an off rule, or a weight of 0, adds no reason; the points add up to at most 100', () => {
    const bad = cleanInput({ datacenter: true, trust: 'client', customerEmail: 'partner@example.org' })
    expect(codes(bad, withRule('datacenter', { enabled: false }))).toEqual(['self_referral', 'low_trust'])
    expect(codes(bad, withRule('lowTrust', { weight: 0 }))).toEqual(['self_referral', 'datacenter'])
    expect(rulesScore(evaluateRules(bad, S))).toBe(100)
    expect(rulesScore(evaluateRules(cleanInput({ trust: 'client', country: 'FR' }), S))).toBe(35)
  })
})

// A conversion that trips no fraud rule under the default settings; tests change one thing at a time.
import type { FraudClick, FraudInput } from '../../src/main/fraud/types'

export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0)

export function cleanClick(over: Partial<FraudClick> = {}): FraudClick {
  return {
    at: T0 - 20 * 60_000,
    ip: '203.0.113.10',
    country: 'DE',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    referer: 'https://blog.example/review',
    fingerprint: 'fp-customer',
    hidden: false,
    flagged: false,
    ...over,
  }
}

type Over = Partial<Omit<FraudInput, 'affiliate' | 'counters'>> & {
  affiliate?: Partial<FraudInput['affiliate']>
  counters?: Partial<FraudInput['counters']>
}

export function cleanInput(over: Over = {}): FraudInput {
  const { affiliate, counters, ...rest } = over
  return {
    at: T0,
    affiliateId: 7,
    campaignId: 1,
    trust: 'signed',
    eventType: 'sale',
    amountMinor: 4999,
    currency: 'EUR',
    ip: '203.0.113.10',
    country: 'DE',
    userAgent: null,
    fingerprint: 'fp-customer',
    customerEmail: 'customer@example.com',
    click: cleanClick(),
    asn: 3320,
    datacenter: false,
    ...rest,
    affiliate: {
      email: 'partner@example.org',
      paymentEmail: 'Pay.Partner@gmail.com',
      createdAt: T0 - 400 * 86_400_000,
      usedIp: false,
      usedFingerprint: false,
      ...affiliate,
    },
    counters: {
      ipClicksLastHour: 1,
      ipConversionsLast24h: 0,
      fingerprintConversionsLast24h: 0,
      fingerprintAffiliatesLast24h: 1,
      affiliateConversionsLast24h: 0,
      ...counters,
    },
  }
}

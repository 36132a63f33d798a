import type { ConversionIntent } from '../../src/main/commissions/ports'

/** The fixed clock most store tests run on. */
export const T0 = Date.UTC(2026, 10, 20, 12)

/**
 * A conversion as a signed postback would deliver it: a pending 100.00 USD sale with no flags. Only
 * who it is for has no sensible default; everything else a test states only when it matters.
 */
export function intent(
  over: Partial<ConversionIntent> & Pick<ConversionIntent, 'advertiserId' | 'click'>,
): ConversionIntent {
  return {
    trust: 'signed',
    orderId: 'ORDER-1',
    eventType: 'sale',
    status: 'pending',
    amountMinor: 10_000,
    currency: 'USD',
    advertiserPayoutMinor: null,
    customerKey: null,
    subscriptionId: null,
    ip: null,
    receivedAt: T0,
    flags: [],
    riskScore: 0,
    ...over,
  }
}

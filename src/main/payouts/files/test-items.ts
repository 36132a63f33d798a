// Builders shared by this folder's tests: valid items per method and currency.
import type { BankDetails, PayoutFileItem, PayoutRunInfo } from './types'

export const RUN: PayoutRunInfo = {
  runId: 7,
  createdAt: Date.UTC(2026, 9, 31, 12),
  cutoff: Date.UTC(2026, 9, 31),
}

export const BANKS: Record<string, BankDetails> = {
  EUR: {
    accountHolder: 'Eva Müller',
    receiverType: 'PERSON',
    iban: 'DE89 3704 0044 0532 0130 00',
    bic: 'COBADEFFXXX',
  },
  GBP: {
    accountHolder: 'Gina Ltd',
    receiverType: 'INSTITUTION',
    accountNumber: '31926819',
    sortCode: '60-16-13',
  },
  USD: {
    accountHolder: 'Sam Doe',
    receiverType: 'PERSON',
    accountNumber: '123456789',
    routingNumber: '026009593',
    accountType: 'CHECKING',
    country: 'US',
    city: 'New York',
    postCode: '10001',
    addressLine: '1 Main St',
    state: 'NY',
  },
  AUD: { accountHolder: 'Alex Roo', receiverType: 'PERSON', accountNumber: '12345678', bsbCode: '062-000' },
}

export function item(itemId: number, over: Partial<PayoutFileItem> = {}): PayoutFileItem {
  return {
    itemId,
    runId: RUN.runId,
    affiliateId: 1000 + itemId,
    affiliateCode: `AFF${itemId}`,
    name: `Affiliate ${itemId}`,
    method: 'paypal',
    currency: 'USD',
    amountMinor: 100 + itemId,
    email: `a${itemId}@example.com`,
    bank: null,
    ...over,
  }
}

export function bankItem(
  itemId: number,
  currency: string,
  over: Partial<PayoutFileItem> = {},
): PayoutFileItem {
  return item(itemId, { method: 'bank', currency, bank: BANKS[currency]!, email: null, ...over })
}

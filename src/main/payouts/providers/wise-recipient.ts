// The Wise recipient account for a payout item: a bank account when the item carries bank details
// (method `bank`, or `wise` with details), else an email recipient, with the account type each currency takes. Kept apart so types are easy to change.
import type { PayoutFileItem } from '../files'

export function wiseRecipient(item: PayoutFileItem): Record<string, unknown> {
  const base = { currency: item.currency, accountHolderName: item.bank?.accountHolder ?? item.name }
  if (!item.bank && item.method !== 'bank') {
    if (!item.email) throw new Error(`PI-${item.itemId} has no email for a Wise email recipient`)
    return { ...base, type: 'email', details: { email: item.email } }
  }
  const b = item.bank
  if (!b) throw new Error(`PI-${item.itemId} has no bank details`)
  const legalType = b.receiverType === 'INSTITUTION' ? 'BUSINESS' : 'PRIVATE'
  if (item.currency === 'GBP' && b.sortCode && b.accountNumber)
    return {
      ...base,
      type: 'sort_code',
      details: { legalType, sortCode: b.sortCode, accountNumber: b.accountNumber },
    }
  if (item.currency === 'USD' && b.routingNumber && b.accountNumber)
    return {
      ...base,
      type: 'aba',
      details: {
        legalType,
        abartn: b.routingNumber,
        accountNumber: b.accountNumber,
        accountType: b.accountType ?? 'CHECKING',
        address: {
          country: b.country ?? 'US',
          city: b.city ?? '',
          postCode: b.postCode ?? '',
          firstLine: b.addressLine ?? '',
          ...(b.state ? { state: b.state } : {}),
        },
      },
    }
  if (item.currency === 'AUD' && b.bsbCode && b.accountNumber)
    return {
      ...base,
      type: 'australian',
      details: { legalType, bsbCode: b.bsbCode, accountNumber: b.accountNumber },
    }
  if (b.iban)
    return { ...base, type: 'iban', details: { legalType, IBAN: b.iban, ...(b.bic ? { BIC: b.bic } : {}) } }
  throw new Error(`PI-${item.itemId}: no Wise account type for ${item.currency} with these bank details`)
}

// Pure rules for the payout provider widgets (settings section, run page API panel).
import type { PayoutItem, PayoutProviderStatus } from '../../../shared/contract'
import type { PayoutProvider } from '../../../shared/domain'
import { displayMoney } from '../../../shared/money'

const METHODS: Record<PayoutProvider, readonly string[]> = { paypal: ['paypal'], wise: ['wise', 'bank'] }

export function providerStateText(p: PayoutProviderStatus): string {
  if (!p.configured) return 'not configured'
  if (!p.readable) return 'credentials unreadable on this machine: enter them again'
  return `configured · ${p.sandbox ? 'sandbox' : 'live'}`
}

/** Pending items a provider would be sent, with their totals per currency, for the confirmation. */
export function sendPreview(provider: PayoutProvider, items: readonly PayoutItem[]) {
  const chosen = items.filter((i) => i.status === 'pending' && METHODS[provider].includes(i.method))
  const totals = new Map<string, number>()
  for (const i of chosen) totals.set(i.currency, (totals.get(i.currency) ?? 0) + i.amountMinor)
  return {
    count: chosen.length,
    totals: [...totals].map(([currency, minor]) => displayMoney(minor, currency)).join(', '),
  }
}

// Where each provider's API lives. Sandbox and live are separate hosts with separate credentials;
// tests (and a proxy, if an owner ever needs one) override the base URLs through the core options.
import type { PayoutProvider } from '../../../shared/domain'

export type ProviderEndpoints = Record<PayoutProvider, { sandbox: string; live: string }>

export const DEFAULT_ENDPOINTS: ProviderEndpoints = {
  paypal: { sandbox: 'https://api-m.sandbox.paypal.com', live: 'https://api-m.paypal.com' },
  wise: { sandbox: 'https://api.sandbox.transferwise.tech', live: 'https://api.transferwise.com' },
}

export function baseUrl(
  provider: PayoutProvider,
  sandbox: boolean,
  overrides: Partial<ProviderEndpoints> = {},
): string {
  const e = overrides[provider] ?? DEFAULT_ENDPOINTS[provider]
  return (sandbox ? e.sandbox : e.live).replace(/\/+$/, '')
}

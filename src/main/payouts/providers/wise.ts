// Wise API client: quote → recipient account → transfer (customerTransactionId is the idempotency
// key: a repeat returns the transfer already made) → fund from the balance; then transfer states.
import { providerRequest, ProviderHttpError, type HttpOptions } from './http'

export interface WiseCredentials {
  apiToken: string
  profileId: number
}

export interface WiseTransfer {
  id: number
  status: string
}

export type WiseFundResult = { kind: 'funded' } | { kind: 'rejected'; reason: string }

export function createWiseClient(base: string, creds: WiseCredentials, http: HttpOptions = {}) {
  const headers = { authorization: `Bearer ${creds.apiToken}` }
  const call = async (method: 'GET' | 'POST', path: string, what: string, body?: unknown) =>
    providerRequest({ provider: 'Wise', what, url: `${base}${path}`, method, headers, body }, http)
  const fail = (res: { status: number; body: unknown }, what: string) =>
    new ProviderHttpError('Wise', res.status, res.body, what)
  const profile = creds.profileId

  return {
    /** Reads the profile: the cheapest way to learn the token is good before anything is created. */
    async checkProfile(): Promise<void> {
      const what = `profile ${profile}`
      const res = await call('GET', `/v2/profiles/${profile}`, what)
      if (res.status !== 200) throw fail(res, what)
    },

    async createQuote(currency: string, amount: string): Promise<string> {
      const what = `a quote for ${amount} ${currency}`
      const res = await call('POST', `/v3/profiles/${profile}/quotes`, what, {
        sourceCurrency: currency,
        targetCurrency: currency,
        targetAmount: Number(amount),
        payOut: 'BALANCE',
      })
      const id = (res.body as { id?: string } | null)?.id
      if ((res.status !== 200 && res.status !== 201) || !id) throw fail(res, what)
      return id
    },

    async createRecipient(account: Record<string, unknown>, what: string): Promise<number> {
      const res = await call('POST', `/v1/accounts`, what, { profile, ...account })
      const id = (res.body as { id?: number } | null)?.id
      if ((res.status !== 200 && res.status !== 201) || typeof id !== 'number') throw fail(res, what)
      return id
    },

    async createTransfer(input: {
      targetAccount: number
      quoteUuid: string
      customerTransactionId: string
      reference: string
    }): Promise<WiseTransfer> {
      const what = `the transfer ${input.reference}`
      const res = await call('POST', `/v1/transfers`, what, {
        targetAccount: input.targetAccount,
        quoteUuid: input.quoteUuid,
        customerTransactionId: input.customerTransactionId,
        details: { reference: input.reference },
      })
      const b = res.body as { id?: number; status?: string } | null
      if ((res.status === 200 || res.status === 201) && typeof b?.id === 'number')
        return { id: b.id, status: b.status ?? 'incoming_payment_waiting' }
      throw fail(res, what)
    },

    async fund(transferId: number): Promise<WiseFundResult> {
      const what = `funding transfer ${transferId}`
      const res = await call('POST', `/v3/profiles/${profile}/transfers/${transferId}/payments`, what, {
        type: 'BALANCE',
      })
      const b = res.body as { status?: string; errorCode?: string | null } | null
      if (res.status === 200 || res.status === 201) {
        if (b?.status === 'COMPLETED') return { kind: 'funded' }
        return { kind: 'rejected', reason: b?.errorCode ?? b?.status ?? 'rejected' }
      }
      // Funded already (a retry after a lost answer): the transfer has left "waiting for payment".
      if (res.status === 409 || res.status === 422 || res.status === 400) {
        const t = await this.getTransfer(transferId)
        if (t.status !== 'incoming_payment_waiting') return { kind: 'funded' }
      }
      throw fail(res, what)
    },

    async getTransfer(transferId: number): Promise<WiseTransfer> {
      const what = `transfer ${transferId}`
      const res = await call('GET', `/v1/transfers/${transferId}`, what)
      const b = res.body as { id?: number; status?: string } | null
      if (res.status !== 200 || !b?.status) throw fail(res, what)
      return { id: transferId, status: b.status }
    },
  }
}

export type WiseClient = ReturnType<typeof createWiseClient>

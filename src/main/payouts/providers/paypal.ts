// PayPal Payouts REST client: OAuth2 client-credentials token, create a batch, read a batch.
// The batch body is the one the "PayPal API batch" JSON file holds, so its sender_batch_id is the
// same key; it is also sent as PayPal-Request-Id, so a repeat returns the first answer.
import { providerRequest, ProviderHttpError, type HttpOptions } from './http'
import type { PaypalBatch } from '../files/paypal-json'

export interface PaypalCredentials {
  clientId: string
  clientSecret: string
}

export interface PaypalBatchItemStatus {
  senderItemId: string
  payoutItemId: string | null
  transactionId: string | null
  transactionStatus: string
  error: string | null
}

export interface PaypalBatchStatus {
  payoutBatchId: string
  batchStatus: string
  items: PaypalBatchItemStatus[]
}

export type PaypalCreateResult =
  | { kind: 'created'; payoutBatchId: string; batchStatus: string }
  /** PayPal already has a batch under this sender_batch_id: nothing new was paid. */
  | { kind: 'duplicate'; payoutBatchId: string | null }

const PAGE_SIZE = 1000

export function createPaypalClient(base: string, creds: PaypalCredentials, http: HttpOptions = {}) {
  let token: { value: string; until: number } | null = null

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value
    const res = await providerRequest(
      {
        provider: 'PayPal',
        what: 'the access token request',
        url: `${base}/v1/oauth2/token`,
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      },
      http,
    )
    const b = res.body as { access_token?: string; expires_in?: number } | null
    if (res.status !== 200 || !b?.access_token)
      throw new ProviderHttpError('PayPal', res.status, res.body, 'the access token request')
    // Renewed a minute early so a long send never uses an expired token.
    token = { value: b.access_token, until: Date.now() + Math.max(0, (b.expires_in ?? 300) - 60) * 1000 }
    return token.value
  }

  const authed = async () => ({ authorization: `Bearer ${await accessToken()}` })

  return {
    accessToken,

    async createBatch(batch: PaypalBatch): Promise<PaypalCreateResult> {
      const key = batch.sender_batch_header.sender_batch_id
      const res = await providerRequest(
        {
          provider: 'PayPal',
          what: `batch ${key}`,
          url: `${base}/v1/payments/payouts`,
          method: 'POST',
          headers: { ...(await authed()), 'paypal-request-id': key },
          body: batch,
        },
        http,
      )
      const b = res.body as {
        batch_header?: { payout_batch_id?: string; batch_status?: string }
        name?: string
        message?: string
      } | null
      if ((res.status === 200 || res.status === 201) && b?.batch_header?.payout_batch_id)
        return {
          kind: 'created',
          payoutBatchId: b.batch_header.payout_batch_id,
          batchStatus: b.batch_header.batch_status ?? 'PENDING',
        }
      // A sender_batch_id PayPal has seen in the last 30 days (e.g. sent without the request id, or
      // after it expired): the first send stands.
      if (res.status === 400 || res.status === 409 || res.status === 422) {
        const text = `${b?.name ?? ''} ${b?.message ?? ''}`
        if (/DUPLICATE|already\s+(exists|used)/i.test(text)) return { kind: 'duplicate', payoutBatchId: null }
      }
      throw new ProviderHttpError('PayPal', res.status, res.body, `batch ${key}`)
    },

    async getBatch(payoutBatchId: string): Promise<PaypalBatchStatus> {
      const items: PaypalBatchItemStatus[] = []
      let batchStatus = 'PENDING'
      for (let page = 1; ; page++) {
        const what = `the status of batch ${payoutBatchId}`
        const res = await providerRequest(
          {
            provider: 'PayPal',
            what,
            url: `${base}/v1/payments/payouts/${encodeURIComponent(payoutBatchId)}?page=${page}&page_size=${PAGE_SIZE}&total_required=true`,
            method: 'GET',
            headers: await authed(),
          },
          http,
        )
        if (res.status !== 200) throw new ProviderHttpError('PayPal', res.status, res.body, what)
        const b = res.body as {
          batch_header?: { batch_status?: string }
          total_items?: number
          items?: {
            payout_item_id?: string
            transaction_id?: string
            transaction_status?: string
            payout_item?: { sender_item_id?: string }
            errors?: { name?: string; message?: string }
          }[]
        }
        batchStatus = b.batch_header?.batch_status ?? batchStatus
        const pageItems = b.items ?? []
        for (const i of pageItems)
          items.push({
            senderItemId: i.payout_item?.sender_item_id ?? '',
            payoutItemId: i.payout_item_id ?? null,
            transactionId: i.transaction_id ?? null,
            transactionStatus: i.transaction_status ?? 'PENDING',
            error: i.errors ? [i.errors.name, i.errors.message].filter(Boolean).join(': ') : null,
          })
        if (pageItems.length < PAGE_SIZE || (b.total_items !== undefined && items.length >= b.total_items))
          break
      }
      return { payoutBatchId, batchStatus, items }
    },
  }
}

export type PaypalClient = ReturnType<typeof createPaypalClient>

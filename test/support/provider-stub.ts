// Loopback stand-ins for the PayPal Payouts and Wise APIs (third-party APIs are the one thing tests
// may stub). They check credentials, honour idempotency keys the way the providers document, and can
// be told to fail once: answer 503 without acting, or act and then drop the connection unanswered.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'

export interface Fault {
  method: 'GET' | 'POST'
  /** Matches when the request path starts with this. */
  path: string
  /** 503 = refuse without acting; drop = act, then close the socket without an answer. */
  kind: '503' | 'drop'
  times: number
}

export interface StubRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: unknown
}

interface Base {
  url: string
  requests: StubRequest[]
  faults: Fault[]
  /** Requests to `path` (prefix) with `method`. */
  count(method: string, path: string): number
  close(): Promise<void>
}

type Handler = (req: StubRequest) => { status: number; body: unknown }

async function start(handle: Handler): Promise<Base> {
  const requests: StubRequest[] = []
  const faults: Fault[] = []
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown = text
      if ((req.headers['content-type'] ?? '').includes('json') && text) body = JSON.parse(text)
      const r: StubRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body }
      requests.push(r)
      const fault = faults.find((f) => f.times > 0 && f.method === r.method && r.path.startsWith(f.path))
      if (fault) fault.times--
      if (fault?.kind === '503') {
        res.writeHead(503, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ name: 'SERVICE_UNAVAILABLE' }))
        return
      }
      const out = handle(r)
      if (fault?.kind === 'drop') {
        res.socket?.destroy()
        return
      }
      res.writeHead(out.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(out.body))
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    count: (method, path) => requests.filter((r) => r.method === method && r.path.startsWith(path)).length,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections()
        server.close(() => ok())
      }),
  }
}

export interface PaypalStub extends Base {
  batches: Map<string, { id: string; senderBatchId: string; items: StubPaypalItem[]; response: unknown }>
  /** Sets an item's transaction status, found by sender_item_id. */
  setStatus(senderItemId: string, status: string): void
  /** PayPal keeps request ids for a limited time; after that only the sender_batch_id check remains. */
  forgetRequestIds(): void
}
interface StubPaypalItem {
  payout_item_id: string
  transaction_id: string | null
  transaction_status: string
  payout_item: { sender_item_id: string; amount: { value: string; currency: string }; receiver: string }
}

export async function startPaypalStub(creds: {
  clientId: string
  clientSecret: string
}): Promise<PaypalStub> {
  const batches: PaypalStub['batches'] = new Map()
  const byRequestId = new Map<string, unknown>()
  const tokens = new Set<string>()
  let n = 0
  const authed = (r: StubRequest) => tokens.has(String(r.headers.authorization ?? '').replace(/^Bearer /, ''))
  const base = await start((r) => {
    if (r.method === 'POST' && r.path === '/v1/oauth2/token') {
      const expected = `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64')}`
      if (r.headers.authorization !== expected || r.body !== 'grant_type=client_credentials')
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'Client Authentication failed' },
        }
      const token = randomUUID()
      tokens.add(token)
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: 32400 } }
    }
    if (!authed(r)) return { status: 401, body: { name: 'AUTHENTICATION_FAILURE' } }
    if (r.method === 'POST' && r.path === '/v1/payments/payouts') {
      const requestId = String(r.headers['paypal-request-id'] ?? '')
      if (requestId && byRequestId.has(requestId)) return { status: 201, body: byRequestId.get(requestId) }
      const b = r.body as {
        sender_batch_header: { sender_batch_id: string }
        items: StubPaypalItem['payout_item'][] & { sender_item_id: string }[]
      }
      const key = b.sender_batch_header.sender_batch_id
      if ([...batches.values()].some((x) => x.senderBatchId === key))
        return {
          status: 400,
          body: { name: 'USER_BUSINESS_ERROR', message: 'Batch with given sender_batch_id already exists' },
        }
      const id = `PB${++n}`
      const response = {
        batch_header: {
          payout_batch_id: id,
          batch_status: 'PENDING',
          sender_batch_header: b.sender_batch_header,
        },
      }
      batches.set(id, {
        id,
        senderBatchId: key,
        response,
        items: b.items.map((i, k) => ({
          payout_item_id: `${id}-I${k + 1}`,
          transaction_id: null,
          transaction_status: 'PENDING',
          payout_item: { sender_item_id: i.sender_item_id, amount: i.amount, receiver: i.receiver },
        })),
      })
      if (requestId) byRequestId.set(requestId, response)
      return { status: 201, body: response }
    }
    const m = /^\/v1\/payments\/payouts\/([^?]+)\?page=(\d+)&page_size=(\d+)/.exec(r.path)
    if (r.method === 'GET' && m) {
      const batch = batches.get(m[1]!)
      if (!batch) return { status: 404, body: { name: 'INVALID_RESOURCE_ID' } }
      const page = Number(m[2])
      const size = Number(m[3])
      return {
        status: 200,
        body: {
          batch_header: { payout_batch_id: batch.id, batch_status: 'SUCCESS' },
          total_items: batch.items.length,
          items: batch.items.slice((page - 1) * size, page * size),
        },
      }
    }
    return { status: 404, body: { name: 'NOT_FOUND' } }
  })
  return {
    ...base,
    batches,
    forgetRequestIds: () => byRequestId.clear(),
    setStatus(senderItemId, status) {
      for (const b of batches.values())
        for (const i of b.items)
          if (i.payout_item.sender_item_id === senderItemId) {
            i.transaction_status = status
            i.transaction_id = `TX-${senderItemId}`
          }
    },
  }
}

export interface WiseStub extends Base {
  transfers: Map<
    number,
    {
      id: number
      customerTransactionId: string
      reference: string
      status: string
      targetAccount: number
      quote: { targetAmount: number; targetCurrency: string }
    }
  >
  accounts: Map<number, Record<string, unknown>>
  setStatus(reference: string, status: string): void
}

export async function startWiseStub(creds: { apiToken: string; profileId: number }): Promise<WiseStub> {
  const transfers: WiseStub['transfers'] = new Map()
  const accounts: WiseStub['accounts'] = new Map()
  const quotes = new Map<string, { targetAmount: number; targetCurrency: string }>()
  let n = 1000
  const p = `/v3/profiles/${creds.profileId}`
  const base = await start((r) => {
    if (r.headers.authorization !== `Bearer ${creds.apiToken}`)
      return { status: 401, body: { error: 'invalid_token', error_description: 'Invalid token' } }
    const b = r.body as Record<string, unknown>
    if (r.method === 'GET' && r.path === `/v2/profiles/${creds.profileId}`)
      return { status: 200, body: { id: creds.profileId, type: 'BUSINESS' } }
    if (r.method === 'POST' && r.path === `${p}/quotes`) {
      const id = randomUUID()
      quotes.set(id, { targetAmount: b.targetAmount as number, targetCurrency: b.targetCurrency as string })
      return { status: 200, body: { id, ...b } }
    }
    if (r.method === 'POST' && r.path === '/v1/accounts') {
      const id = ++n
      accounts.set(id, b)
      return { status: 200, body: { id, ...b } }
    }
    if (r.method === 'POST' && r.path === '/v1/transfers') {
      const key = b.customerTransactionId as string
      const existing = [...transfers.values()].find((t) => t.customerTransactionId === key)
      // Wise: a repeated customerTransactionId returns the transfer already created for it.
      if (existing) return { status: 200, body: existing }
      const quote = quotes.get(b.quoteUuid as string)
      if (!quote || !accounts.has(b.targetAccount as number))
        return { status: 422, body: { errors: [{ code: 'invalid' }] } }
      const id = ++n
      const t = {
        id,
        customerTransactionId: key,
        reference: (b.details as { reference: string }).reference,
        status: 'incoming_payment_waiting',
        targetAccount: b.targetAccount as number,
        quote,
      }
      transfers.set(id, t)
      return { status: 200, body: t }
    }
    const fund = new RegExp(`^${p}/transfers/(\\d+)/payments$`).exec(r.path)
    if (r.method === 'POST' && fund) {
      const t = transfers.get(Number(fund[1]))
      if (!t) return { status: 404, body: { errors: [{ code: 'not.found' }] } }
      if (t.status !== 'incoming_payment_waiting')
        return {
          status: 409,
          body: { errors: [{ code: 'transfer.already.funded', message: 'Already funded' }] },
        }
      t.status = 'processing'
      return { status: 201, body: { type: 'BALANCE', status: 'COMPLETED', errorCode: null } }
    }
    const get = /^\/v1\/transfers\/(\d+)$/.exec(r.path)
    if (r.method === 'GET' && get) {
      const t = transfers.get(Number(get[1]))
      return t ? { status: 200, body: t } : { status: 404, body: { errors: [{ code: 'not.found' }] } }
    }
    return { status: 404, body: { errors: [{ code: 'not.found' }] } }
  })
  return {
    ...base,
    transfers,
    accounts,
    setStatus(reference, status) {
      for (const t of transfers.values()) if (t.reference === reference) t.status = status
    },
  }
}

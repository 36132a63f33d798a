// Sending payout runs through the PayPal Payouts and Wise APIs, against loopback stubs that behave
// like them (credentials, idempotency keys, a 503 or a dropped connection once, statuses later).
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore, wireError } from './support/core'
import { T0 } from './support/intent'
import { payoutProgram, type PayoutProgram } from './support/payouts'
import { startPaypalStub, startWiseStub, type PaypalStub, type WiseStub } from './support/provider-stub'
import { openReadOnly } from './support/sql'
import { baseUrl, DEFAULT_ENDPOINTS } from '../src/main/payouts/providers/endpoints'
import { uuidV5, wiseCustomerTransactionId } from '../src/main/payouts/providers/keys'
import { wiseRecipient } from '../src/main/payouts/providers/wise-recipient'

const DAY = 86_400_000
const PAYPAL = { clientId: 'client-id-AAAA', clientSecret: 'paypal-secret-Zq81xK' }
const WISE = { apiToken: 'wise-token-Pf93mQ', profileId: 4242 }
const HTTP = { timeoutMs: 10_000, attempts: 4, backoffMs: 10 }

let clock = T0
let t: TestCore | undefined
const stubs: { close(): Promise<void> }[] = []
afterEach(async () => {
  await t?.close()
  t = undefined
  for (const s of stubs.splice(0)) await s.close()
})

async function setup(opts: { paypal?: PaypalStub; wise?: WiseStub; live?: { paypal?: string } } = {}) {
  clock = T0
  const endpoints: Record<string, { sandbox: string; live: string }> = {}
  if (opts.paypal)
    endpoints.paypal = { sandbox: opts.paypal.url, live: opts.live?.paypal ?? 'http://127.0.0.1:9' }
  if (opts.wise) endpoints.wise = { sandbox: opts.wise.url, live: 'http://127.0.0.1:9' }
  t = await startTestCore({ now: () => clock, jobs: 'manual', payoutApi: { endpoints, http: HTTP } })
  return t
}

async function paypalStub() {
  const s = await startPaypalStub(PAYPAL)
  stubs.push(s)
  return s
}
async function wiseStub() {
  const s = await startWiseStub(WISE)
  stubs.push(s)
  return s
}

/** Two PayPal affiliates (ANN 15.00, BEN 8.00) in one committed run. */
async function paypalRun(tc: TestCore) {
  const p = await payoutProgram(tc, ['ANN', 'BEN'])
  await p.sale('ANN', 'O1', 150_00)
  await p.sale('BEN', 'O2', 80_00)
  clock += DAY
  const run = await tc.call('payouts.commit', { cutoff: clock })
  return { p, run }
}

async function addWiseAffiliate(tc: TestCore, p: PayoutProgram, code: string) {
  const a = await tc.call('affiliates.create', {
    name: code,
    email: `${code.toLowerCase()}@x.example`,
    code,
    paymentMethod: 'wise',
    paymentEmail: `wise-${code.toLowerCase()}@x.example`,
  })
  await tc.call('affiliates.setStatus', { id: a.id, status: 'approved' })
  p.ids[code] = a.id
}

/** Two Wise (email) affiliates (CAT 12.00, DAN 7.00) in one committed run. */
async function wiseRun(tc: TestCore) {
  const p = await payoutProgram(tc, [])
  await addWiseAffiliate(tc, p, 'CAT')
  await addWiseAffiliate(tc, p, 'DAN')
  await p.sale('CAT', 'W1', 120_00)
  await p.sale('DAN', 'W2', 70_00)
  clock += DAY
  const run = await tc.call('payouts.commit', { cutoff: clock })
  return { p, run }
}

const statuses = async (tc: TestCore, runId: number) =>
  Object.fromEntries((await tc.call('payouts.get', { runId })).items.map((i) => [i.affiliateCode, i.status]))

const payable = async (tc: TestCore, affiliateId: number) =>
  (await tc.call('commissions.balances', { affiliateId })).rows[0]?.approvedUnpaidMinor ?? 0

describe('PayPal Payouts API', () => {
  it('sends a run as the JSON file batch, survives a 503, and maps statuses through the import path', async () => {
    const stub = await paypalStub()
    const tc = await setup({ paypal: stub })
    const { p, run } = await paypalRun(tc)
    await tc.call('payouts.providers.update', { provider: 'paypal', credentials: PAYPAL })
    stub.faults.push({ method: 'POST', path: '/v1/payments/payouts', kind: '503', times: 1 })

    const sent = await tc.call('payouts.send', { runId: run.run.id, provider: 'paypal' })
    expect(sent).toMatchObject({ sent: 2, alreadySent: 0, problems: [] })
    expect(stub.count('POST', '/v1/payments/payouts')).toBe(2)
    expect(stub.batches.size).toBe(1)
    const batch = [...stub.batches.values()][0]!
    expect(batch.senderBatchId).toBe(`run-${run.run.id}-USD-1`)
    const exported = await tc.call('payouts.export', { runId: run.run.id, format: 'paypal-json' })
    // The API batch is the file's batch: same key, same items.
    const file = JSON.parse(exported.files[0]!.content) as {
      sender_batch_header: { sender_batch_id: string }
      items: { sender_item_id: string }[]
    }
    expect(file.sender_batch_header.sender_batch_id).toBe(batch.senderBatchId)
    expect(batch.items.map((i) => i.payout_item.sender_item_id)).toEqual(
      file.items.map((i) => i.sender_item_id),
    )
    expect(await statuses(tc, run.run.id)).toEqual({ ANN: 'processing', BEN: 'processing' })

    const annItem = run.items.find((i) => i.affiliateCode === 'ANN')!
    const benItem = run.items.find((i) => i.affiliateCode === 'BEN')!
    stub.setStatus(`PI-${annItem.id}`, 'SUCCESS')
    stub.setStatus(`PI-${benItem.id}`, 'UNCLAIMED')
    expect(await tc.call('payouts.refresh', { runId: run.run.id })).toMatchObject({
      applied: 2,
      problems: [],
    })
    expect(await statuses(tc, run.run.id)).toEqual({ ANN: 'paid', BEN: 'unclaimed' })
    expect(await payable(tc, p.ids.BEN!), 'unclaimed lines are payable again').toBe(8_00)
    expect(await payable(tc, p.ids.ANN!)).toBe(0)
    // Polling again changes nothing, like importing a report twice.
    expect(await tc.call('payouts.refresh', { runId: run.run.id })).toMatchObject({
      applied: 0,
      unchanged: 2,
    })
    expect(
      (await tc.call('payouts.get', { runId: run.run.id })).items.find((i) => i.id === annItem.id)
        ?.providerRef,
    ).toBe(`TX-PI-${annItem.id}`)

    const db = openReadOnly(tc.core.dbFile)
    const actions = db
      .all<{ action: string }>('SELECT action FROM audit_log ORDER BY id')
      .map((r) => r.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'payout.provider.update',
        'payout.api.send',
        'payout.api.sent',
        'payout.item.paid',
        'payout.item.unclaimed',
      ]),
    )
    const audit = JSON.stringify(db.all('SELECT * FROM audit_log'))
    expect(audit).not.toContain(PAYPAL.clientSecret)
    expect(audit).not.toContain(PAYPAL.clientId)
    db.close()
  })

  it('never stores or returns the credentials in plain text', async () => {
    const stub = await paypalStub()
    const tc = await setup({ paypal: stub })
    const status = await tc.call('payouts.providers.update', {
      provider: 'paypal',
      credentials: PAYPAL,
      sandbox: true,
    })
    expect(status).toMatchObject({
      provider: 'paypal',
      configured: true,
      readable: true,
      sandbox: true,
      baseUrl: stub.url,
    })
    const all = JSON.stringify(await tc.call('payouts.providers.get', {}))
    expect(all).not.toContain(PAYPAL.clientSecret)
    await tc.core.close()
    for (const f of [tc.core.dbFile, `${tc.core.dbFile}-wal`]) {
      let bytes = ''
      try {
        bytes = readFileSync(f).toString('latin1')
      } catch {
        continue
      }
      expect(bytes).not.toContain(PAYPAL.clientSecret)
    }
    t = undefined
  })

  it('retries a dropped connection with the same sender_batch_id and pays once', async () => {
    const stub = await paypalStub()
    const tc = await setup({ paypal: stub })
    const { run } = await paypalRun(tc)
    await tc.call('payouts.providers.update', { provider: 'paypal', credentials: PAYPAL })
    stub.faults.push({ method: 'POST', path: '/v1/payments/payouts', kind: 'drop', times: 1 })
    expect(await tc.call('payouts.send', { runId: run.run.id, provider: 'paypal' })).toMatchObject({
      sent: 2,
      problems: [],
    })
    const posts = stub.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payments/payouts')
    expect(posts).toHaveLength(2)
    expect(new Set(posts.map((r) => r.headers['paypal-request-id']))).toEqual(
      new Set([`run-${run.run.id}-USD-1`]),
    )
    expect(stub.batches.size, 'the retry created no second payout').toBe(1)
  })

  it('re-sending the whole run pays nothing again, even when PayPal only says "duplicate"', async () => {
    const stub = await paypalStub()
    const tc = await setup({ paypal: stub })
    const { run } = await paypalRun(tc)
    await tc.call('payouts.providers.update', { provider: 'paypal', credentials: PAYPAL })
    await tc.call('payouts.send', { runId: run.run.id, provider: 'paypal' })
    expect(await tc.call('payouts.send', { runId: run.run.id, provider: 'paypal' })).toMatchObject({
      sent: 0,
      alreadySent: 2,
    })
    expect(stub.count('POST', '/v1/payments/payouts')).toBe(1)
    // A send whose answer was lost for good (our record says "requested") goes again under the same
    // key. Once PayPal has forgotten the request id, its "duplicate sender_batch_id" answer counts as
    // already sent, and the items stay sent, not paid twice.
    const [send] = await tc.core.store.payoutProviders.sends(run.run.id)
    await tc.core.store.payoutProviders.recordSend(
      { ...send!, stage: 'requested', remoteId: null },
      null,
      'test',
    )
    stub.forgetRequestIds()
    const again = await tc.call('payouts.send', { runId: run.run.id, provider: 'paypal' })
    expect(again).toMatchObject({ sent: 0, alreadySent: 2, problems: [] })
    expect(stub.count('POST', '/v1/payments/payouts')).toBe(2)
    expect(stub.batches.size).toBe(1)
    expect(await statuses(tc, run.run.id)).toEqual({ ANN: 'processing', BEN: 'processing' })
  })

  it('does not send by API what already went out in a file', async () => {
    const stub = await paypalStub()
    const tc = await setup({ paypal: stub })
    const { run } = await paypalRun(tc)
    await tc.call('payouts.providers.update', { provider: 'paypal', credentials: PAYPAL })
    await tc.call('payouts.export', { runId: run.run.id, format: 'paypal' })
    const r = await tc.call('payouts.send', { runId: run.run.id, provider: 'paypal' })
    expect(r).toMatchObject({ sent: 0, alreadySent: 0 })
    expect(r.skipped).toHaveLength(2)
    expect(stub.count('POST', '/v1/payments/payouts')).toBe(0)
  })

  it('refuses bad credentials clearly and marks nothing', async () => {
    const stub = await paypalStub()
    const tc = await setup({ paypal: stub })
    const { run } = await paypalRun(tc)
    await tc.call('payouts.providers.update', {
      provider: 'paypal',
      credentials: { ...PAYPAL, clientSecret: 'wrong' },
    })
    const err = await wireError(tc.call('payouts.send', { runId: run.run.id, provider: 'paypal' }))
    expect(err).toMatchObject({ code: 'invalid_input' })
    expect(err!.message).toMatch(/PayPal refused the credentials \(401\).*sandbox/)
    expect(await statuses(tc, run.run.id)).toEqual({ ANN: 'pending', BEN: 'pending' })
    expect(stub.count('POST', '/v1/payments/payouts')).toBe(0)
    expect(await tc.core.store.payoutProviders.sends(run.run.id)).toEqual([])
    expect((await tc.call('payouts.get', { runId: run.run.id })).run.status).toBe('committed')
  })

  it('chooses the sandbox or the live host by the switch', async () => {
    const sandbox = await paypalStub()
    const live = await paypalStub()
    const tc = await setup({ paypal: sandbox, live: { paypal: live.url } })
    const { run } = await paypalRun(tc)
    await tc.call('payouts.providers.update', { provider: 'paypal', credentials: PAYPAL })
    expect((await tc.call('payouts.providers.get', {})).providers[0]).toMatchObject({
      sandbox: true,
      baseUrl: sandbox.url,
    })
    expect(await tc.call('payouts.providers.update', { provider: 'paypal', sandbox: false })).toMatchObject({
      sandbox: false,
      configured: true,
      baseUrl: live.url,
    })
    await tc.call('payouts.send', { runId: run.run.id, provider: 'paypal' })
    expect(live.batches.size).toBe(1)
    expect(sandbox.requests).toHaveLength(0)
    expect(baseUrl('paypal', true)).toBe('https://api-m.sandbox.paypal.com')
    expect(baseUrl('paypal', false)).toBe(DEFAULT_ENDPOINTS.paypal.live)
    expect(baseUrl('wise', true)).toBe('https://api.sandbox.transferwise.tech')
    expect(baseUrl('wise', false)).toBe('https://api.transferwise.com')
  })
})

describe('Wise API', () => {
  it('quotes, creates recipients and transfers under a stable key, funds, and maps states', async () => {
    const stub = await wiseStub()
    const tc = await setup({ wise: stub })
    const { p, run } = await wiseRun(tc)
    await tc.call('payouts.providers.update', { provider: 'wise', credentials: WISE })
    stub.faults.push({ method: 'POST', path: `/v3/profiles/${WISE.profileId}/quotes`, kind: '503', times: 1 })
    expect(await tc.call('payouts.send', { runId: run.run.id, provider: 'wise' })).toMatchObject({
      sent: 2,
      problems: [],
    })
    expect(await statuses(tc, run.run.id)).toEqual({ CAT: 'processing', DAN: 'processing' })
    const cat = run.items.find((i) => i.affiliateCode === 'CAT')!
    const dan = run.items.find((i) => i.affiliateCode === 'DAN')!
    const transfers = [...stub.transfers.values()]
    expect(transfers.map((x) => x.customerTransactionId).sort()).toEqual(
      [cat, dan].map((i) => wiseCustomerTransactionId(run.run.id, run.run.createdAt, i.id)).sort(),
    )
    expect(transfers.find((x) => x.reference === `PI-${cat.id}`)?.quote).toEqual({
      targetAmount: 12,
      targetCurrency: 'USD',
    })
    expect([...stub.accounts.values()].map((a) => a.details)).toEqual(
      expect.arrayContaining([{ email: 'wise-cat@x.example' }]),
    )
    stub.setStatus(`PI-${cat.id}`, 'outgoing_payment_sent')
    stub.setStatus(`PI-${dan.id}`, 'bounced_back')
    expect(await tc.call('payouts.refresh', { runId: run.run.id })).toMatchObject({ applied: 2 })
    expect(await statuses(tc, run.run.id)).toEqual({ CAT: 'paid', DAN: 'returned' })
    expect(await payable(tc, p.ids.DAN!)).toBe(7_00)
    expect((await tc.call('payouts.get', { runId: run.run.id })).run.status).toBe('completed')
  })

  it('a dropped transfer answer is retried with the same customerTransactionId; a re-send pays nothing again', async () => {
    const stub = await wiseStub()
    const tc = await setup({ wise: stub })
    const { run } = await wiseRun(tc)
    await tc.call('payouts.providers.update', { provider: 'wise', credentials: WISE })
    stub.faults.push({ method: 'POST', path: '/v1/transfers', kind: 'drop', times: 1 })
    stub.faults.push({
      method: 'POST',
      path: `/v3/profiles/${WISE.profileId}/transfers/`,
      kind: 'drop',
      times: 1,
    })
    expect(await tc.call('payouts.send', { runId: run.run.id, provider: 'wise' })).toMatchObject({
      sent: 2,
      problems: [],
    })
    expect(stub.count('POST', '/v1/transfers')).toBe(3)
    expect(stub.transfers.size, 'one transfer per item').toBe(2)
    expect([...stub.transfers.values()].every((x) => x.status === 'processing')).toBe(true)

    const again = await tc.call('payouts.send', { runId: run.run.id, provider: 'wise' })
    expect(again).toMatchObject({ sent: 0, alreadySent: 2 })
    expect(stub.count('POST', '/v1/transfers')).toBe(3)
    expect(stub.transfers.size).toBe(2)
  })

  it('refuses a bad token clearly and marks nothing', async () => {
    const stub = await wiseStub()
    const tc = await setup({ wise: stub })
    const { run } = await wiseRun(tc)
    await tc.call('payouts.providers.update', {
      provider: 'wise',
      credentials: { ...WISE, apiToken: 'nope' },
    })
    const err = await wireError(tc.call('payouts.send', { runId: run.run.id, provider: 'wise' }))
    expect(err).toMatchObject({ code: 'invalid_input' })
    expect(err!.message).toMatch(/Wise refused the credentials \(401\)/)
    expect(await statuses(tc, run.run.id)).toEqual({ CAT: 'pending', DAN: 'pending' })
    expect(stub.transfers.size).toBe(0)
  })

  it('sending without credentials says where to enter them', async () => {
    const stub = await wiseStub()
    const tc = await setup({ wise: stub })
    const { run } = await wiseRun(tc)
    expect(await wireError(tc.call('payouts.send', { runId: run.run.id, provider: 'wise' }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Payout providers/),
    })
  })
})

describe('idempotency keys and recipients', () => {
  it('builds RFC 4122 version-5 UUIDs, stable per item and distinct across items, runs and databases', () => {
    // The RFC's DNS namespace example, as every UUIDv5 library computes it.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
    const k = wiseCustomerTransactionId(3, T0, 17)
    expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(wiseCustomerTransactionId(3, T0, 17)).toBe(k)
    expect(
      new Set([
        k,
        wiseCustomerTransactionId(3, T0, 18),
        wiseCustomerTransactionId(4, T0, 17),
        wiseCustomerTransactionId(3, T0 + 1, 17),
      ]).size,
    ).toBe(4)
  })

  it('picks the Wise account type per currency', () => {
    const item = {
      itemId: 5,
      runId: 1,
      affiliateId: 1,
      affiliateCode: 'A',
      name: 'Ann',
      amountMinor: 100,
      email: null,
    }
    const bank = { accountHolder: 'Ann Example', receiverType: 'PERSON' as const }
    expect(
      wiseRecipient({
        ...item,
        method: 'bank',
        currency: 'EUR',
        bank: { ...bank, iban: 'DE89370400440532013000' },
      }),
    ).toMatchObject({
      type: 'iban',
      details: { legalType: 'PRIVATE', IBAN: 'DE89370400440532013000' },
    })
    expect(
      wiseRecipient({
        ...item,
        method: 'bank',
        currency: 'GBP',
        bank: { ...bank, sortCode: '231470', accountNumber: '28821822' },
      }),
    ).toMatchObject({
      type: 'sort_code',
    })
    expect(
      wiseRecipient({
        ...item,
        method: 'bank',
        currency: 'AUD',
        bank: { ...bank, bsbCode: '062000', accountNumber: '12345678' },
      }),
    ).toMatchObject({
      type: 'australian',
    })
    expect(
      wiseRecipient({ ...item, method: 'wise', currency: 'USD', bank: null, email: 'a@x.example' }),
    ).toMatchObject({
      type: 'email',
      details: { email: 'a@x.example' },
    })
  })
})

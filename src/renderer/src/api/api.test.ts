import { describe, expect, it, vi } from 'vitest'
import { ApiError } from './ApiError'
import { createApiClient } from './client'
import { createStorageHealth } from './storageHealth'
import { tokenFromHash } from './session'
import { httpTransport, type Transport } from './transport'

describe('createApiClient', () => {
  it('unwraps ok envelopes and throws ApiError for the rest', async () => {
    const transport: Transport = async (method) =>
      method === 'app.info'
        ? { ok: true, value: { version: '1' } }
        : {
            ok: false,
            error: { code: 'conflict', message: 'Code taken', issues: [{ path: 'code', message: 'taken' }] },
          }
    const api = createApiClient(transport)
    await expect(api.call('app.info', {})).resolves.toEqual({ version: '1' })
    const err = await api
      .call('affiliates.create', { name: 'x', email: 'x@example.com' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({
      code: 'conflict',
      message: 'Code taken',
      issues: [{ path: 'code', message: 'taken' }],
    })
  })
})

describe('httpTransport', () => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

  it('posts to /api/rpc/<method> with the session token header', async () => {
    const fetch = vi.fn(async () => json(200, { ok: true, value: 1 }))
    const t = httpTransport({ getToken: () => 'tok', onUnauthorized: () => {}, noTokenMessage: 'no', fetch })
    await expect(t('settings.get', {})).resolves.toEqual({ ok: true, value: 1 })
    expect(fetch).toHaveBeenCalledWith('/api/rpc/settings.get', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Session-Token': 'tok' },
      body: '{}',
    })
  })

  it('passes error envelopes of 4xx answers through', async () => {
    const envelope = { ok: false, error: { code: 'invalid_input', message: 'bad', issues: [] } }
    const t = httpTransport({
      getToken: () => 'tok',
      onUnauthorized: () => {},
      noTokenMessage: 'no',
      fetch: async () => json(400, envelope),
    })
    await expect(t('settings.get', {})).resolves.toEqual(envelope)
  })

  it('reports a missing or refused token as unauthorized', async () => {
    const lost = vi.fn()
    const refused = httpTransport({
      getToken: () => 'old',
      onUnauthorized: lost,
      noTokenMessage: 'open the URL',
      fetch: async () => json(401, {}),
    })
    await expect(refused('app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: 'open the URL' },
    })
    const fetch = vi.fn()
    const none = httpTransport({
      getToken: () => null,
      onUnauthorized: lost,
      noTokenMessage: 'open the URL',
      fetch,
    })
    await expect(none('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(fetch).not.toHaveBeenCalled()
    expect(lost).toHaveBeenCalledTimes(2)
  })

  it('turns a dead server into a network error', async () => {
    const t = httpTransport({
      getToken: () => 'tok',
      onUnauthorized: () => {},
      noTokenMessage: 'no',
      fetch: async () => {
        throw new TypeError('Failed to fetch')
      },
    })
    await expect(t('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'network' } })
  })
})

describe('tokenFromHash', () => {
  it('reads the token the CLI puts in the URL', () => {
    expect(tokenFromHash('#token=abc_DEF-123')).toBe('abc_DEF-123')
    expect(tokenFromHash('#/token=abc')).toBe('abc')
    expect(tokenFromHash('#/affiliates')).toBeNull()
    expect(tokenFromHash('#token=bad%20token')).toBeNull()
    expect(tokenFromHash('')).toBeNull()
  })
})

describe('storage health', () => {
  it('raises an alert on `unavailable` and clears it when the same call succeeds again', async () => {
    const health = createStorageHealth()
    let full = true
    const transport: Transport = async () =>
      full
        ? { ok: false, error: { code: 'unavailable', message: 'The disk is full.', issues: [] } }
        : { ok: true, value: { id: 1 } }
    const api = createApiClient(transport, health)
    const input = { name: 'x', email: 'x@example.com' }
    await expect(api.call('affiliates.create', input)).rejects.toMatchObject({ code: 'unavailable' })
    expect(health.alert()).toBe('The disk is full.')
    await expect(api.call('app.info', {})).rejects.toMatchObject({ code: 'unavailable' })
    full = false
    await api.call('app.info', {})
    expect(health.alert(), 'the create has not succeeded yet').toBe('The disk is full.')
    await api.call('affiliates.create', input)
    expect(health.alert()).toBeNull()
  })
})

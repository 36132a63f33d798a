import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  canonicalParams,
  signParams,
  signSimple,
  verifyPostbackSignature,
  type VerifyOptions,
} from './postback-signature'

const NOW = 1_700_000_000_000 // ms
const TS = String(NOW / 1000)

const verify = (o: Partial<VerifyOptions> & Pick<VerifyOptions, 'params'>) =>
  verifyPostbackSignature({ mode: 'params', secret: 's3cr3t', now: NOW, ...o })

describe('signing helpers against the seed guide', () => {
  // Known answers computed with the guide's own Python (validate_postback / send_postback).
  it('params mode signs every other parameter sorted by byte order', () => {
    const params = {
      clickid: '01JABCDEF',
      payout: '12.50',
      timestamp: '1700000000',
      status: 'approved',
      order_id: 'A-1',
      Zeta: 'z',
      éclair: 'ü',
      b: 'x y',
      hash: 'ignored',
    }
    expect(canonicalParams(params)).toBe(
      'Zeta=z&b=x y&clickid=01JABCDEF&order_id=A-1&payout=12.50&status=approved&timestamp=1700000000&éclair=ü',
    )
    expect(signParams('s3cr3t', params)).toBe(
      '5d5049b43d20b5b846f838a33f27b340791cc54db97ed7d767df7b3495cf3562',
    )
    // Code point order (U+FF21 before U+1F600), not JavaScript's UTF-16 order.
    expect(signParams('k', { clickid: 'c1', timestamp: '1700000000', '😀': 'astral', Ａ: 'fullwidth' })).toBe(
      '93d34dc0d873b414eafb1494b855aaae3ac142276b3bd4d0839f26134b30e198',
    )
  })

  it('simple mode signs clickid:payout:timestamp', () => {
    expect(signSimple('s3cr3t', '01JABCDEF', '12.50', 1700000000)).toBe(
      '5c1447d664be8be711bb1f98d58f5d22bd96439d2c482258f2c3f2a4e2b6f0f8',
    )
    expect(signSimple('s3cr3t', 'abc', '', '1700000000')).toBe(
      '2b7817c131c8ada20c4debde31ac4cfc8df9341a80c956c3b15066c535501ad6',
    )
  })
})

const paramsArb = fc.dictionary(
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/).filter((k) => k !== 'hash' && k !== 'timestamp'),
  fc.string({ maxLength: 20 }).filter((v) => !v.includes('&')),
  { maxKeys: 8 },
)

describe('verifyPostbackSignature, params mode', () => {
  it('accepts what signParams signed, for any parameters', () => {
    fc.assert(
      fc.property(paramsArb, fc.string({ minLength: 1, maxLength: 30 }), (p, secret) => {
        const params = { ...p, timestamp: TS }
        const hash = signParams(secret, params)
        expect(verify({ secret, params: { ...params, hash } })).toEqual({
          ok: true,
          trust: 'signed',
          signature: hash,
          replayUntil: NOW + 300_000,
        })
        // Upper-case hex is the same signature.
        expect(verify({ secret, params: { ...params, hash: hash.toUpperCase() } }).ok).toBe(true)
      }),
    )
  })

  it('refuses any change to any parameter, an added one, or another secret', () => {
    fc.assert(
      fc.property(paramsArb, fc.nat(), (p, pick) => {
        const params: Record<string, string> = { clickid: 'c', ...p, timestamp: TS }
        const hash = signParams('s3cr3t', params)
        const keys = Object.keys(params).filter((k) => k !== 'timestamp')
        const key = keys[pick % keys.length]!
        expect(verify({ params: { ...params, [key]: params[key] + 'x', hash } })).toEqual({
          ok: false,
          reason: 'bad_signature',
        })
        expect(verify({ params: { ...params, extra: '1', hash } })).toEqual({
          ok: false,
          reason: 'bad_signature',
        })
        expect(verify({ secret: 'other', params: { ...params, hash } })).toEqual({
          ok: false,
          reason: 'bad_signature',
        })
      }),
    )
  })

  it('refuses values that make the signed text ambiguous', () => {
    // {sub5: "x&status=rejected"} and {sub5: "x", status: "rejected"} would sign the same text.
    const honest = { clickid: 'c', status: 'rejected', sub5: 'x', timestamp: TS }
    const hash = signParams('s3cr3t', honest)
    const forged = { clickid: 'c', sub5: 'x&status=rejected', timestamp: TS, hash }
    expect(canonicalParams(forged)).not.toBe(canonicalParams(honest)) // sorted differently...
    expect(verify({ params: forged })).toEqual({ ok: false, reason: 'ambiguous_params' })
    expect(verify({ params: { clickid: 'c', 'a=b': 'c', timestamp: TS, hash } })).toEqual({
      ok: false,
      reason: 'ambiguous_params',
    })
  })

  it('reports missing hash, missing or malformed timestamp, malformed hash', () => {
    const params = { clickid: 'c', timestamp: TS }
    const hash = signParams('s3cr3t', params)
    expect(verify({ params })).toEqual({ ok: false, reason: 'missing_hash' })
    expect(verify({ params: { ...params, hash: '' } })).toEqual({ ok: false, reason: 'missing_hash' })
    expect(verify({ params: { clickid: 'c', hash } })).toEqual({ ok: false, reason: 'missing_timestamp' })
    expect(verify({ params: { clickid: 'c', timestamp: '17e8', hash } })).toEqual({
      ok: false,
      reason: 'missing_timestamp',
    })
    for (const bad of [hash.slice(1), hash + '0', 'zz' + hash.slice(2), 'not hex']) {
      expect(verify({ params: { ...params, hash: bad } }), bad).toEqual({
        ok: false,
        reason: 'bad_signature',
      })
    }
  })

  it('accepts timestamps within ±300 s of now and refuses others', () => {
    for (const [offset, ok] of [
      [0, true],
      [300, true],
      [-300, true],
      [301, false],
      [-301, false],
      [86_400, false],
    ] as const) {
      const params = { clickid: 'c', timestamp: String(NOW / 1000 + offset) }
      const r = verify({ params: { ...params, hash: signParams('s3cr3t', params) } })
      expect(r.ok, String(offset)).toBe(ok)
      if (!r.ok) expect(r.reason).toBe('stale_timestamp')
    }
    const params = { clickid: 'c', timestamp: String(NOW / 1000 - 500) }
    expect(
      verify({ toleranceSeconds: 600, params: { ...params, hash: signParams('s3cr3t', params) } }).ok,
    ).toBe(true)
  })

  it('never authenticates with an empty secret', () => {
    const params = { clickid: 'c', timestamp: TS }
    expect(verify({ secret: '', params: { ...params, hash: signParams('', params) } })).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
  })

  it('works on URLSearchParams and Maps exactly as received', () => {
    const qs = new URLSearchParams({ clickid: 'c', payout: '1.50', timestamp: TS, note: 'a+b c' })
    qs.set('hash', signParams('s3cr3t', qs))
    expect(verify({ params: new URLSearchParams(qs.toString()) }).ok).toBe(true)
    expect(verify({ params: new Map(qs) }).ok).toBe(true)
  })
})

describe('verifyPostbackSignature, simple mode', () => {
  const simple = (params: Record<string, string>, secret = 's3cr3t') =>
    verifyPostbackSignature({ mode: 'simple', secret, params, now: NOW })

  it('accepts the seed sender and ignores unsigned extras', () => {
    const hash = signSimple('s3cr3t', 'abc', '12.50', TS)
    expect(
      simple({ clickid: 'abc', payout: '12.50', timestamp: TS, hash, status: 'approved' }),
    ).toMatchObject({ ok: true, trust: 'signed' })
    const noPayout = signSimple('s3cr3t', 'abc', '', TS)
    expect(simple({ clickid: 'abc', timestamp: TS, hash: noPayout }).ok).toBe(true)
  })

  it('refuses a changed payout, click id or timestamp, and stale ones', () => {
    const hash = signSimple('s3cr3t', 'abc', '12.50', TS)
    expect(simple({ clickid: 'abc', payout: '12.5', timestamp: TS, hash })).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(simple({ clickid: 'abd', payout: '12.50', timestamp: TS, hash })).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(simple({ clickid: 'abc', payout: '12.50', timestamp: String(Number(TS) + 1), hash })).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    const old = String(Number(TS) - 301)
    expect(
      simple({
        clickid: 'abc',
        payout: '12.50',
        timestamp: old,
        hash: signSimple('s3cr3t', 'abc', '12.50', old),
      }),
    ).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    })
    expect(simple({ clickid: 'abc', payout: '12.50', hash })).toEqual({
      ok: false,
      reason: 'missing_timestamp',
    })
  })
})

describe('verifyPostbackSignature, token mode', () => {
  const tokenMode = (params: Record<string, string>, token: string | null | undefined) =>
    verifyPostbackSignature({ mode: 'token', secret: 'unused', token, params, now: NOW })

  it('accepts the exact token without needing a timestamp', () => {
    expect(tokenMode({ clickid: 'c', token: 'tok-123' }, 'tok-123')).toEqual({
      ok: true,
      trust: 'token',
      signature: null,
      replayUntil: null,
    })
  })

  it('refuses a wrong, missing, prefix or differently sized token, and an unconfigured one', () => {
    for (const sent of ['tok-124', 'tok-12', 'tok-1234', 'TOK-123', '']) {
      expect(tokenMode({ clickid: 'c', token: sent }, 'tok-123'), sent).toEqual({
        ok: false,
        reason: 'bad_token',
      })
    }
    expect(tokenMode({ clickid: 'c' }, 'tok-123')).toEqual({ ok: false, reason: 'bad_token' })
    expect(tokenMode({ clickid: 'c', token: '' }, '')).toEqual({ ok: false, reason: 'bad_token' })
    expect(tokenMode({ clickid: 'c', token: 'x' }, null)).toEqual({ ok: false, reason: 'bad_token' })
  })
})

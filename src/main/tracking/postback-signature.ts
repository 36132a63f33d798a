// Postback authentication, one of three modes chosen per advertiser:
//   params: hash = hex HMAC-SHA256(secret, "k1=v1&k2=v2..." over every parameter but `hash`,
//           sorted by name in byte order, values as decoded) — the seed's validate_postback;
//   simple: hash = hex HMAC-SHA256(secret, "clickid:payout:timestamp") — the seed's sender;
//   token:  a shared token, for senders that cannot sign (lower trust: no timestamp, nothing bound
//           to the other parameters), in the X-Postback-Token header (recommended: tunnels and
//           proxies log URLs), or a `token` parameter in the POST body or, last resort, the query.
// Signed modes also require a timestamp within ±300 s, so a captured URL is useless later; the
// replay guard covers the window itself.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { SigningMode } from '../../shared/domain'
import type { PostbackInput } from './postback-params'

export type { SigningMode }

export type SignatureFailure =
  | 'missing_hash'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'missing_timestamp'
  | 'bad_token'
  /** params mode: a value contains '&', so two different parameter sets would sign the same. */
  | 'ambiguous_params'

export type VerifyResult =
  | {
      ok: true
      trust: 'signed' | 'token'
      /** The lower-case hex signature, to key the replay guard; null in token mode. */
      signature: string | null
      /** Epoch ms after which the timestamp check alone refuses this request; null in token mode. */
      replayUntil: number | null
    }
  | { ok: false; reason: SignatureFailure }

export interface VerifyOptions {
  mode: SigningMode
  /** HMAC key for params/simple (the advertiser's postback secret). */
  secret: string
  /** The advertiser's shared token, for token mode. */
  token?: string | null
  /** The X-Postback-Token header as received, if any (token mode). */
  headerToken?: string | null
  /** Decoded parameters exactly as received (collectPostbackParams' output, or a record). */
  params: PostbackInput
  /** Current time, epoch milliseconds. */
  now: number
  toleranceSeconds?: number
}

export const DEFAULT_TOLERANCE_SECONDS = 300

const HEX64_RE = /^[0-9a-fA-F]{64}$/
const TIMESTAMP_RE = /^\d{1,11}$/

function toMap(params: PostbackInput): Map<string, string> {
  return new Map(Symbol.iterator in params ? (params as Iterable<[string, string]>) : Object.entries(params))
}

// Byte order of the UTF-8 encodings, which is code point order (not JavaScript's UTF-16 order).
function byCodePoint(a: string, b: string): number {
  for (let i = 0; ;) {
    if (i >= a.length || i >= b.length) return a.length - b.length
    const ca = a.codePointAt(i)!
    const cb = b.codePointAt(i)!
    if (ca !== cb) return ca - cb
    i += ca > 0xffff ? 2 : 1
  }
}

/** The exact text the params mode signs. */
export function canonicalParams(params: PostbackInput): string {
  const map = toMap(params)
  map.delete('hash')
  return [...map.keys()]
    .sort(byCodePoint)
    .map((k) => `${k}=${map.get(k)}`)
    .join('&')
}

function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex')
}

/** params-mode signature of a parameter set (any `hash` entry is ignored). */
export function signParams(secret: string, params: PostbackInput): string {
  return hmacHex(secret, canonicalParams(params))
}

/** simple-mode signature; payout exactly as it will appear in the URL, '' when absent. */
export function signSimple(
  secret: string,
  clickid: string,
  payout: string,
  timestamp: number | string,
): string {
  return hmacHex(secret, `${clickid}:${payout}:${timestamp}`)
}

// Equal-length by construction (both 32-byte digests), so the comparison is constant-time and
// leaks not even the length of the expected value.
function sameDigest(receivedHex: string, expectedHex: string): boolean {
  return timingSafeEqual(Buffer.from(receivedHex, 'hex'), Buffer.from(expectedHex, 'hex'))
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

export function verifyPostbackSignature(options: VerifyOptions): VerifyResult {
  const params = toMap(options.params)

  if (options.mode === 'token') {
    const expected = options.token ?? ''
    const param = params.get('token') ?? ''
    const header = options.headerToken ?? ''
    // Both given and different: refuse rather than pick one.
    if (param !== '' && header !== '' && param !== header) return { ok: false, reason: 'bad_token' }
    const received = header || param
    // Hashing both sides first makes the comparison equal-length whatever was sent.
    const ok = expected !== '' && received !== '' && timingSafeEqual(sha256(received), sha256(expected))
    return ok
      ? { ok: true, trust: 'token', signature: null, replayUntil: null }
      : { ok: false, reason: 'bad_token' }
  }

  const hash = params.get('hash') ?? ''
  if (hash === '') return { ok: false, reason: 'missing_hash' }
  const timestampText = params.get('timestamp') ?? ''
  if (!TIMESTAMP_RE.test(timestampText)) return { ok: false, reason: 'missing_timestamp' }

  let expected: string
  if (options.mode === 'params') {
    for (const [k, v] of params) {
      if (k !== 'hash' && (v.includes('&') || k.includes('&') || k.includes('='))) {
        return { ok: false, reason: 'ambiguous_params' }
      }
    }
    expected = signParams(options.secret, params)
  } else {
    expected = signSimple(
      options.secret,
      params.get('clickid') ?? '',
      params.get('payout') ?? '',
      timestampText,
    )
  }
  // An empty secret is a misconfiguration; never let it authenticate anything.
  if (options.secret === '' || !HEX64_RE.test(hash) || !sameDigest(hash, expected)) {
    return { ok: false, reason: 'bad_signature' }
  }

  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS
  const timestamp = Number(timestampText)
  if (Math.abs(options.now / 1000 - timestamp) > tolerance) return { ok: false, reason: 'stale_timestamp' }
  return {
    ok: true,
    trust: 'signed',
    signature: hash.toLowerCase(),
    replayUntil: (timestamp + tolerance) * 1000,
  }
}

// IP parsing, normalisation and allow-list matching for the listener. Hand-written scanners rather
// than regexes or split(): these run on every request (client address, trusted-proxy check), so
// they must not allocate more than the result and must be linear in the input.
//
// IPv4-mapped IPv6 addresses (::ffff:1.2.3.4, what a dual-stack socket reports for an IPv4 peer)
// are treated as the IPv4 address everywhere: normalised to dotted form, matched by IPv4 entries.

export type Ip = { version: 4; value: number } | { version: 6; words: Uint32Array }

/** Matches an address (any accepted text form) against a compiled list; invalid input never matches. */
export type IpMatcher = (ip: string) => boolean

// Scratch output for the scanners: [0] holds an IPv4 value, [0..3] the four 32-bit words of an IPv6 one.
const scratch = new Uint32Array(4)
const groups = new Uint16Array(8)

/** Parses a strict dotted quad from s[start, end) into a uint32, or -1. Leading zeros are refused (octal ambiguity). */
function scanV4(s: string, start: number, end: number): number {
  let value = 0
  let octet = 0
  let digits = 0
  let dots = 0
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i)
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1
      value = value * 256 + octet
      octet = 0
      digits = 0
      dots++
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1
      octet = octet * 10 + (c - 48)
      if (++digits > 3 || octet > 255) return -1
    } else {
      return -1
    }
  }
  if (dots !== 3 || digits === 0) return -1
  return value * 256 + octet
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 97 && c <= 102) return c - 87
  if (c >= 65 && c <= 70) return c - 55
  return -1
}

/** Parses IPv6 text from s[start, end) into `groups`; returns false if malformed. A zone (%eth0) is ignored. */
function scanV6(s: string, start: number, end: number): boolean {
  const zone = s.indexOf('%', start)
  if (zone >= 0 && zone < end) {
    if (zone === end - 1) return false
    end = zone
  }
  if (end - start < 2) return false
  let count = 0
  let gap = -1 // index in `groups` where "::" stands
  let i = start
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false
    gap = 0
    i += 2
    if (i === end) {
      groups.fill(0)
      return true
    }
  }
  while (i < end) {
    let value = 0
    let digits = 0
    const groupStart = i
    while (i < end) {
      const d = hexDigit(s.charCodeAt(i))
      if (d < 0) break
      value = value * 16 + d
      if (++digits > 4) return false
      i++
    }
    if (i < end && s.charCodeAt(i) === 46) {
      // Embedded IPv4 in the last 32 bits.
      if (count > 6) return false
      const v4 = scanV4(s, groupStart, end)
      if (v4 < 0) return false
      groups[count++] = v4 >>> 16
      groups[count++] = v4 & 0xffff
      i = end
      break
    }
    if (digits === 0) return false
    if (count === 8) return false
    groups[count++] = value
    if (i === end) break
    if (s.charCodeAt(i) !== 58) return false
    i++
    if (i < end && s.charCodeAt(i) === 58) {
      if (gap >= 0) return false
      gap = count
      i++
    } else if (i === end) {
      return false // trailing single ':'
    }
  }
  if (gap < 0) return count === 8
  if (count > 7) return false
  const tail = count - gap
  for (let k = 7, from = count - 1; k >= 8 - tail; k--, from--) groups[k] = groups[from]!
  for (let k = gap; k < 8 - tail; k++) groups[k] = 0
  return true
}

/**
 * Parses into `scratch`; returns 4, 6 or 0 (invalid). Unless keepMapped, ::ffff:a.b.c.d comes back as 4.
 * Brackets ([::1]) are accepted because URLs and some proxies write IPv6 that way.
 */
function scan(s: string, keepMapped = false): 0 | 4 | 6 {
  let start = 0
  let end = s.length
  if (end === 0 || end > 64) return 0
  if (s.charCodeAt(0) === 91) {
    if (s.charCodeAt(end - 1) !== 93) return 0
    start = 1
    end--
  }
  if (start === 0) {
    const v4 = scanV4(s, 0, end)
    if (v4 >= 0) {
      scratch[0] = v4
      return 4
    }
  }
  if (!scanV6(s, start, end)) return 0
  if (
    !keepMapped &&
    groups[5] === 0xffff &&
    groups[0] === 0 &&
    groups[1] === 0 &&
    groups[2] === 0 &&
    groups[3] === 0 &&
    groups[4] === 0
  ) {
    scratch[0] = groups[6]! * 65536 + groups[7]!
    return 4
  }
  for (let k = 0; k < 4; k++) scratch[k] = groups[2 * k]! * 65536 + groups[2 * k + 1]!
  return 6
}

export function parseIp(text: string): Ip | null {
  const v = scan(text)
  if (v === 4) return { version: 4, value: scratch[0]! }
  if (v === 6) return { version: 6, words: scratch.slice() }
  return null
}

/** The uint32 value of an IPv4 address (also IPv4-mapped IPv6), or -1 for anything else. Allocation-free. */
export function ipv4Value(text: string): number {
  return scan(text) === 4 ? scratch[0]! : -1
}

function formatV4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (≥ 2) of zero groups as "::". */
function formatV6(words: ArrayLike<number>): string {
  for (let k = 0; k < 4; k++) {
    groups[2 * k] = words[k]! >>> 16
    groups[2 * k + 1] = words[k]! & 0xffff
  }
  let bestStart = -1
  let bestLen = 1
  for (let k = 0; k < 8;) {
    if (groups[k] !== 0) {
      k++
      continue
    }
    let j = k
    while (j < 8 && groups[j] === 0) j++
    if (j - k > bestLen) {
      bestStart = k
      bestLen = j - k
    }
    k = j
  }
  let out = ''
  for (let k = 0; k < 8; k++) {
    if (k === bestStart) {
      out += '::'
      k += bestLen - 1
      continue
    }
    if (out !== '' && !out.endsWith(':')) out += ':'
    out += groups[k]!.toString(16)
  }
  return out
}

export function formatIp(ip: Ip): string {
  return ip.version === 4 ? formatV4(ip.value) : formatV6(ip.words)
}

/**
 * Canonical text of an address, or null if invalid: dotted IPv4 (also for IPv4-mapped IPv6),
 * RFC 5952 IPv6 without zone or brackets. Equal addresses always normalise to equal strings.
 */
export function normalizeIp(text: string): string | null {
  const v = scan(text)
  if (v === 4) {
    // A plain dotted quad that scanned is already canonical: skip building a new string.
    return text.length <= 15 && text.charCodeAt(0) !== 91 && text.indexOf(':') < 0
      ? text
      : formatV4(scratch[0]!)
  }
  if (v === 6) return formatV6(scratch)
  return null
}

function maskV4(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
}

function maskWord(prefix: number, word: number): number {
  const bits = Math.min(32, Math.max(0, prefix - word * 32))
  return maskV4(bits)
}

/**
 * Compiles IPs and CIDR ranges ("1.2.3.0/24", "2001:db8::/32", "10.0.0.1", "::1") into a matcher.
 * Host bits below the prefix are ignored ("1.2.3.4/24" means 1.2.3.0/24). Throws on the first
 * invalid entry, naming it. An empty list matches nothing: whether "empty" means "anyone" is the
 * caller's policy, not this function's.
 */
export function compileIpList(entries: readonly string[]): IpMatcher {
  const exactV4 = new Set<number>()
  const v4Nets: number[] = []
  const v4Masks: number[] = []
  const v6Nets: number[] = [] // four words per range
  const v6Masks: number[] = []

  const addV4 = (value: number, prefix: number): void => {
    if (prefix === 32) exactV4.add(value)
    else {
      const mask = maskV4(prefix)
      v4Nets.push((value & mask) >>> 0)
      v4Masks.push(mask)
    }
  }

  entries.forEach((raw, index) => {
    const entry = raw.trim()
    const fail = (why: string): never => {
      throw new Error(`Invalid IP allow-list entry #${index + 1} "${raw}": ${why}`)
    }
    const slash = entry.indexOf('/')
    const addr = slash < 0 ? entry : entry.slice(0, slash)
    const version = scan(addr, true)
    if (version === 0) fail('not an IPv4 or IPv6 address')
    const max = version === 4 ? 32 : 128
    let prefix = max
    if (slash >= 0) {
      const p = entry.slice(slash + 1)
      if (!/^\d{1,3}$/.test(p) || Number(p) > max) fail(`prefix must be a whole number from 0 to ${max}`)
      prefix = Number(p)
    }
    if (version === 4) return addV4(scratch[0]!, prefix)

    const w = [scratch[0]!, scratch[1]!, scratch[2]!, scratch[3]!]
    // The IPv4-mapped block ::ffff:0:0/96, which we match as IPv4.
    const inMappedBlock = w[0] === 0 && w[1] === 0 && w[2] === 0xffff
    if (prefix > 96 && inMappedBlock) return addV4(w[3]!, prefix - 96)
    if (prefix <= 96) {
      const mapped = [0, 0, 0xffff, 0]
      const coversMapped = [0, 1, 2].every((k) => ((mapped[k]! ^ w[k]!) & maskWord(prefix, k)) === 0)
      if (coversMapped) addV4(0, 0)
    }
    for (let k = 0; k < 4; k++) {
      const m = maskWord(prefix, k)
      v6Nets.push((w[k]! & m) >>> 0)
      v6Masks.push(m)
    }
  })

  const nV4 = v4Nets.length
  const nV6 = v6Masks.length
  return (ip: string): boolean => {
    const v = scan(ip)
    if (v === 4) {
      const value = scratch[0]!
      if (exactV4.has(value)) return true
      for (let i = 0; i < nV4; i++) if ((value & v4Masks[i]!) >>> 0 === v4Nets[i]) return true
      return false
    }
    if (v === 6) {
      outer: for (let i = 0; i < nV6; i += 4) {
        for (let k = 0; k < 4; k++) {
          if ((scratch[k]! & v6Masks[i + k]!) >>> 0 !== v6Nets[i + k]) continue outer
        }
        return true
      }
    }
    return false
  }
}

// Addresses that never identify a member of the public: loopback, private, link-local, CGNAT,
// multicast, documentation and reserved ranges. Geo lookup answers 'unknown' for them.
const NON_PUBLIC = compileIpList([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  '64:ff9b:1::/48',
  '100::/64',
  '2001:db8::/32',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
])

/** True for a valid address that can belong to someone on the internet. */
export function isPublicIp(ip: string): boolean {
  return scan(ip) !== 0 && !NON_PUBLIC(ip)
}

import type { TunnelKind } from '../../shared/domain'

export type HeaderValue = string | string[] | undefined

export interface ClientIpInput {
  /** socket.remoteAddress: the peer that actually connected. */
  remoteAddress: string | undefined
  /** Lower-cased request headers, as node:http gives them. */
  headers: Readonly<Record<string, HeaderValue>>
  /** The proxies (tunnel daemon, reverse proxy) whose forwarding headers we believe. */
  trustedProxies: IpMatcher
  /** Which forwarding header the owner's tunnel writes (Settings → tunnel). */
  tunnel: TunnelKind
}

/** "1.2.3.4:5678", "[2001:db8::1]:443" or a bare address, as some proxies write X-Forwarded-For entries. */
function normalizeForwarded(entry: string): string | null {
  if (entry.charCodeAt(0) === 91) {
    const close = entry.indexOf(']')
    return close < 0 ? null : normalizeIp(entry.slice(1, close))
  }
  const colon = entry.indexOf(':')
  if (colon >= 0 && entry.indexOf(':', colon + 1) < 0) return normalizeIp(entry.slice(0, colon))
  return normalizeIp(entry)
}

function single(value: HeaderValue): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/**
 * The client's address, normalised; '' if even the peer address is unusable.
 *
 * Forwarding headers are believed only when the connecting peer is a trusted proxy (anyone else
 * can write any header), and only the header the owner's tunnel kind writes. CF-Connecting-IP is
 * set by Cloudflare's edge alone, so it counts only behind cloudflared: behind ngrok, another
 * proxy or nothing, a local user or the proxy's client could have written it. With `none` no
 * header counts. X-Forwarded-For (ngrok, proxy, and cloudflared when CF-Connecting-IP is absent)
 * is walked from the right, skipping trusted proxies, and the first untrusted hop is the client.
 * Entries further left were written by whoever sent the request and prove nothing. If the chain
 * breaks (a malformed entry), the last address we could vouch for is returned rather than a guess.
 */
export function clientIp({ remoteAddress, headers, trustedProxies, tunnel }: ClientIpInput): string {
  const remote = remoteAddress === undefined ? null : normalizeIp(remoteAddress)
  if (remote === null) return ''
  if (tunnel === 'none' || !trustedProxies(remote)) return remote

  if (tunnel === 'cloudflared') {
    const cf = single(headers['cf-connecting-ip'])
    if (cf !== undefined) {
      const ip = normalizeIp(cf.trim())
      if (ip !== null) return ip
    }
  }

  const raw = headers['x-forwarded-for']
  const xff = Array.isArray(raw) ? raw.join(',') : raw
  if (!xff) return remote
  let lastTrusted = remote
  let end = xff.length
  while (end > 0) {
    const comma = xff.lastIndexOf(',', end - 1)
    const ip = normalizeForwarded(xff.slice(comma + 1, end).trim())
    if (ip === null) return lastTrusted
    if (!trustedProxies(ip)) return ip
    lastTrusted = ip
    end = comma < 0 ? 0 : comma
  }
  return lastTrusted
}

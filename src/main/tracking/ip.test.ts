import { BlockList, isIP } from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TUNNEL_KINDS } from '../../shared/domain'
import { clientIp, compileIpList, formatIp, isPublicIp, normalizeIp, parseIp } from './ip'

// The WHATWG URL parser serialises IPv6 per RFC 5952: an independent oracle for our formatter.
const urlCanonical = (v6: string): string => new URL(`http://[${v6}]/`).hostname.slice(1, -1)
const isMapped = (v6: string): boolean => /^::ffff:(\d|[0-9a-f]{1,4}:)/i.test(urlCanonical(v6))

describe('parseIp / normalizeIp', () => {
  it('accepts canonical IPv4 unchanged', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(normalizeIp(ip)).toBe(ip)
        const parsed = parseIp(ip)
        expect(parsed?.version).toBe(4)
        expect(parsed && formatIp(parsed)).toBe(ip)
      }),
    )
  })

  it('refuses IPv4 forms that mean different things to different parsers', () => {
    for (const bad of [
      '010.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '1.2.3.4 ',
      ' 1.2.3.4',
      '1..2.3',
      '0x7f.0.0.1',
      '1.2.3.-4',
      '',
    ]) {
      expect(normalizeIp(bad)).toBeNull()
    }
    fc.assert(
      fc.property(fc.ipV4Extended(), (ip) => {
        // Only the plain dotted quad is accepted; octal/hex/short forms are refused.
        expect(normalizeIp(ip) !== null).toBe(
          /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(ip) && isIP(ip) === 4,
        )
      }),
    )
  })

  it('normalises IPv6 as RFC 5952 does', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const expected = isMapped(ip) ? null : urlCanonical(ip)
        if (expected === null) return
        expect(normalizeIp(ip)).toBe(expected)
        expect(normalizeIp(ip.toUpperCase())).toBe(expected)
        expect(normalizeIp(`[${ip}]`)).toBe(expected)
      }),
    )
    expect(normalizeIp('2001:DB8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1')
    expect(normalizeIp('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1')
    expect(normalizeIp('0:0:0:0:0:0:0:0')).toBe('::')
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1')
  })

  it('treats IPv4-mapped IPv6 as IPv4', () => {
    expect(normalizeIp('::ffff:1.2.3.4')).toBe('1.2.3.4')
    expect(normalizeIp('::FFFF:102:304')).toBe('1.2.3.4')
    expect(normalizeIp('0:0:0:0:0:ffff:7f00:1')).toBe('127.0.0.1')
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ version: 4, value: 0x0a000001 })
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(normalizeIp(`::ffff:${ip}`)).toBe(ip)
      }),
    )
  })

  it('refuses malformed IPv6', () => {
    for (const bad of [
      ':',
      ':::',
      '1:::2',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      ':1::',
      '1:',
      'g::1',
      '12345::',
      '::1.2.3',
      '1::2:1.2.3.4.5',
      '[::1',
      'fe80::1%',
      '::ffff:1.2.3.04',
    ]) {
      expect(normalizeIp(bad), bad).toBeNull()
    }
  })

  it('agrees with node:net on validity for arbitrary short strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdef:.%'), maxLength: 45 }), (s) => {
        // node:net accepts zones and leading zeros in IPv4 parts of IPv6 differently; compare where it is clear-cut.
        if (s.includes('%') || /(^|[:.])0\d/.test(s)) return
        expect(normalizeIp(s) !== null).toBe(isIP(s) !== 0)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('compileIpList', () => {
  it('matches what node:net BlockList matches', () => {
    const v4Entry = fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 }))
    fc.assert(
      fc.property(
        fc.array(v4Entry, { minLength: 1, maxLength: 5 }),
        fc.array(fc.ipV4(), { maxLength: 10 }),
        (entries, probes) => {
          const list = compileIpList(entries.map(([a, p]) => `${a}/${p}`))
          const oracle = new BlockList()
          for (const [a, p] of entries) oracle.addSubnet(a, p, 'ipv4')
          for (const probe of [...probes, ...entries.map(([a]) => a)]) {
            expect(list(probe)).toBe(oracle.check(probe, 'ipv4'))
          }
        },
      ),
    )
    const v6Entry = fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 }))
    fc.assert(
      fc.property(
        fc.array(v6Entry, { minLength: 1, maxLength: 5 }),
        fc.array(fc.ipV6(), { maxLength: 10 }),
        (entries, probes) => {
          const usable = entries.filter(([a]) => !isMapped(a))
          if (usable.length === 0) return
          const list = compileIpList(usable.map(([a, p]) => `${a}/${p}`))
          const oracle = new BlockList()
          for (const [a, p] of usable) oracle.addSubnet(a, p, 'ipv6')
          for (const probe of [...probes, ...usable.map(([a]) => a)]) {
            if (isMapped(probe)) continue
            expect(list(probe)).toBe(oracle.check(probe, 'ipv6'))
          }
        },
      ),
    )
  })

  it('matches single addresses, CIDRs, mixed families and mapped peers', () => {
    const list = compileIpList(['1.2.3.0/24', '::1', '10.0.0.1', ' 2001:db8::/32 ', '1.2.3.4/24'])
    expect(list('1.2.3.200')).toBe(true)
    expect(list('1.2.4.1')).toBe(false)
    expect(list('10.0.0.1')).toBe(true)
    expect(list('10.0.0.2')).toBe(false)
    expect(list('::1')).toBe(true)
    expect(list('0:0:0:0:0:0:0:1')).toBe(true)
    expect(list('::2')).toBe(false)
    expect(list('2001:db8:ffff::9')).toBe(true)
    expect(list('2001:db9::')).toBe(false)
    expect(list('::ffff:1.2.3.9')).toBe(true)
    expect(list('::ffff:10.0.0.1')).toBe(true)
    expect(list('not an ip')).toBe(false)
    expect(list('')).toBe(false)
  })

  it('applies mapped-IPv6 entries to IPv4 peers', () => {
    expect(compileIpList(['::ffff:10.0.0.0/104'])('10.9.9.9')).toBe(true)
    expect(compileIpList(['::ffff:10.0.0.0/104'])('11.0.0.0')).toBe(false)
    expect(compileIpList(['::/0'])('8.8.8.8')).toBe(true)
    expect(compileIpList(['::/0'])('2001:db8::1')).toBe(true)
    expect(compileIpList(['2000::/3'])('8.8.8.8')).toBe(false)
    expect(compileIpList(['0.0.0.0/0'])('8.8.8.8')).toBe(true)
    expect(compileIpList(['0.0.0.0/0'])('2001:db8::1')).toBe(false)
  })

  it('matches nothing when empty', () => {
    expect(compileIpList([])('127.0.0.1')).toBe(false)
  })

  it('rejects invalid entries naming the entry', () => {
    expect(() => compileIpList(['1.2.3.4', '1.2.3.0/33'])).toThrow(/#2 "1.2.3.0\/33".*0 to 32/)
    expect(() => compileIpList(['::/129'])).toThrow(/0 to 128/)
    expect(() => compileIpList(['example.com'])).toThrow(/#1 "example.com": not an IPv4 or IPv6 address/)
    expect(() => compileIpList(['1.2.3.0/'])).toThrow(/prefix/)
    expect(() => compileIpList(['1.2.3.0/-1'])).toThrow(/prefix/)
    expect(() => compileIpList(['1.2.3.0/24/8'])).toThrow(/prefix/)
    expect(() => compileIpList([''])).toThrow(/#1/)
  })
})

describe('isPublicIp', () => {
  it('separates public from private, loopback and reserved addresses', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.4.4'])
      expect(isPublicIp(ip), ip).toBe(true)
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.1.1',
      '172.16.5.4',
      '172.31.255.255',
      '100.64.0.1',
      '169.254.1.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:192.168.0.1',
      '224.0.0.1',
      '2001:db8::1',
      'garbage',
    ]) {
      expect(isPublicIp(ip), ip).toBe(false)
    }
    expect(isPublicIp('172.32.0.1')).toBe(true)
  })
})

describe('clientIp', () => {
  const trustedProxies = compileIpList(['127.0.0.1', '::1', '10.0.0.0/8'])

  it('uses the peer address, ignoring headers, when the peer is not a trusted proxy', () => {
    expect(
      clientIp({
        remoteAddress: '203.0.113.9',
        headers: { 'x-forwarded-for': '1.1.1.1', 'cf-connecting-ip': '2.2.2.2' },
        trustedProxies,
        tunnel: 'proxy',
      }),
    ).toBe('203.0.113.9')
    expect(
      clientIp({ remoteAddress: '::ffff:203.0.113.9', headers: {}, trustedProxies, tunnel: 'proxy' }),
    ).toBe('203.0.113.9')
  })

  it('prefers CF-Connecting-IP from a trusted proxy behind cloudflared', () => {
    expect(
      clientIp({
        remoteAddress: '::ffff:127.0.0.1',
        headers: { 'cf-connecting-ip': ' 2606:4700:0:0::1 ', 'x-forwarded-for': '9.9.9.9' },
        trustedProxies,
        tunnel: 'cloudflared',
      }),
    ).toBe('2606:4700::1')
  })

  it('believes CF-Connecting-IP only behind cloudflared, and no header at all with tunnel none', () => {
    // Behind ngrok or another proxy anyone can send CF-Connecting-IP; from loopback it proves nothing.
    const headers = { 'cf-connecting-ip': '9.9.9.9' }
    for (const tunnel of ['ngrok', 'proxy', 'none'] as const) {
      expect(clientIp({ remoteAddress: '127.0.0.1', headers, trustedProxies, tunnel }), tunnel).toBe(
        '127.0.0.1',
      )
      expect(
        clientIp({
          remoteAddress: '127.0.0.1',
          headers: { ...headers, 'x-forwarded-for': '8.8.8.8' },
          trustedProxies,
          tunnel,
        }),
        tunnel,
      ).toBe(tunnel === 'none' ? '127.0.0.1' : '8.8.8.8')
    }
    // Not from an untrusted peer even behind cloudflared.
    expect(clientIp({ remoteAddress: '203.0.113.9', headers, trustedProxies, tunnel: 'cloudflared' })).toBe(
      '203.0.113.9',
    )
  })

  it('takes the right-most untrusted X-Forwarded-For hop, not the spoofable left-most', () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 5.5.5.5, 10.1.1.1 ,10.2.2.2' }
    expect(clientIp({ remoteAddress: '127.0.0.1', headers, trustedProxies, tunnel: 'proxy' })).toBe('5.5.5.5')
  })

  it('falls back to X-Forwarded-For when CF-Connecting-IP is malformed or repeated', () => {
    expect(
      clientIp({
        remoteAddress: '127.0.0.1',
        headers: { 'cf-connecting-ip': '1.2.3.4, 5.6.7.8', 'x-forwarded-for': '8.8.8.8' },
        trustedProxies,
        tunnel: 'cloudflared',
      }),
    ).toBe('8.8.8.8')
    expect(
      clientIp({
        remoteAddress: '127.0.0.1',
        headers: { 'cf-connecting-ip': ['1.1.1.1'], 'x-forwarded-for': ['7.7.7.7', '8.8.8.8'] },
        trustedProxies,
        tunnel: 'cloudflared',
      }),
    ).toBe('8.8.8.8')
  })

  it('accepts ports and brackets in forwarded entries', () => {
    expect(
      clientIp({
        remoteAddress: '::1',
        headers: { 'x-forwarded-for': '8.8.8.8:4711' },
        trustedProxies,
        tunnel: 'proxy',
      }),
    ).toBe('8.8.8.8')
    expect(
      clientIp({
        remoteAddress: '::1',
        headers: { 'x-forwarded-for': '[2001:4860::8888]:443' },
        trustedProxies,
        tunnel: 'proxy',
      }),
    ).toBe('2001:4860::8888')
  })

  it('stops at the last address it can vouch for when the chain is broken or all trusted', () => {
    expect(
      clientIp({
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '8.8.8.8, junk, 10.0.0.5' },
        trustedProxies,
        tunnel: 'proxy',
      }),
    ).toBe('10.0.0.5')
    expect(
      clientIp({
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '10.0.0.7, 10.0.0.5' },
        trustedProxies,
        tunnel: 'proxy',
      }),
    ).toBe('10.0.0.7')
    expect(
      clientIp({
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '' },
        trustedProxies,
        tunnel: 'proxy',
      }),
    ).toBe('127.0.0.1')
    expect(clientIp({ remoteAddress: '127.0.0.1', headers: {}, trustedProxies, tunnel: 'proxy' })).toBe(
      '127.0.0.1',
    )
  })

  it('returns empty for a missing or unusable peer address', () => {
    expect(
      clientIp({
        remoteAddress: undefined,
        headers: { 'x-forwarded-for': '8.8.8.8' },
        trustedProxies,
        tunnel: 'proxy',
      }),
    ).toBe('')
    expect(clientIp({ remoteAddress: 'nope', headers: {}, trustedProxies, tunnel: 'proxy' })).toBe('')
  })

  it('never returns a forwarded address when the peer is untrusted (property)', () => {
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.array(fc.ipV4(), { maxLength: 4 }),
        fc.option(fc.ipV4()),
        (peer, chain, cf) => {
          fc.pre(!trustedProxies(peer))
          const headers: Record<string, string> = { 'x-forwarded-for': chain.join(', ') }
          if (cf) headers['cf-connecting-ip'] = cf
          for (const tunnel of TUNNEL_KINDS) {
            expect(clientIp({ remoteAddress: peer, headers, trustedProxies, tunnel })).toBe(peer)
          }
        },
      ),
    )
  })
})

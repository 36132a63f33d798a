import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createAsnLookup } from './asn'
import { writeMmdb } from '../../../test/support/write-mmdb'

const dir = mkdtempSync(join(tmpdir(), 'asn-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function mmdbFile(name: string, networks: Parameters<typeof writeMmdb>[0], type: string): string {
  const file = join(dir, name)
  writeFileSync(file, writeMmdb(networks, type))
  return file
}

describe('ASN lookup from the owner’s GeoLite2-ASN file', () => {
  it('answers the autonomous system of an address in the file, null elsewhere and for private addresses', () => {
    const file = mmdbFile(
      'asn.mmdb',
      {
        '52.0.0.0/11': { autonomous_system_number: 16509 },
        '81.2.69.0/24': { autonomous_system_number: 20712 },
      },
      'GeoLite2-ASN',
    )
    const asn = createAsnLookup({ mmdbFile: file })
    expect(asn.loaded).toBe(true)
    expect(asn.loadError).toBeNull()
    expect(asn('52.1.2.3')).toBe(16509)
    expect(asn('81.2.69.160')).toBe(20712)
    expect(asn('81.2.70.1')).toBeNull()
    expect(asn('10.0.0.1')).toBeNull()
    expect(asn('not an ip')).toBeNull()
  })

  it('reads nothing without a file, and says why a country database is not used', () => {
    expect(createAsnLookup()('52.1.2.3')).toBeNull()
    const country = mmdbFile(
      'country.mmdb',
      { '52.0.0.0/11': { country: { iso_code: 'US' } } },
      'GeoLite2-Country',
    )
    const asn = createAsnLookup({ mmdbFile: country })
    expect(asn.loaded).toBe(false)
    expect(asn.loadError).toMatch(/not an ASN database/)
    expect(asn('52.1.2.3')).toBeNull()
    expect(createAsnLookup({ mmdbFile: join(dir, 'missing.mmdb') }).loadError).toMatch(/Cannot use/)
  })
})

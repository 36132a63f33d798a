// IP → autonomous system number, from a GeoLite2-ASN (or compatible) .mmdb file the owner supplies,
// for the fraud rules' datacenter check. Without a file every answer is null and the rule stays quiet:
// there is no bundled ASN data. Loaded once, synchronously, like the country database (geo.ts).
import { readFileSync } from 'node:fs'
import { Reader, type Response } from 'maxmind'
import { createBoundedCache } from './bounded-cache'
import { isPublicIp, normalizeIp } from './ip'

export type AsnLookup = ((ip: string) => number | null) & {
  /** Why the owner's file was not used; null if it was, or none was given. */
  readonly loadError: string | null
  readonly loaded: boolean
}

interface AsnRecord {
  autonomous_system_number?: number
  /** IPinfo-style databases: "AS15169". */
  asn?: string | number
}

function asnOf(record: AsnRecord | null): number | null {
  if (!record) return null
  const v = record.autonomous_system_number ?? record.asn
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 ? v : null
  if (typeof v === 'string') {
    const m = /^(?:AS)?(\d{1,10})$/i.exec(v)
    return m ? Number(m[1]) : null
  }
  return null
}

export function createAsnLookup(options: { mmdbFile?: string | null; cacheSize?: number } = {}): AsnLookup {
  let reader: Reader<Response> | null = null
  let loadError: string | null = null
  if (options.mmdbFile) {
    try {
      reader = new Reader<Response>(readFileSync(options.mmdbFile))
      // A country database answers no ASN for anyone; say so instead of silently scoring nothing.
      const type = String(reader.metadata.databaseType ?? '')
      if (!/asn|isp/i.test(type)) throw new Error(`"${type}" is not an ASN database`)
    } catch (err) {
      reader = null
      loadError = `Cannot use ${options.mmdbFile}: ${err instanceof Error ? err.message : String(err)}`
    }
  }
  const resolve = (text: string): number | null => {
    if (!reader) return null
    const ip = normalizeIp(text)
    if (ip === null || !isPublicIp(ip)) return null
    try {
      return asnOf(reader.get(ip) as AsnRecord | null)
    } catch {
      return null
    }
  }
  const cache = createBoundedCache<string, number | null>(options.cacheSize ?? 10_000)
  const lookup = (ip: string): number | null => {
    if (!reader) return null
    let asn = cache.get(ip)
    if (asn === undefined) {
      asn = resolve(ip)
      cache.set(ip, asn)
    }
    return asn
  }
  return Object.assign(lookup, { loadError, loaded: reader !== null })
}

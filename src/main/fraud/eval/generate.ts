// A seeded generator of labelled traffic: honest shoppers with their everyday oddities mixed with
// six fraud schemes, written as the same JSON-lines records an owner's own file would hold.
//
// Not separable by design. Honest traffic trips rules: office and campus IPs send bursts of clicks
// and several conversions a day, shoppers arrive without a referer (apps, privacy settings),
// travel abroad, use VPNs on hosting networks, throwaway addresses, popular phones share a
// fingerprint, a few buy within seconds. Fraud hides: bot floods often stay under the click limit
// with real-looking user agents, injected clicks sometimes wait past the timing limit, device farms
// rotate residential proxies and fresh fingerprints, self-referrers use a friend's address from a
// fresh IP, stuffers fake a referer, datacenter fraud comes from hosting networks that are not on
// the list. Fraudulent affiliates also send some honest traffic, which stays labelled honest.
import { HOSTING_ASNS } from '../hosting-asns'
import type { TrafficRecordInput } from './records'

export interface GenerateOptions {
  seed?: number
  days?: number
  /** First day, epoch ms (midnight UTC). */
  start?: number
  honestClicksPerDay?: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => {
    const u = 1 - next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
  }
  return {
    next,
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    normal,
    /** Log-normal with the given median and log-space spread. */
    logNormal: (median: number, sigma: number) => median * Math.exp(sigma * normal()),
    poisson: (mean: number) => {
      const l = Math.exp(-mean)
      let k = 0
      let p = 1
      do {
        k++
        p *= next()
      } while (p > l)
      return k - 1
    },
  }
}

const MARKETS = ['DE', 'FR', 'GB', 'US', 'NL', 'ES', 'IT', 'PL'] as const
const HOME_ASN: Record<string, number> = {
  DE: 3320,
  FR: 3215,
  GB: 2856,
  US: 7922,
  NL: 1136,
  ES: 3352,
  IT: 3269,
  PL: 5617,
}
const LISTED_HOSTING = [...HOSTING_ASNS.keys()]
/** Hosting networks that are not on the shipped list (an owner would add them in Settings). */
const UNLISTED_HOSTING = [62240, 212238, 9370, 35916]

const DESKTOP_UA = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
]
const MOBILE_UA = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
]
const BOT_UA = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1',
  'python-requests/2.32.3',
  'curl/8.5.0',
  '',
]
const CRAWLER_UA = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
]
const EMULATOR_UA = [
  'Mozilla/5.0 (Linux; Android 11; sdk_gphone_x86) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
]
const PROVIDERS = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'gmx.de',
  'web.de',
  'icloud.com',
]
const COMPANIES = [
  'acme-tools.com',
  'nordlicht.de',
  'lemaison.fr',
  'brightside.co.uk',
  'kaaswinkel.nl',
  'norte.es',
]
const DISPOSABLE = [
  'mailinator.com',
  'yopmail.com',
  'guerrillamail.com',
  '10minutemail.com',
  'trashmail.com',
  'sharklasers.com',
]
const NAMES = [
  'anna',
  'ben',
  'clara',
  'david',
  'emma',
  'felix',
  'greta',
  'hugo',
  'ines',
  'jonas',
  'lea',
  'marc',
  'nora',
  'omar',
  'paula',
  'sofia',
]
const SURNAMES = [
  'muller',
  'schmidt',
  'martin',
  'bernard',
  'smith',
  'jones',
  'devries',
  'garcia',
  'rossi',
  'nowak',
  'weber',
  'dubois',
]

type Scheme =
  'bot_flood' | 'self_referral' | 'cookie_stuffing' | 'click_injection' | 'device_farm' | 'datacenter'

interface Affiliate {
  id: number
  market: string
  email: string
  paymentEmail: string | null
  createdAt: number
  ips: string[]
  fingerprints: string[]
  weight: number
  conversionRate: number
  scheme: Scheme | null
  activeFrom: number
}

export function generateTraffic(options: GenerateOptions = {}): TrafficRecordInput[] {
  const r = rng(options.seed ?? 1)
  const days = options.days ?? 14
  const start = options.start ?? Date.UTC(2026, 0, 5)
  const honestPerDay = options.honestClicksPerDay ?? 5000
  const end = start + days * DAY
  const out: TrafficRecordInput[] = []
  let clickSeq = 0
  let convSeq = 0

  const hex = (n: number) => Array.from({ length: n }, () => r.int(0, 15).toString(16)).join('')
  const residentialIp = () => `${r.int(2, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`
  const hostingIp = () =>
    `${r.pick([3, 18, 34, 45, 64, 95, 104, 138, 159, 167])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`
  const fingerprint = () => `fp-${hex(12)}`
  const person = () =>
    `${r.pick(NAMES)}${r.chance(0.5) ? '.' : ''}${r.pick(SURNAMES)}${r.chance(0.4) ? r.int(1, 99) : ''}`
  const honestEmail = () => {
    if (r.chance(0.015)) return `${person()}@${r.pick(DISPOSABLE)}`
    return `${person()}@${r.chance(0.2) ? r.pick(COMPANIES) : r.pick(PROVIDERS)}`
  }
  const junkEmail = () =>
    `${hex(r.int(6, 10)).replace(/^[0-9]/, 'x')}@${r.chance(0.5) ? r.pick(DISPOSABLE) : r.pick(PROVIDERS)}`
  /** Variants Gmail delivers to the same mailbox, or case and plus-addressing elsewhere. */
  const emailVariant = (email: string) => {
    const [local, domain] = email.split('@') as [string, string]
    const tag = `+${r.pick(['shop', 'deal', 'x', String(r.int(1, 9))])}`
    if (domain === 'gmail.com')
      return r.pick([
        `${local.replace(/(.)(.)/, '$1.$2')}@googlemail.com`,
        `${local}${tag}@gmail.com`,
        `${local.toUpperCase()}@gmail.com`,
      ])
    return r.pick([
      `${local}${tag}@${domain}`,
      `${local[0]!.toUpperCase()}${local.slice(1)}@${domain.toUpperCase()}`,
    ])
  }
  /** Shoppers' hours: more in the evening (UTC, Europe-heavy markets). */
  const HOUR_WEIGHTS = [2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 7, 7, 6, 6, 7, 8, 10, 11, 11, 9, 6, 4]
  const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0)
  const shopperTime = (day: number) => {
    let x = r.next() * HOUR_TOTAL
    let h = 0
    while (x >= HOUR_WEIGHTS[h]!) x -= HOUR_WEIGHTS[h++]!
    return start + day * DAY + h * HOUR + Math.floor(r.next() * HOUR)
  }

  // Honest places that share one IP: offices, campuses, carrier NAT.
  const offices = Array.from({ length: 40 }, () => ({ ip: residentialIp(), country: r.pick(MARKETS) }))
  const cgnat = Array.from({ length: 300 }, () => residentialIp())
  // Hotels, campuses, trade fairs: one IP, many buyers a day.
  const venues = Array.from({ length: 4 }, () => ({ ip: residentialIp(), country: r.pick(MARKETS) }))
  // Popular phones whose browser fingerprints collide across strangers.
  const commonFingerprints = Array.from({ length: 6 }, fingerprint)
  const farmFingerprints = Array.from({ length: 6 }, fingerprint)

  const affiliates: Affiliate[] = []
  const addAffiliate = (scheme: Scheme | null): Affiliate => {
    const id = affiliates.length + 1
    const name = person()
    const young = scheme ? r.chance(0.6) : r.chance(0.1)
    const ageDays = young ? r.int(1, 45) : r.int(60, 1000)
    const email = `${name}@${r.pick(PROVIDERS)}`
    const a: Affiliate = {
      id,
      market: r.pick(MARKETS),
      email,
      paymentEmail: r.chance(0.4) ? `pay.${name}@${r.pick(PROVIDERS)}` : null,
      createdAt: start - ageDays * DAY,
      ips: [residentialIp(), residentialIp()],
      fingerprints: [fingerprint()],
      // A few big publishers, many small ones.
      weight: scheme ? 0.3 : 1 / (1 + r.int(0, 12)),
      conversionRate: 0.035 * (0.5 + r.next()),
      scheme,
      activeFrom: scheme ? start + r.int(0, Math.floor(days / 2)) * DAY : start,
    }
    affiliates.push(a)
    out.push({
      type: 'affiliate',
      id,
      email: a.email,
      paymentEmail: a.paymentEmail,
      createdAt: a.createdAt,
      ips: a.ips,
      fingerprints: a.fingerprints,
    })
    return a
  }
  for (let i = 0; i < 40; i++) addAffiliate(null)
  const schemes: Scheme[] = [
    'bot_flood',
    'bot_flood',
    'self_referral',
    'self_referral',
    'self_referral',
    'cookie_stuffing',
    'cookie_stuffing',
    'click_injection',
    'click_injection',
    'device_farm',
    'device_farm',
    'device_farm',
    'datacenter',
  ]
  for (const s of schemes) addAffiliate(s)
  const pools = new Map(affiliates.map((a) => [a.id, Array.from({ length: 4 }, hostingIp)]))
  const crudeFarm = Array.from({ length: 3 }, fingerprint)
  const totalWeight = affiliates.reduce((s, a) => s + a.weight, 0)
  const pickAffiliate = () => {
    let x = r.next() * totalWeight
    for (const a of affiliates) if ((x -= a.weight) < 0) return a
    return affiliates[0]!
  }

  interface ClickSpec {
    at: number
    affiliate: Affiliate
    ip: string
    country: string
    userAgent: string
    referer: string
    fingerprint: string | null
    hidden: boolean
  }
  const click = (c: ClickSpec): string => {
    const id = `c${++clickSeq}`
    out.push({
      type: 'click',
      id,
      at: c.at,
      affiliateId: c.affiliate.id,
      ip: c.ip,
      country: c.country,
      userAgent: c.userAgent,
      referer: c.referer,
      fingerprint: c.fingerprint,
      hidden: c.hidden,
    })
    return id
  }
  const blog = (a: Affiliate) => `https://blog-${a.id}.example/post-${r.int(1, 400)}`
  const trust = (signed: number, token: number) => {
    const x = r.next()
    return x < signed ? ('signed' as const) : x < signed + token ? ('token' as const) : ('client' as const)
  }
  const amountFor = (eventType: 'lead' | 'trial' | 'sale') =>
    eventType === 'sale' ? Math.max(100, Math.round(r.logNormal(4500, 0.8))) : 0

  interface ConversionSpec {
    at: number
    clickId: string | null
    click: ClickSpec | null
    affiliate: Affiliate
    fraud: boolean
    ip: string | null
    country: string | null
    asn: number | null
    datacenter: boolean
    trust: 'signed' | 'token' | 'client'
    eventType: 'lead' | 'trial' | 'sale'
    customerEmail: string | null
    fingerprint?: string | null
    userAgent?: string | null
  }
  const conversion = (c: ConversionSpec) => {
    // A server postback carries no browser; a browser report carries the click's browser.
    const browser = c.trust === 'client'
    out.push({
      type: 'conversion',
      id: `v${++convSeq}`,
      at: c.at,
      clickId: c.clickId,
      affiliateId: c.affiliate.id,
      campaignId: 1 + (c.affiliate.id % 3),
      trust: c.trust,
      eventType: c.eventType,
      amountMinor: amountFor(c.eventType),
      currency: 'EUR',
      ip: c.ip,
      country: c.country,
      userAgent: c.userAgent !== undefined ? c.userAgent : browser ? (c.click?.userAgent ?? null) : null,
      fingerprint:
        c.fingerprint !== undefined ? c.fingerprint : browser ? (c.click?.fingerprint ?? null) : null,
      customerEmail: c.customerEmail,
      asn: c.asn,
      datacenter: c.datacenter,
      fraud: c.fraud,
    })
  }
  const eventType = (): 'lead' | 'trial' | 'sale' => {
    const x = r.next()
    return x < 0.75 ? 'sale' : x < 0.95 ? 'lead' : 'trial'
  }

  /** One honest visitor's click, and maybe their purchase; `selfReferral` turns it into the affiliate's own. */
  const honestVisit = (a: Affiliate, at: number, shared?: { ip: string; country: string }, buys = false) => {
    const mobile = r.chance(0.55)
    const place = shared ?? (r.chance(0.08) ? r.pick(offices) : null)
    const country = place?.country ?? (r.chance(0.9) ? a.market : r.pick(MARKETS))
    const ip = place?.ip ?? (mobile && r.chance(0.1) ? r.pick(cgnat) : residentialIp())
    const fp = r.chance(0.55) ? (mobile && r.chance(0.1) ? r.pick(commonFingerprints) : fingerprint()) : null
    const spec: ClickSpec = {
      at,
      affiliate: a,
      ip,
      country,
      // Corporate proxies strip the user agent; some shopping apps open links with their HTTP client.
      userAgent: r.chance(0.004)
        ? r.pick(['', 'okhttp/4.12.0'])
        : mobile
          ? r.pick(MOBILE_UA)
          : r.pick(DESKTOP_UA),
      referer: r.chance(0.72) ? blog(a) : '',
      fingerprint: fp,
      hidden: r.chance(0.004),
    }
    const clickId = click(spec)
    if (!buys && !r.chance(a.conversionRate)) return
    const self = r.chance(0.01)
    const delayS = r.chance(0.015) ? r.int(3, 25) : Math.min(20 * 86_400, r.logNormal(1800, 1.7))
    const convAt = at + Math.round(delayS * 1000)
    if (convAt >= end) return
    let convIp: string | null = ip
    let convCountry: string | null = country
    let asn: number | null = HOME_ASN[country]!
    let dc = false
    if (r.chance(0.2)) {
      const travel = r.chance(0.15)
      convCountry = travel ? r.pick(MARKETS.filter((m) => m !== country)) : country
      convIp = residentialIp()
      asn = HOME_ASN[convCountry]!
    }
    if (r.chance(0.025)) {
      // A VPN on a hosting network.
      convIp = hostingIp()
      asn = r.chance(0.6) ? r.pick(LISTED_HOSTING) : r.pick(UNLISTED_HOSTING)
      dc = r.chance(0.5)
    }
    if (r.chance(0.12) && !shared) convIp = null
    conversion({
      at: convAt,
      clickId,
      click: spec,
      affiliate: a,
      fraud: self,
      ip: self && r.chance(0.5) ? r.pick(a.ips) : convIp,
      country: convIp === null ? null : convCountry,
      asn: convIp === null ? null : asn,
      datacenter: dc,
      trust: trust(0.55, 0.35),
      eventType: eventType(),
      customerEmail: self ? emailVariant(a.email) : r.chance(0.85) ? honestEmail() : null,
    })
  }

  for (let day = 0; day < days; day++) {
    const dayStart = start + day * DAY
    // Honest traffic, fraudulent affiliates' honest share included.
    const clicks = Math.round(honestPerDay * (0.85 + 0.3 * r.next()))
    for (let i = 0; i < clicks; i++) {
      const a = pickAffiliate()
      const at = shopperTime(day)
      if (at < a.activeFrom) continue
      if (r.chance(0.02)) {
        click({
          at,
          affiliate: a,
          ip: hostingIp(),
          country: 'US',
          userAgent: r.pick(CRAWLER_UA),
          referer: '',
          fingerprint: null,
          hidden: false,
        })
        continue
      }
      honestVisit(a, at)
    }
    // Newsletters read in an office: a burst of clicks from one IP.
    for (let b = r.poisson(2); b > 0; b--) {
      const office = r.pick(offices)
      const a = pickAffiliate()
      const t0 = dayStart + r.int(8, 16) * HOUR
      for (let k = r.int(8, 25); k > 0; k--) honestVisit(a, t0 + r.int(0, 50 * 60_000), office)
    }
    for (const venue of venues)
      for (let n = r.poisson(3.5); n > 0; n--) honestVisit(pickAffiliate(), shopperTime(day), venue, true)
    // Fraud schemes.
    for (const a of affiliates) {
      if (!a.scheme || dayStart < a.activeFrom) continue
      switch (a.scheme) {
        case 'bot_flood':
          for (let b = r.int(3, 6); b > 0; b--) {
            const hosted = r.chance(0.5)
            // Rented proxies are reused across bursts until they are burnt.
            const ip = r.chance(0.5) ? r.pick(pools.get(a.id)!) : hosted ? hostingIp() : residentialIp()
            const country = r.pick(MARKETS)
            const asn = hosted
              ? r.chance(0.7)
                ? r.pick(LISTED_HOSTING)
                : r.pick(UNLISTED_HOSTING)
              : HOME_ASN[country]!
            const dc = hosted && r.chance(0.4)
            const ua = r.chance(0.35) ? r.pick(BOT_UA) : r.pick(DESKTOP_UA)
            const t0 = dayStart + r.int(0, 23) * HOUR
            const referer = r.chance(0.6) ? '' : blog(a)
            const k = r.int(4, 40)
            for (let i = 0; i < k; i++) {
              const spec: ClickSpec = {
                at: t0 + r.int(0, HOUR - 1),
                affiliate: a,
                ip,
                country,
                userAgent: ua,
                referer,
                fingerprint: r.chance(0.3) ? fingerprint() : null,
                hidden: false,
              }
              const id = click(spec)
              if (!r.chance(0.04)) continue
              const at = spec.at + Math.round(r.logNormal(45, 1) * 1000)
              conversion({
                at,
                clickId: id,
                click: spec,
                affiliate: a,
                fraud: true,
                ip,
                country,
                asn,
                datacenter: dc,
                trust: trust(0, 0.5),
                eventType: r.chance(0.8) ? 'lead' : 'sale',
                customerEmail: junkEmail(),
              })
            }
          }
          break
        case 'self_referral':
          for (let n = r.poisson(0.9); n > 0; n--) {
            const at = shopperTime(day)
            const mode = r.next()
            const own = mode < 0.75
            const ip = own && r.chance(0.6) ? r.pick(a.ips) : residentialIp()
            const spec: ClickSpec = {
              at,
              affiliate: a,
              ip,
              country: a.market,
              userAgent: r.pick(r.chance(0.5) ? MOBILE_UA : DESKTOP_UA),
              referer: r.chance(0.5) ? blog(a) : '',
              fingerprint: own && r.chance(0.5) ? a.fingerprints[0]! : r.chance(0.5) ? fingerprint() : null,
              hidden: false,
            }
            const id = click(spec)
            conversion({
              at: at + Math.round(r.logNormal(150, 1.2) * 1000),
              clickId: id,
              click: spec,
              affiliate: a,
              fraud: true,
              ip,
              country: a.market,
              asn: HOME_ASN[a.market]!,
              datacenter: false,
              trust: trust(0.7, 0.25),
              eventType: 'sale',
              customerEmail:
                mode < 0.45
                  ? emailVariant(r.chance(0.8) ? a.email : (a.paymentEmail ?? a.email))
                  : honestEmail(),
              fingerprint: spec.fingerprint,
            })
          }
          break
        case 'cookie_stuffing':
          for (let i = 0; i < 400; i++) {
            const at = shopperTime(day)
            const how = r.next()
            const mobile = r.chance(0.5)
            const country = r.chance(0.8) ? a.market : r.pick(MARKETS)
            const spec: ClickSpec = {
              at,
              affiliate: a,
              ip: residentialIp(),
              country,
              userAgent: mobile ? r.pick(MOBILE_UA) : r.pick(DESKTOP_UA),
              referer: how < 0.9 ? '' : blog(a),
              fingerprint: r.chance(0.5) ? fingerprint() : null,
              hidden: how < 0.55,
            }
            const id = click(spec)
            if (!r.chance(0.01)) continue
            const convAt = at + Math.round(r.logNormal(3 * 3600, 1.5) * 1000)
            if (convAt >= end) continue
            conversion({
              at: convAt,
              clickId: id,
              click: spec,
              affiliate: a,
              fraud: true,
              ip: r.chance(0.7) ? spec.ip : residentialIp(),
              country,
              asn: HOME_ASN[country]!,
              datacenter: false,
              trust: trust(0.55, 0.35),
              eventType: eventType(),
              customerEmail: r.chance(0.85) ? honestEmail() : null,
            })
          }
          break
        case 'click_injection':
          for (let n = r.poisson(3); n > 0; n--) {
            const at = shopperTime(day)
            const country = r.chance(0.85) ? a.market : r.pick(MARKETS)
            const ip = residentialIp()
            const spec: ClickSpec = {
              at,
              affiliate: a,
              ip,
              country,
              userAgent: r.pick(MOBILE_UA.slice(1)),
              referer: r.chance(0.8) ? '' : blog(a),
              fingerprint: r.chance(0.4) ? fingerprint() : null,
              hidden: false,
            }
            const id = click(spec)
            const delayS = r.chance(0.7) ? r.int(1, 9) : r.int(10, 40)
            conversion({
              at: at + delayS * 1000 + r.int(0, 999),
              clickId: id,
              click: spec,
              affiliate: a,
              fraud: true,
              ip,
              country,
              asn: HOME_ASN[country]!,
              datacenter: false,
              trust: trust(0.5, 0.4),
              eventType: r.chance(0.6) ? 'trial' : 'sale',
              customerEmail: r.chance(0.85) ? honestEmail() : null,
            })
          }
          break
        case 'device_farm': {
          // One farm is crude (a few real phones, fingerprints reused all day), the others spoof
          // fresh fingerprints most of the time; all three borrow the crude farm's phones now and then.
          const crude = a.id % 2 === 0
          for (let n = r.poisson(crude ? 5 : 3); n > 0; n--) {
            const at = start + day * DAY + r.int(0, DAY - 1)
            const clickCountry = r.pick(MARKETS)
            const fp =
              crude || r.chance(0.2)
                ? r.pick(crudeFarm)
                : r.chance(0.3)
                  ? r.pick(farmFingerprints)
                  : fingerprint()
            const spec: ClickSpec = {
              at,
              affiliate: a,
              ip: residentialIp(),
              country: clickCountry,
              userAgent: r.pick(EMULATOR_UA),
              referer: r.chance(0.5) ? '' : blog(a),
              fingerprint: fp,
              hidden: false,
            }
            const id = click(spec)
            const proxy = r.chance(0.5)
            const country = proxy ? r.pick(MARKETS) : clickCountry
            conversion({
              at: at + Math.round(r.logNormal(150, 1) * 1000),
              clickId: id,
              click: spec,
              affiliate: a,
              fraud: true,
              ip: proxy ? residentialIp() : spec.ip,
              country,
              asn: HOME_ASN[country]!,
              datacenter: false,
              trust: trust(0, 0.6),
              eventType: r.chance(0.6) ? 'lead' : 'trial',
              customerEmail: r.chance(0.7) ? junkEmail() : honestEmail(),
              fingerprint: fp,
            })
          }
          break
        }
        case 'datacenter':
          for (let n = r.poisson(3); n > 0; n--) {
            const at = start + day * DAY + r.int(0, DAY - 1)
            const listed = r.chance(0.6)
            const ip = r.chance(0.4) ? r.pick(pools.get(a.id)!) : hostingIp()
            const country = r.pick(MARKETS)
            const spec: ClickSpec = {
              at,
              affiliate: a,
              ip,
              country,
              userAgent: r.chance(0.7) ? r.pick(DESKTOP_UA) : r.pick(BOT_UA),
              referer: r.chance(0.5) ? '' : blog(a),
              fingerprint: r.chance(0.3) ? fingerprint() : null,
              hidden: false,
            }
            const id = click(spec)
            conversion({
              at: at + Math.round(r.logNormal(90, 1) * 1000),
              clickId: id,
              click: spec,
              affiliate: a,
              fraud: true,
              ip,
              country,
              asn: listed ? r.pick(LISTED_HOSTING) : r.pick(UNLISTED_HOSTING),
              datacenter: r.chance(listed ? 0.5 : 0.3),
              trust: trust(0.1, 0.5),
              eventType: r.chance(0.5) ? 'lead' : 'sale',
              customerEmail: r.chance(0.5) ? junkEmail() : honestEmail(),
            })
          }
          break
      }
    }
  }
  return out
}

export function toJsonLines(records: readonly TrafficRecordInput[]): string {
  return records.map((rec) => JSON.stringify(rec)).join('\n') + '\n'
}

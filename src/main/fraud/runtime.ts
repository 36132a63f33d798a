// The fraud engine at work: the listener asks here, at click time, whether an IP floods, and before
// each conversion report reaches the store, for the verdict the ledger rules apply. It holds the
// sliding windows (FraudState), the owner's settings, the learned model and the ASN lookup; the
// engine itself (rules, model) stays pure. Everything the verdict needs that the report does not
// carry comes from the store (affiliates' emails, cached) or from memory (counters).
import type { FraudAffiliateFacts, FraudEvent, Store } from '../db/store'
import type { ConversionIntent, IntentRisk, IntentVisitor } from '../commissions/ports'
import type { TrustLevel, EventType } from '../../shared/domain'
import {
  assessConversion,
  DEFAULT_FRAUD_SETTINGS,
  FraudModel,
  FraudState,
  isClickFlood,
  type FraudSettings,
} from './index'
import type { FraudClick, FraudInput } from './types'
import { isPublicIp, normalizeIp } from '../tracking/ip'
import { createAsnLookup, type AsnLookup } from '../tracking/asn'
import { createBoundedCache } from '../tracking/bounded-cache'

const DAY_MS = 86_400_000

/**
 * Self-referral without an affiliate portal: the affiliate's own sessions are taken to be an IP or
 * fingerprint that followed the affiliate's own links at least SELF_CLICKS times within
 * SELF_WINDOW_MS — someone testing or clicking their own links, which a customer rarely does — and
 * they stay "the affiliate's" for SELF_MEMORY_MS.
 */
export const SELF_CLICKS = 5
export const SELF_WINDOW_MS = 10 * 60_000
export const SELF_MEMORY_MS = DAY_MS
/** Keys (affiliate × IP or fingerprint) remembered at most: two generations of half this each. */
const SELF_MAX_KEYS = 200_000

/** What a conversion endpoint knows about a report before the store decides. */
export interface FraudReport {
  at: number
  trust: TrustLevel
  eventType: EventType | null
  amountMinor: number | null
  currency: string | null
  click: {
    clickId: string
    affiliateId: number
    campaignId: number
    createdAt: number
    ip: string
    userAgent: string
    referer: string
    country: string
    fingerprint: string | null
    hidden: boolean
    flagged: boolean
  }
  /** The converting visitor's IP (the browser's, or what the advertiser reports), else the click's. */
  ip: string | null
  userAgent: string | null
  fingerprint: string | null
  customerEmail: string | null
}

/** What a report gains from the fraud checks, spread into its ConversionIntent. */
export type FraudIntentPart = Pick<ConversionIntent, 'riskScore' | 'visitor' | 'risk'>

export interface FraudRuntime {
  /** Counts a click; true when its IP is over the clicks-per-hour limit (flagged `click_flood`). */
  observeClick(click: { at: number; ip: string; affiliateId: number; fingerprint: string | null }): boolean
  /** The verdict on a report, or only the visitor's facts when the checks are off. */
  assess(report: FraudReport): Promise<FraudIntentPart>
  /** The store created the conversion: count it in the windows. */
  observeConversion(report: FraudReport, part: FraudIntentPart): void
  /** Re-reads settings and the newest model (after the owner changed them or training ran). */
  reload(): Promise<void>
  /** Forgets everything and replays the store's last 24 h (at core start). */
  rebuild(now: number): Promise<{ clicks: number; conversions: number }>
  /** Drops cached affiliate facts (after any change to affiliates). */
  invalidate(): void
  readonly settings: FraudSettings
  readonly model: FraudModel | null
  readonly state: FraudState
  /** The owner's ASN database, if any, and why it is not used. */
  readonly asn: { file: string | null; loaded: boolean; loadError: string | null }
}

export interface FraudRuntimeOptions {
  store: Store
  /** IP → country (the listener's lookup), for the conversion's own IP. */
  country: (ip: string) => string
  /** Off = no verdicts and no click flooding (benchmarks compare, tests of other rules). Default on. */
  enabled?: boolean
  log?: (msg: string, err?: unknown) => void
}

/** Counts of one key in a short window, remembered for a while after it tripped. */
interface SelfEntry {
  first: number
  count: number
  /** When it reached SELF_CLICKS; 0 = not yet. */
  known: number
}

/** Two generations of a Map, so the key space stays bounded without walking a Map for the oldest. */
function createSelfSessions() {
  let current = new Map<string, SelfEntry>()
  let previous = new Map<string, SelfEntry>()
  /**
   * Per affiliate, when one of its keys last reached SELF_CLICKS (an upper bound of its entries'
   * `known`). Most conversions come from customers, not from the affiliate's own sessions: an
   * affiliate with none in SELF_MEMORY_MS answers without building and looking up keys. Never
   * trimmed (forgetting would answer "not known" wrongly); past the bound it is given up until clear().
   */
  let tripped: Map<number, number> | null = new Map()
  const get = (key: string): SelfEntry | undefined => {
    let e = current.get(key)
    if (e === undefined) {
      e = previous.get(key)
      if (e !== undefined) {
        previous.delete(key)
        current.set(key, e)
      }
    }
    return e
  }
  return {
    see(affiliateId: number, key: string, at: number): void {
      let e = get(key)
      if (e === undefined || (e.known === 0 && at - e.first > SELF_WINDOW_MS)) {
        e = { first: at, count: 0, known: e?.known ?? 0 }
        current.set(key, e)
        if (current.size >= SELF_MAX_KEYS / 2) {
          previous = current
          current = new Map()
        }
      }
      e.count++
      if (e.count >= SELF_CLICKS && at - e.first <= SELF_WINDOW_MS) {
        e.known = at
        if (tripped !== null) {
          tripped.set(affiliateId, Math.max(tripped.get(affiliateId) ?? 0, at))
          if (tripped.size > SELF_MAX_KEYS) tripped = null
        }
      }
    },
    /** Whether any of the affiliate's keys may be known at `at`; false means none is. */
    mayKnow(affiliateId: number, at: number): boolean {
      if (tripped === null) return true
      const last = tripped.get(affiliateId)
      return last !== undefined && at - last <= SELF_MEMORY_MS
    },
    known(key: string, at: number): boolean {
      const e = get(key)
      return e !== undefined && e.known > 0 && at - e.known <= SELF_MEMORY_MS
    },
    clear(): void {
      current = new Map()
      previous = new Map()
      tripped = new Map()
    },
    get size() {
      return current.size + previous.size
    },
  }
}

/**
 * The address per-IP windows count under, or null. A private or loopback address is not the
 * visitor's own (the listener sits behind a tunnel or proxy that is not in trusted proxies), and
 * counting it would put every visitor in one window.
 */
function counted(ip: string | null): string | null {
  if (!ip) return null
  let n = countedIps.get(ip)
  if (n === undefined) {
    const normal = normalizeIp(ip)
    n = normal !== null && isPublicIp(normal) ? normal : null
    countedIps.set(ip, n)
  }
  return n
}
/**
 * Addresses already parsed: a postback asks about its visitor's and its click's (mostly the same
 * address), and its conversion is counted under it again. Bounded: the address is the visitor's.
 */
const countedIps = createBoundedCache<string, string | null>(4096)

export function createFraudRuntime(opts: FraudRuntimeOptions): FraudRuntime {
  const { store } = opts
  const enabled = opts.enabled ?? true
  const log = opts.log ?? (() => {})
  const state = new FraudState()
  const sessions = createSelfSessions()
  const affiliates = new Map<number, FraudAffiliateFacts | null>()
  let settings: FraudSettings = DEFAULT_FRAUD_SETTINGS
  let model: FraudModel | null = null
  let asnFile: string | null = null
  let asn: AsnLookup = createAsnLookup()

  /** Reads an affiliate's facts into the cache (assess reads the cache first: no promise when cached). */
  const loadAffiliateFacts = async (id: number): Promise<FraudAffiliateFacts | null> => {
    const a = await store.fraud.affiliateFacts(id)
    if (affiliates.size > 50_000) affiliates.clear()
    affiliates.set(id, a)
    return a
  }

  const seeClick = (c: { at: number; ip: string; affiliateId: number; fingerprint: string | null }) => {
    const ip = counted(c.ip)
    if (ip !== null) {
      state.observeClick({ at: c.at, ip })
      sessions.see(c.affiliateId, `${c.affiliateId}|i|${ip}`, c.at)
    }
    if (c.fingerprint) sessions.see(c.affiliateId, `${c.affiliateId}|f|${c.fingerprint}`, c.at)
  }

  const runtime: FraudRuntime = {
    get settings() {
      return settings
    },
    get model() {
      return model
    },
    state,
    get asn() {
      return { file: asnFile, loaded: asn.loaded, loadError: asn.loadError }
    },

    observeClick(c) {
      if (!enabled) return false
      seeClick(c)
      const ip = counted(c.ip)
      if (ip === null) return false
      const n = state.counters({ at: c.at, ip, fingerprint: null, affiliateId: 0 }).ipClicksLastHour
      return isClickFlood(n, settings)
    },

    async assess(r) {
      const visitor: IntentVisitor = {
        fingerprint: r.fingerprint,
        userAgent: r.userAgent,
        customerEmail: r.customerEmail,
        country: r.ip ? opts.country(r.ip) : null,
      }
      if (!enabled) return { riskScore: 0, visitor }
      const affiliateId = r.click.affiliateId
      let affiliate = affiliates.get(affiliateId)
      if (affiliate === undefined) affiliate = await loadAffiliateFacts(affiliateId)
      if (affiliate === null) return { riskScore: 0, visitor }
      const click: FraudClick = {
        at: r.click.createdAt,
        ip: r.click.ip,
        country: r.click.country,
        userAgent: r.click.userAgent,
        referer: r.click.referer,
        fingerprint: r.click.fingerprint,
        hidden: r.click.hidden,
        flagged: r.click.flagged,
      }
      const ip = counted(r.ip)
      const clickIp = counted(r.click.ip)
      const ownSessions = sessions.mayKnow(affiliateId, r.at)
      const input: FraudInput = {
        at: r.at,
        affiliateId,
        campaignId: r.click.campaignId,
        trust: r.trust,
        eventType: r.eventType ?? 'sale',
        amountMinor: r.amountMinor ?? 0,
        currency: r.currency ?? '',
        ip: r.ip,
        country: visitor.country,
        userAgent: r.userAgent,
        fingerprint: r.fingerprint,
        customerEmail: r.customerEmail,
        click,
        affiliate: {
          email: affiliate.email,
          paymentEmail: affiliate.paymentEmail,
          createdAt: affiliate.createdAt,
          usedIp: ownSessions && ip !== null && sessions.known(`${affiliateId}|i|${ip}`, r.at),
          usedFingerprint:
            ownSessions &&
            r.fingerprint !== null &&
            sessions.known(`${affiliateId}|f|${r.fingerprint}`, r.at),
        },
        counters: state.counters({
          at: r.at,
          ip,
          clickIp,
          fingerprint: r.fingerprint,
          affiliateId,
        }),
        asn: r.ip ? asn(r.ip) : null,
        // No ASN database marks networks as hosting; the rule reads the ASN against its list.
        datacenter: false,
      }
      const verdict = assessConversion(input, settings, model)
      const risk: IntentRisk = {
        reviewThreshold: settings.reviewThreshold,
        rejectThreshold: settings.rejectThreshold,
        verdict,
        input,
      }
      return { riskScore: verdict.score, visitor, risk }
    },

    observeConversion(r) {
      if (!enabled) return
      state.observeConversion({
        at: r.at,
        ip: counted(r.ip),
        fingerprint: r.fingerprint,
        affiliateId: r.click.affiliateId,
      })
    },

    async reload() {
      const stored = await store.fraud.settings()
      settings = stored.settings
      if (stored.asnFile !== asnFile) {
        asnFile = stored.asnFile
        asn = createAsnLookup({ mmdbFile: asnFile })
        if (asn.loadError) log(`ASN file not used: ${asn.loadError}`)
      }
      const latest = await store.fraud.latestModel()
      try {
        model = latest ? FraudModel.fromJSON(latest.model) : null
      } catch (err) {
        log('stored fraud model not used', err)
        model = null
      }
    },

    async rebuild(now) {
      const events: Iterable<FraudEvent> = await store.fraud.recentEvents(now - DAY_MS)
      let clicks = 0
      let conversions = 0
      sessions.clear()
      function* replay(): Generator<
        Parameters<FraudState['rebuild']>[0] extends Iterable<infer E> ? E : never
      > {
        for (const e of events) {
          const ip = counted(e.ip)
          if (e.kind === 'click') {
            clicks++
            if (ip !== null) sessions.see(e.affiliateId, `${e.affiliateId}|i|${ip}`, e.at)
            if (e.fingerprint) sessions.see(e.affiliateId, `${e.affiliateId}|f|${e.fingerprint}`, e.at)
            if (ip !== null) yield { kind: 'click', at: e.at, ip }
          } else {
            conversions++
            yield { ...e, ip }
          }
        }
      }
      state.rebuild(replay())
      return { clicks, conversions }
    },

    invalidate() {
      affiliates.clear()
    },
  }
  return runtime
}

/** Bytes the self-referral memory holds at most, for the memory report. */
export const SELF_SESSIONS_MAX_KEYS = SELF_MAX_KEYS

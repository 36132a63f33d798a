// How conversion_risk.input holds the FraudInput a verdict read: a JSON array in a fixed order
// rather than the keyed object. Written on every scored conversion inside the ingest transaction,
// the keyed form (~900 bytes with a browser's agent twice) cost more to stringify than the rules
// cost to run; the array drops the keys, the nested objects and the visitor's fields that repeat
// the click's (a postback's visitor is its click), at a third of the size. Nothing is left out:
// training reads back exactly what was scored. Rows written before hold the keyed object, and
// are read as they are.
import type { FraudInput } from '../../fraud/types'

/** The first element of the array form; a later layout takes the next number. */
const LAYOUT = 2
/** In a visitor field (ip, country, userAgent, fingerprint): "the click's value". */
const SAME = 0

/** Booleans as bits: the click's (hidden, flagged), and the affiliate's with datacenter. */
const HIDDEN = 1
const FLAGGED = 2
const USED_IP = 1
const USED_FINGERPRINT = 2
const DATACENTER = 4

type Visitor = string | null | typeof SAME
type StoredClick = [
  at: number,
  ip: string,
  country: string,
  userAgent: string,
  referer: string,
  fingerprint: string | null,
  bits: number,
]
type Stored = [
  layout: typeof LAYOUT,
  at: number,
  affiliateId: number,
  campaignId: number,
  trust: FraudInput['trust'],
  eventType: FraudInput['eventType'],
  amountMinor: number,
  currency: string,
  ip: Visitor,
  country: Visitor,
  userAgent: Visitor,
  fingerprint: Visitor,
  customerEmail: string | null,
  click: StoredClick | null,
  email: string,
  paymentEmail: string | null,
  affiliateCreatedAt: number,
  bits: number,
  ipClicksLastHour: number,
  ipConversionsLast24h: number,
  fingerprintConversionsLast24h: number,
  fingerprintAffiliatesLast24h: number,
  affiliateConversionsLast24h: number,
  asn: number | null,
]

const same = (value: string | null, clicks: string | null | undefined): Visitor =>
  value !== null && value === clicks ? SAME : value

export function encodeFraudInput(input: FraudInput): string {
  const { click, affiliate: a, counters: c } = input
  const stored: Stored = [
    LAYOUT,
    input.at,
    input.affiliateId,
    input.campaignId,
    input.trust,
    input.eventType,
    input.amountMinor,
    input.currency,
    same(input.ip, click?.ip),
    same(input.country, click?.country),
    same(input.userAgent, click?.userAgent),
    same(input.fingerprint, click?.fingerprint),
    input.customerEmail,
    click === null
      ? null
      : [
          click.at,
          click.ip,
          click.country,
          click.userAgent,
          click.referer,
          click.fingerprint,
          (click.hidden ? HIDDEN : 0) | (click.flagged ? FLAGGED : 0),
        ],
    a.email,
    a.paymentEmail,
    a.createdAt,
    (a.usedIp ? USED_IP : 0) |
      (a.usedFingerprint ? USED_FINGERPRINT : 0) |
      (input.datacenter ? DATACENTER : 0),
    c.ipClicksLastHour,
    c.ipConversionsLast24h,
    c.fingerprintConversionsLast24h,
    c.fingerprintAffiliatesLast24h,
    c.affiliateConversionsLast24h,
    input.asn,
  ]
  return JSON.stringify(stored)
}

/** A stored input in either form: the array, or the keyed object of rows written before it. */
export function decodeFraudInput(text: string): FraudInput {
  const value = JSON.parse(text) as unknown
  if (!Array.isArray(value)) {
    if (value === null || typeof value !== 'object') throw new Error('Stored fraud input is not an object')
    return value as FraudInput
  }
  if (value[0] !== LAYOUT || value.length !== 24) throw new Error('Stored fraud input has an unknown layout')
  const s = value as Stored
  const sc = s[13]
  const click =
    sc === null
      ? null
      : {
          at: sc[0],
          ip: sc[1],
          country: sc[2],
          userAgent: sc[3],
          referer: sc[4],
          fingerprint: sc[5],
          hidden: (sc[6] & HIDDEN) !== 0,
          flagged: (sc[6] & FLAGGED) !== 0,
        }
  const visitor = (v: Visitor, clicks: string | null | undefined): string | null =>
    v === SAME ? (clicks ?? null) : v
  return {
    at: s[1],
    affiliateId: s[2],
    campaignId: s[3],
    trust: s[4],
    eventType: s[5],
    amountMinor: s[6],
    currency: s[7],
    ip: visitor(s[8], click?.ip),
    country: visitor(s[9], click?.country),
    userAgent: visitor(s[10], click?.userAgent),
    fingerprint: visitor(s[11], click?.fingerprint),
    customerEmail: s[12],
    click,
    affiliate: {
      email: s[14],
      paymentEmail: s[15],
      createdAt: s[16],
      usedIp: (s[17] & USED_IP) !== 0,
      usedFingerprint: (s[17] & USED_FINGERPRINT) !== 0,
    },
    counters: {
      ipClicksLastHour: s[18],
      ipConversionsLast24h: s[19],
      fingerprintConversionsLast24h: s[20],
      fingerprintAffiliatesLast24h: s[21],
      affiliateConversionsLast24h: s[22],
    },
    asn: s[23],
    datacenter: (s[17] & DATACENTER) !== 0,
  }
}

// Replays a labelled traffic file through FraudState in time order, so every conversion's counters
// are computed exactly as the runtime computes them: its click observed first, the conversion itself
// observed only after it was assessed.
import type { FraudSettings } from '../../../shared/fraud-settings'
import { isClickFlood } from '../rules'
import { FraudState } from '../state'
import type { FraudClick, FraudInput } from '../types'
import type { AffiliateRecord, ClickRecord, ConversionRecord, TrafficRecord } from './records'

export interface LabelledInput {
  id: string
  input: FraudInput
  fraud: boolean
}

export function replay(
  records: readonly TrafficRecord[],
  settings: FraudSettings,
  state = new FraudState(),
): LabelledInput[] {
  const affiliates = new Map<number, AffiliateRecord>()
  const firstSeen = new Map<number, number>()
  const events: (ClickRecord | ConversionRecord)[] = []
  for (const r of records) {
    if (r.type === 'affiliate') affiliates.set(r.id, r)
    else {
      events.push(r)
      const aff = r.affiliateId
      if (aff !== undefined && !(firstSeen.get(aff)! <= r.at)) firstSeen.set(aff, r.at)
    }
  }
  // Stable sort: at equal times a click goes first (a conversion cannot precede its own click).
  const order = events
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        a.e.at - b.e.at || (a.e.type === 'click' ? 0 : 1) - (b.e.type === 'click' ? 0 : 1) || a.i - b.i,
    )

  const clicks = new Map<string, FraudClick>()
  const out: LabelledInput[] = []
  let n = 0
  for (const { e } of order) {
    if (e.type === 'click') {
      state.observeClick({ at: e.at, ip: e.ip })
      const seen = state.counters({ at: e.at, ip: e.ip, fingerprint: null, affiliateId: 0 })
      clicks.set(e.id, {
        at: e.at,
        ip: e.ip,
        country: e.country,
        userAgent: e.userAgent,
        referer: e.referer,
        fingerprint: e.fingerprint,
        hidden: e.hidden,
        flagged: isClickFlood(seen.ipClicksLastHour, settings),
      })
      continue
    }
    const click = e.clickId === null ? null : (clicks.get(e.clickId) ?? null)
    const fingerprint = e.fingerprint ?? click?.fingerprint ?? null
    const aff = affiliates.get(e.affiliateId)
    const counters = state.counters({
      at: e.at,
      ip: e.ip,
      clickIp: click?.ip ?? e.ip,
      fingerprint,
      affiliateId: e.affiliateId,
    })
    const input: FraudInput = {
      at: e.at,
      affiliateId: e.affiliateId,
      campaignId: e.campaignId,
      trust: e.trust,
      eventType: e.eventType,
      amountMinor: e.amountMinor,
      currency: e.currency,
      ip: e.ip,
      country: e.country,
      userAgent: e.userAgent,
      fingerprint,
      customerEmail: e.customerEmail,
      click,
      affiliate: {
        email: aff?.email ?? '',
        paymentEmail: aff?.paymentEmail ?? null,
        createdAt: aff?.createdAt ?? firstSeen.get(e.affiliateId) ?? e.at,
        usedIp: !!aff && [e.ip, click?.ip].some((ip) => !!ip && aff.ips.includes(ip)),
        usedFingerprint: !!aff && !!fingerprint && aff.fingerprints.includes(fingerprint),
      },
      counters,
      asn: e.asn,
      datacenter: e.datacenter,
    }
    out.push({ id: e.id ?? `conversion ${++n}`, input, fraud: e.fraud })
    state.observeConversion({ at: e.at, ip: e.ip, fingerprint, affiliateId: e.affiliateId })
  }
  return out
}

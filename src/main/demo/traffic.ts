// Demo traffic: clicks and conversions over the last 90 days, through the same paths live traffic
// takes: buildClickRecord + store.tracking.recordClick (what /c/:code does) and store.conversions.ingest
// (what /postback does, commission rules and ledger included), in time order. A share is
// suspicious on purpose, so the review queue has something to show.
import type { Campaign, Link } from '../../shared/contract'
import type { ConversionIntent } from '../commissions/ports'
import type { Store } from '../db/store'
import { buildClickRecord } from '../tracking/click-record'
import { createClickIdGenerator } from '../tracking/click-id'
import { createCountryLookup } from '../tracking/geo'
import type { Random } from './random'

const DAY = 86_400_000
const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
]
const BOT_UA = 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)'
// Public ranges of a few countries, so the geo lookup has something real to answer.
const IP_PREFIXES = [
  '81.2.69',
  '8.8.4',
  '31.13.72',
  '91.198.174',
  '133.242.187',
  '200.147.67',
  '41.203.72',
  '104.16.123',
]
const SOURCES = ['newsletter', 'youtube', 'blog', 'instagram', 'podcast']

interface Event {
  at: number
  run: () => Promise<void>
}

export interface TrafficSummary {
  clicks: number
  conversions: number
  flagged: number
}

function amountFor(c: Campaign, rnd: Random): number {
  const exp = c.currency === 'JPY' ? 0 : 2
  const base = c.currency === 'JPY' ? rnd.int(1500, 12_000) : rnd.int(19, 499)
  return base * 10 ** exp + (exp ? rnd.pick([0, 0, 90, 99, 50]) : 0)
}

export async function seedTraffic(
  store: Store,
  opts: {
    now: number
    rnd: Random
    campaigns: Campaign[]
    links: Link[]
    suspiciousAffiliateIds: Set<number>
  },
): Promise<TrafficSummary> {
  const { now, rnd, campaigns, links } = opts
  const byId = new Map(campaigns.map((c) => [c.id, c]))
  const country = createCountryLookup()
  const events: Event[] = []
  const summary: TrafficSummary = { clicks: 0, conversions: 0, flagged: 0 }
  let clock = now - 90 * DAY
  const newClickId = createClickIdGenerator({ now: () => clock })
  let orderSeq = 1000

  for (const link of links) {
    const campaign = byId.get(link.campaignId)!
    const target = await store.tracking.linkByCode(link.code)
    if (!target) continue
    const suspicious = opts.suspiciousAffiliateIds.has(link.affiliateId)
    const popularity = rnd.next() ** 2
    const clicks = suspicious ? rnd.int(60, 120) : Math.round(2 + popularity * 40)
    const farmIp = `${rnd.pick(IP_PREFIXES)}.${rnd.int(1, 254)}`
    const farmDay = now - rnd.int(3, 40) * DAY
    for (let i = 0; i < clicks; i++) {
      const at = suspicious ? farmDay + rnd.int(0, 3_600_000) : now - rnd.int(0, 90 * DAY - 1)
      const ip = suspicious ? farmIp : `${rnd.pick(IP_PREFIXES)}.${rnd.int(1, 254)}`
      const ua = suspicious && rnd.chance(0.5) ? BOT_UA : rnd.pick(UAS)
      const sub = rnd.pick(SOURCES)
      events.push({
        at,
        run: async () => {
          clock = at
          const click = buildClickRecord(target, {
            clickId: newClickId(),
            at,
            ip,
            userAgent: ua,
            referer: `https://${sub}.example/post/${rnd.int(1, 500)}`,
            country: country(ip),
            subs: [sub, null, null, null, null],
            refParam: null,
            fingerprint: null,
            source: 'server',
            rateLimited: suspicious && i > 20,
          })
          const clickId = await store.tracking.recordClick(click)
          summary.clicks++
          if (click.flagged) summary.flagged++
          const converts = rnd.chance(suspicious ? 0.06 : campaign.plan.type === 'fixed' ? 0.2 : 0.09)
          if (converts) scheduleConversion(campaign, clickId, link, at, click.flagged)
        },
      })
    }
  }

  function ingest(intent: ConversionIntent): Promise<unknown> {
    return store.conversions.ingest(intent)
  }

  function scheduleConversion(
    campaign: Campaign,
    clickId: string,
    link: Link,
    clickAt: number,
    flaggedClick: boolean,
  ) {
    const at = Math.min(now - 60_000, clickAt + rnd.int(2 * 60_000, 3 * DAY))
    const plan = campaign.plan
    const eventType = plan.type === 'fixed' ? (rnd.chance(0.7) ? 'lead' : 'trial') : 'sale'
    const orderId = `D-${orderSeq++}`
    const disposable = rnd.chance(0.03)
    const customer = disposable ? `buyer${orderSeq}@mailinator.com` : `customer${orderSeq}@mail.example`
    const flags = [...(flaggedClick ? ['suspicious_click'] : []), ...(disposable ? ['disposable_email'] : [])]
    const base: ConversionIntent = {
      trust: 'signed',
      advertiserId: campaign.advertiserId,
      click: {
        clickId,
        affiliateId: link.affiliateId,
        campaignId: campaign.id,
        linkId: link.id,
        createdAt: clickAt,
      },
      orderId,
      eventType,
      status: 'pending',
      amountMinor: eventType === 'sale' ? amountFor(campaign, rnd) : 0,
      currency: campaign.currency,
      advertiserPayoutMinor: null,
      customerKey: customer,
      subscriptionId: null,
      ip: null,
      receivedAt: at,
      flags,
      riskScore: flags.length * 40,
    }
    events.push({
      at,
      run: async () => {
        await ingest(base)
        summary.conversions++
      },
    })
    // The advertiser settles most sales within weeks: approves, rejects a few, refunds some later.
    const decided = at + rnd.int(5, 40) * DAY
    if (decided < now && !flags.length) {
      const roll = rnd.next()
      const status = roll < 0.8 ? 'approved' : roll < 0.9 ? 'rejected' : null
      if (status)
        events.push({
          at: decided,
          run: async () => void (await ingest({ ...base, status, receivedAt: decided })),
        })
      const refundAt = decided + rnd.int(3, 20) * DAY
      if (status === 'approved' && rnd.chance(0.06) && refundAt < now) {
        events.push({
          at: refundAt,
          run: async () => void (await ingest({ ...base, status: 'refunded', receivedAt: refundAt })),
        })
      }
    }
    // Subscriptions renew monthly; lifetime customers come back to buy again.
    if ((plan.type === 'recurring' || plan.type === 'lifetime') && !flags.length) {
      for (let m = 1, next = at + 30 * DAY; next < now && rnd.chance(0.75); m++, next += 30 * DAY) {
        const renewal: ConversionIntent = {
          ...base,
          orderId: `${orderId}-R${m}`,
          eventType: plan.type === 'recurring' ? 'recurring' : 'sale',
          amountMinor: plan.type === 'recurring' ? base.amountMinor : amountFor(campaign, rnd),
          status: 'approved',
          receivedAt: next,
        }
        events.push({ at: next, run: async () => void (await ingest(renewal)) })
      }
    }
  }

  // Time order matters (tiers count the month's earlier sales, renewals count earlier periods).
  // Clicks schedule their conversions as they run, so keep taking the earliest pending events. Runs
  // in one slice start in time order and enqueue synchronously, so they share group commits in order.
  while (events.length) {
    events.sort((a, b) => a.at - b.at)
    await Promise.all(events.splice(0, 500).map((e) => e.run()))
  }
  return summary
}

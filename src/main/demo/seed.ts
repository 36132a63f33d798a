// The demo program is written through the contract (the same validation, rules and audit rows the
// UI gets), never with raw inserts.
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract'
import type { PlanInput } from '../../shared/plan'
import type { Core } from '../core/core'
import { seededRandom, type Random } from './random'
import { seedTraffic } from './traffic'

export interface DemoResult {
  created: boolean
  summary: string
}

const FIRST = [
  'Ava',
  'Noah',
  'Mia',
  'Liam',
  'Zoe',
  'Omar',
  'Lena',
  'Kai',
  'Ines',
  'Theo',
  'Yuki',
  'Ravi',
  'Nora',
  'Sam',
  'Elif',
  'Jonas',
  'Maya',
  'Leo',
  'Ana',
  'Felix',
]
const LAST = [
  'Fischer',
  'Okafor',
  'Silva',
  'Nguyen',
  'Kowalski',
  'Haddad',
  'Larsen',
  'Moreau',
  'Tanaka',
  'Rossi',
  'Patel',
  'Novak',
  'Schmidt',
  'Garcia',
  'Kim',
  'Brennan',
]
const NICHES = [
  'deals',
  'fitness',
  'devtools',
  'travel',
  'finance',
  'gaming',
  'beauty',
  'home',
  'outdoors',
  'crypto',
]

async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const env = await core.dispatch(method, input)
  if (!env.ok) throw new Error(`demo: ${method} failed: ${env.error.message}`)
  return env.value as MethodOutput<M>
}

const CAMPAIGNS: {
  name: string
  adv: number
  currency: string
  plan: PlanInput
  url: string
  holdDays: number | null
}[] = [
  {
    name: 'Acme CRM — annual plans',
    adv: 0,
    currency: 'USD',
    url: 'https://acme-crm.example/pricing',
    holdDays: 30,
    plan: {
      type: 'percentage',
      rateBps: 2000,
      upline: [{ rateBps: 500 }],
      tierRatesBps: { vip: 2500, elite: 3000 },
    },
  },
  {
    name: 'Acme CRM — free trial leads',
    adv: 0,
    currency: 'USD',
    url: 'https://acme-crm.example/trial',
    holdDays: 14,
    plan: { type: 'fixed', amounts: { lead: 500, trial: 1500 } },
  },
  {
    name: 'Brightpath Courses — MLM',
    adv: 1,
    currency: 'EUR',
    url: 'https://brightpath.example/courses',
    holdDays: 30,
    plan: {
      type: 'percentage',
      rateBps: 1000,
      upline: [{ rateBps: 500 }, { rateBps: 200 }, { rateBps: 100 }, { rateBps: 50 }],
      inactiveUpline: 'compress',
    },
  },
  {
    name: 'Brightpath — performance tiers',
    adv: 1,
    currency: 'EUR',
    url: 'https://brightpath.example/bundle',
    holdDays: 30,
    plan: {
      type: 'tiered',
      basis: 'count',
      tiers: [
        { from: 0, rateBps: 1000 },
        { from: 11, rateBps: 1500 },
        { from: 51, rateBps: 2000 },
      ],
    },
  },
  {
    name: 'Nimbus Hosting — recurring',
    adv: 2,
    currency: 'USD',
    url: 'https://nimbus-hosting.example/signup',
    holdDays: 7,
    plan: { type: 'recurring', rateBps: 3000, maxMonths: 12 },
  },
  {
    name: 'Kumo Tea — lifetime customers',
    adv: 3,
    currency: 'JPY',
    url: 'https://kumo-tea.example/shop',
    holdDays: null,
    plan: { type: 'lifetime', rateBps: 800 },
  },
]

function person(rnd: Random, i: number) {
  const first = rnd.pick(FIRST)
  const last = rnd.pick(LAST)
  const niche = rnd.pick(NICHES)
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}.${i}@${niche}-partners.example`.toLowerCase(),
  }
}

export async function seedDemo(
  core: Core,
  opts: { affiliates?: number; seed?: number; now?: () => number; traffic?: boolean } = {},
): Promise<DemoResult> {
  const existing = await call(core, 'affiliates.list', { pageSize: 1 })
  if (existing.total > 0) {
    return {
      created: false,
      summary: `The data folder already holds a program (${existing.total} affiliates); demo data not added.`,
    }
  }
  const rnd = seededRandom(opts.seed ?? 20261125)
  const total = opts.affiliates ?? 300

  const advertisers = []
  for (const [name, signingMode] of [
    ['Acme CRM', 'params'],
    ['Brightpath Learning', 'params'],
    ['Nimbus Hosting', 'simple'],
    ['Kumo Tea Co.', 'token'],
  ] as const) {
    advertisers.push(await call(core, 'advertisers.create', { name, signingMode }))
  }

  const campaigns = []
  for (const c of CAMPAIGNS) {
    campaigns.push(
      await call(core, 'campaigns.create', {
        advertiserId: advertisers[c.adv]!.id,
        name: c.name,
        description: `Demo campaign: ${c.plan.type} commission.`,
        destinationUrl: c.url,
        fallbackUrl: 'https://example.com/offer-ended',
        currency: c.currency,
        holdDays: c.holdDays,
        plan: c.plan,
      }),
    )
  }

  // A multi-level tree: a handful of top recruiters, each new affiliate joining under a random
  // earlier one, biased to recent joiners so the tree gets deep (up to ~8 levels) rather than flat.
  const ids: number[] = []
  const statuses = new Map<number, 'approved' | 'suspended'>()
  for (let i = 0; i < total; i++) {
    const p = person(rnd, i)
    const parentId = i < 8 || rnd.chance(0.15) ? null : ids[Math.max(0, ids.length - 1 - rnd.int(0, 25))]!
    const tierRoll = rnd.next()
    const a = await call(core, 'affiliates.create', {
      ...p,
      parentId,
      tier: tierRoll < 0.08 ? 'elite' : tierRoll < 0.25 ? 'vip' : 'standard',
      paymentMethod: rnd.chance(0.7) ? 'paypal' : 'wise',
      paymentEmail: p.email,
      payoutCurrency: rnd.chance(0.7) ? 'USD' : 'EUR',
    })
    ids.push(a.id)
    const statusRoll = rnd.next()
    const status =
      statusRoll < 0.8 ? 'approved' : statusRoll < 0.9 ? null : statusRoll < 0.96 ? 'suspended' : 'rejected'
    if (status) await call(core, 'affiliates.setStatus', { id: a.id, status })
    if (status === 'approved' || status === 'suspended') statuses.set(a.id, status)
  }

  // Tracking links: every active affiliate promotes one or two campaigns.
  const links = []
  for (const [affiliateId] of statuses) {
    const picks = new Set([rnd.pick(campaigns), rnd.pick(campaigns)].slice(0, rnd.chance(0.4) ? 2 : 1))
    for (const c of picks) links.push(await call(core, 'links.create', { affiliateId, campaignId: c.id }))
  }
  // A few affiliates whose traffic looks like a click farm: one IP, bursts, bot user agents.
  const approved = [...statuses].filter(([, s]) => s === 'approved').map(([id]) => id)
  const suspicious = new Set(
    [approved[7], approved[42], approved[99]].filter((x): x is number => x !== undefined),
  )
  const traffic =
    opts.traffic === false
      ? { clicks: 0, conversions: 0, flagged: 0 }
      : await seedTraffic(core.store, {
          now: (opts.now ?? Date.now)(),
          rnd,
          campaigns,
          links,
          suspiciousAffiliateIds: suspicious,
        })

  return {
    created: true,
    summary:
      `${advertisers.length} advertisers, ${campaigns.length} campaigns, ${ids.length} affiliates, ${links.length} links, ` +
      `${traffic.clicks} clicks (${traffic.flagged} flagged) and ${traffic.conversions} conversions over 90 days`,
  }
}

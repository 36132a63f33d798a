// Who is paid what for a conversion report, and when it becomes payable: every rule that decides
// it, in one pure place. The store looks facts up through LedgerFacts (synchronous reads, no
// writes), asks here, and writes the Decision in the same transaction. The rules, one sentence
// each, are listed in docs/ARCHITECTURE.md ("Ledger rules"); the ledger's model-based test
// (test/ledger-model.test.ts) checks them against a reference model.
import { formatMinor } from '../../shared/money'
import { computeCommissionLines } from './compute'
import {
  earningRows,
  type LedgerPlan,
  type LedgerRow,
  type NewLedgerRow,
  planApproval,
  planSettlement,
} from './ledger'
import type { ZonedMonth } from './month'
import type { ConversionIntent, Trust } from './ports'
import { type ConversionStatus, transition } from './status'
import type { AffiliateInput, CommissionLine, EventType, MonthStats, UplineAncestor } from './types'
import type { Plan } from '../../shared/plan'

export const DAY_MS = 86_400_000

/** A signed postback outranks a token postback, which outranks a browser report; a person outranks all. */
export const TRUST_RANK: Readonly<Record<Trust, number>> = { client: 0, token: 1, signed: 2, manual: 3 }

export const FLAG = {
  claimed: 'order claimed by another click',
  affiliateNotApproved: 'affiliate not approved at approval time',
  /** A score over the review threshold that no rule explains (the learned model's alone). */
  riskScore: 'risk_score',
} as const

/**
 * Risk thresholds: at or above the review threshold a new conversion is held with the verdict's
 * reason codes as its flags; at or above the reject threshold it is recorded as rejected and earns
 * nothing. Below both the verdict changes nothing. Decided once, on arrival.
 */
export function riskOutcome(
  score: number,
  risk: ConversionIntent['risk'],
): { flags: string[]; reject: string | null } {
  if (risk === undefined || score < risk.reviewThreshold) return { flags: [], reject: null }
  const codes = [...new Set(risk.verdict.reasons.map((r) => r.code))]
  const flags = codes.length > 0 ? codes : [FLAG.riskScore]
  const reject =
    score >= risk.rejectThreshold
      ? `risk score ${score} at or above ${risk.rejectThreshold}: ${flags.join(', ')}`
      : null
  return { flags, reject }
}

export interface CampaignFacts {
  id: number
  advertiserId: number
  currency: string
  holdDays: number | null
  cookieDays: number
  /** The most a browser may report for one conversion; null = no limit. */
  maxClientAmountMinor: number | null
  plan: Plan
}

/** The columns of a conversion that the rules read, stored or about to be. */
interface ConversionFields {
  clickId: string | null
  /** The click's link; 0 = none. */
  linkId: number
  affiliateId: number
  campaignId: number
  advertiserId: number
  eventType: EventType
  status: ConversionStatus
  trust: Trust
  amountMinor: number
  customerKey: string | null
  subscriptionKey: string | null
  flags: string[]
  createdAt: number
  holdUntil: number | null
}

/** A stored conversion as the rules need it. */
export interface KnownConversion extends ConversionFields {
  id: number
}

export interface CustomerBinding {
  affiliateId: number
  campaignId: number | null
}

/** What the rules may look up. Reads only; the store answers from its tables and caches. */
export interface LedgerFacts {
  campaign(id: number): CampaignFacts | null
  affiliate(id: number): AffiliateInput | null
  /** Ancestors nearest first, as far as any plan may reach. */
  upline(affiliateId: number): readonly UplineAncestor[]
  /** The order's conversions (one per event type). */
  orderConversions(advertiserId: number, orderId: string): KnownConversion[]
  /**
   * This affiliate's sales in this campaign created at or after `from`, with an id below `beforeId`,
   * that are not rejected or refunded; `excludeId` (0 = none) is left out whatever its status (a
   * browser report this decision is about to cancel).
   */
  monthStats(
    affiliateId: number,
    campaignId: number,
    from: number,
    beforeId: number,
    excludeId: number,
  ): MonthStats
  /** When the subscription's first sale or renewal that was not rejected arrived, `excludeId` left out; null if none yet. */
  subscriptionStart(campaignId: number, subscriptionKey: string, excludeId: number): number | null
  binding(advertiserId: number, customerKey: string): CustomerBinding | null
  ledgerRows(conversionId: number): LedgerRow[]
  /** The calendar month of an instant in the program's time zone. */
  month(ms: number): ZonedMonth
}

/** One rollup increment for the dashboards; the store adds the day. */
export interface RollupDelta {
  campaignId: number
  affiliateId: number
  linkId: number
  conversions: number
  revenueMinor: number
  commissionMinor: number
}

export interface NewConversion extends ConversionFields {
  orderId: string
  orderRef: string | null
  currency: string
  advertiserPayoutMinor: number | null
  riskScore: number
  ip: string | null
  fingerprint: string | null
  userAgent: string | null
  customerEmail: string | null
  country: string | null
  reason: string | null
}

/** Columns of an existing conversion to change; absent = unchanged. */
export interface ConversionChange {
  id: number
  status?: ConversionStatus
  amountMinor?: number
  trust?: Trust
  flags?: string[]
  holdUntil?: number | null
  reason?: string | null
  /** Frees the order's key for the conversion this decision creates (an order claimed by another click). */
  supersede?: boolean
}

/** A line for the conversion's history (the audit log), shown on its detail. */
export interface HistoryEntry {
  conversionId: number | 'new'
  action: string
  before: Record<string, unknown> | null
  after: Record<string, unknown>
}

export type Refusal = {
  kind: 'refused'
  code: 'not_found' | 'conflict' | 'invalid_input' | 'forbidden'
  reason: string
}

export interface Applied {
  kind: 'apply'
  /** The conversion a report creates; its lines' conversionId is filled in by the store. */
  create: { conversion: NewConversion; lines: NewLedgerRow[] } | null
  changes: { change: ConversionChange; ledger: LedgerPlan }[]
  /** Write a lifetime binding (first writer wins) for this customer to this conversion. */
  bind: {
    advertiserId: number
    customerKey: string
    affiliateId: number
    conversionId: number | 'new'
  } | null
  /** Release the binding that this conversion created, if it did. */
  release: { advertiserId: number; customerKey: string; conversionId: number } | null
  rollups: RollupDelta[]
  history: HistoryEntry[]
  /** What the sender is told. */
  result: { conversionId: number | 'new'; status: ConversionStatus; note: string | null }
}

export type Decision =
  Refusal | { kind: 'duplicate'; conversionId: number; status: ConversionStatus } | Applied

const refuse = (code: Refusal['code'], reason: string): Refusal => ({ kind: 'refused', code, reason })
const isFinal = (s: ConversionStatus): boolean => s === 'rejected' || s === 'refunded'

function applied(partial: Partial<Applied> & Pick<Applied, 'result'>): Applied {
  return {
    kind: 'apply',
    create: null,
    changes: [],
    bind: null,
    release: null,
    rollups: [],
    history: [],
    ...partial,
  }
}

/** The subscription a recurring campaign's sale or renewal belongs to. Prefixes keep the kinds apart. */
export function subscriptionKeyOf(
  subscriptionId: string | null,
  customerKey: string | null,
  clickId: string | null,
): string | null {
  if (subscriptionId !== null) return `s:${subscriptionId}`
  if (customerKey !== null) return `c:${customerKey}`
  return clickId !== null ? `k:${clickId}` : null
}

/**
 * Periods are calendar months of one subscription, counted from the month of its first sale or
 * renewal: a second renewal in the same month is the same period.
 */
export function recurringPeriodOf(monthKey: number, firstMonthKey: number | null): number {
  return firstMonthKey === null || firstMonthKey >= monthKey ? 1 : monthKey - firstMonthKey + 1
}

interface LineRequest {
  campaign: CampaignFacts
  affiliate: AffiliateInput
  eventType: EventType
  amountMinor: number
  createdAt: number
  /** Sales with a lower id count towards the tier; the conversion itself and later ones do not. */
  beforeId: number
  /** A conversion this decision cancels, which must not count (0 = none). */
  excludeId: number
  subscriptionKey: string | null
}

/** The plan's lines for one conversion, with the tier and subscription period the facts give. */
function linesFor(r: LineRequest, facts: LedgerFacts): CommissionLine[] {
  const plan = r.campaign.plan
  const month = facts.month(r.createdAt)
  const monthStats =
    plan.type === 'tiered'
      ? facts.monthStats(r.affiliate.id, r.campaign.id, month.start, r.beforeId, r.excludeId)
      : { approvedCount: 0, approvedRevenueMinor: 0 }
  let recurringPeriod: number | undefined
  if (plan.type === 'recurring' && r.subscriptionKey !== null) {
    const first = facts.subscriptionStart(r.campaign.id, r.subscriptionKey, r.excludeId)
    recurringPeriod = recurringPeriodOf(month.key, first === null ? null : facts.month(first).key)
  }
  return computeCommissionLines({
    plan,
    conversion: {
      eventType: r.eventType,
      amountMinor: r.amountMinor,
      currency: r.campaign.currency,
      recurringPeriod,
    },
    affiliate: r.affiliate,
    upline: plan.upline.length === 0 ? [] : facts.upline(r.affiliate.id),
    monthStats,
  })
}

/**
 * Each affiliate's share of a plan's inserts, as commission rollups: the converting affiliate's on
 * the conversion's link, as its arrival was counted, the upline's on no link.
 */
function commissionRollups(
  t: Pick<KnownConversion, 'campaignId' | 'affiliateId' | 'linkId'>,
  inserts: readonly NewLedgerRow[],
): RollupDelta[] {
  const by = new Map<number, number>()
  for (const r of inserts) by.set(r.affiliateId, (by.get(r.affiliateId) ?? 0) + r.amountMinor)
  return [...by].map(([affiliateId, commissionMinor]) => ({
    campaignId: t.campaignId,
    affiliateId,
    linkId: affiliateId === t.affiliateId ? t.linkId : 0,
    conversions: 0,
    revenueMinor: 0,
    commissionMinor,
  }))
}

const bindsLifetime = (plan: Plan, trust: Trust, customerKey: string | null): customerKey is string =>
  plan.type === 'lifetime' && customerKey !== null && (trust === 'signed' || trust === 'manual')

/** A report from the listener, the API or the demo. */
export function decideIngest(intent: ConversionIntent, facts: LedgerFacts): Decision {
  const orders = facts.orderConversions(intent.advertiserId, intent.orderId)
  let target: KnownConversion | undefined
  if (intent.eventType === null) {
    // Conversions below the sender's trust do not count: a browser's sale beside a signed lead must
    // not make the advertiser's own event-less update ambiguous.
    const mine = orders.filter((o) => TRUST_RANK[o.trust] >= TRUST_RANK[intent.trust])
    const candidates = mine.length > 0 ? mine : orders
    if (candidates.length > 1) {
      const named = candidates.map((o) => `${o.eventType} #${o.id}`).join(', ')
      return refuse(
        'invalid_input',
        `Order ${intent.orderId} has several conversions (${named}); send event to say which one`,
      )
    }
    target = candidates[0]
  } else target = orders.find((o) => o.eventType === intent.eventType)
  const eventType = intent.eventType ?? target?.eventType ?? 'sale'

  if (target === undefined) return decideNew(intent, eventType, facts, null)

  const rank = TRUST_RANK[intent.trust]
  const known = TRUST_RANK[target.trust]
  const otherClick =
    intent.click !== null && target.clickId !== null && intent.click.clickId !== target.clickId
  if (rank > known && target.trust === 'client' && otherClick) {
    // The browser named an order the advertiser's own signed (or token) report credits to another
    // click: that click wins, the browser report is cancelled and flagged for review.
    return decideNew(intent, eventType, facts, target)
  }
  if (rank === known && otherClick) {
    // The first report of a trust level keeps the order; a guessable order id must not let another
    // click of the same trust take it over or re-base it. A manager can still decide.
    return refuse('conflict', `Order ${intent.orderId} is already credited to another click`)
  }
  if (rank < known) {
    // Repeating the status it already has changes nothing either (a browser re-sending "rejected").
    const changesNothing =
      !otherClick &&
      (intent.status === 'pending' || intent.status === target.status) &&
      (intent.amountMinor === null || intent.amountMinor === target.amountMinor)
    if (changesNothing) return { kind: 'duplicate', conversionId: target.id, status: target.status }
    return refuse(
      'conflict',
      `A ${intent.trust} report cannot change what a ${target.trust} report said about order ${intent.orderId}`,
    )
  }
  return decideKnown(intent, target, facts)
}

function decideKnown(intent: ConversionIntent, t: KnownConversion, facts: LedgerFacts): Decision {
  const at = intent.receivedAt
  const campaign = facts.campaign(t.campaignId)
  if (!campaign) return refuse('not_found', 'The conversion belongs to a campaign that no longer exists')
  if (intent.currency !== null && intent.currency !== campaign.currency) {
    return refuse(
      'invalid_input',
      `Currency ${intent.currency} does not match the campaign's currency ${campaign.currency}`,
    )
  }
  if (intent.trust === 'client' && overClientMax(campaign, intent.amountMinor)) {
    return refuse('invalid_input', clientMaxReason(campaign))
  }
  const to = intent.status
  if (isFinal(t.status)) {
    // Nothing moves a final conversion: a report that does not contradict it with the other final
    // word (the same word again, or an approved sale on a stale click resent) is answered as a
    // duplicate carrying the final status.
    if (to === t.status || !isFinal(to)) return { kind: 'duplicate', conversionId: t.id, status: t.status }
    return refuse('conflict', `A ${t.status} conversion is final and cannot become ${to}`)
  }

  const change: ConversionChange = { id: t.id }
  const upgrade = TRUST_RANK[intent.trust] > TRUST_RANK[t.trust]
  if (upgrade) {
    change.trust = intent.trust
    // A browser report waits for corroboration; once it has it, the normal hold runs from its arrival.
    if (t.trust === 'client' && t.flags.length === 0 && campaign.holdDays !== null) {
      change.holdUntil = t.createdAt + campaign.holdDays * DAY_MS
    }
  }
  const rebase = intent.amountMinor !== null && intent.amountMinor !== t.amountMinor
  if (!rebase && (to === 'pending' || to === t.status)) {
    if (!upgrade) return { kind: 'duplicate', conversionId: t.id, status: t.status }
    return applied({
      changes: [{ change, ledger: { updates: [], inserts: [] } }],
      history: [
        {
          conversionId: t.id,
          action: 'conversion.corroborated',
          before: { trust: t.trust },
          after: { trust: intent.trust },
        },
      ],
      result: { conversionId: t.id, status: t.status, note: null },
    })
  }
  return statusAndAmount(t, campaign, facts, {
    to: to === 'pending' ? t.status : to,
    amountMinor: rebase ? intent.amountMinor! : t.amountMinor,
    at,
    by: `${intent.trust} report`,
    change,
    manager: false,
    viaPayout: false,
  })
}

interface Move {
  to: ConversionStatus
  amountMinor: number
  at: number
  by: string
  change: ConversionChange
  /** A manager may approve what is flagged or browser-reported; nobody else may. */
  manager: boolean
  viaPayout: boolean
  reason?: string | null
}

/** The ledger and rows for moving a live conversion to a status and amount. */
function statusAndAmount(t: KnownConversion, campaign: CampaignFacts, facts: LedgerFacts, m: Move): Decision {
  const { change, at } = m
  let to = m.to
  let note: string | null = null
  const trust = change.trust ?? t.trust
  if (
    to === 'approved' &&
    t.status === 'pending' &&
    !m.manager &&
    (t.flags.length > 0 || trust === 'client')
  ) {
    // Flags hold: whatever the advertiser says, only a manager approves a flagged conversion.
    to = 'pending'
    note = t.flags.length > 0 ? `held for review: ${t.flags.join(', ')}` : 'waiting for a manager'
  }
  if (to !== t.status) {
    const move = transition(t.status, to, { viaPayout: m.viaPayout })
    if (!move.ok) return refuse('conflict', move.reason)
    change.status = to
    change.reason = m.reason !== undefined ? m.reason : `${m.by}: ${to}`
    if (to !== 'pending') change.holdUntil = null
  }
  const rebase = m.amountMinor !== t.amountMinor
  if (rebase) change.amountMinor = m.amountMinor
  if (change.status === undefined && !rebase && change.trust === undefined && note === null) {
    return { kind: 'duplicate', conversionId: t.id, status: t.status }
  }

  const rows = facts.ledgerRows(t.id)
  let ledger: LedgerPlan = { updates: [], inserts: [] }
  let release: Applied['release'] = null
  let bind: Applied['bind'] = null
  const rollups: RollupDelta[] = []
  const history: HistoryEntry[] = []
  const fmt = (v: number) => formatMinor(v, campaign.currency)

  if (isFinal(to)) {
    ledger = planSettlement(rows, [], { conversionId: t.id, status: 'pending', at, why: `conversion ${to}` })
    if (t.customerKey !== null)
      release = { advertiserId: t.advertiserId, customerKey: t.customerKey, conversionId: t.id }
    rollups.push({
      campaignId: t.campaignId,
      affiliateId: t.affiliateId,
      linkId: t.linkId,
      conversions: -1,
      revenueMinor: -t.amountMinor,
      commissionMinor: 0,
    })
  } else {
    const approved = to === 'approved' || to === 'paid'
    if (rebase) {
      const affiliate = facts.affiliate(t.affiliateId)
      const lines = affiliate
        ? linesFor(
            {
              campaign,
              affiliate,
              eventType: t.eventType,
              amountMinor: m.amountMinor,
              createdAt: t.createdAt,
              beforeId: t.id,
              excludeId: 0,
              subscriptionKey: t.subscriptionKey,
            },
            facts,
          )
        : []
      const why = `re-based from ${fmt(t.amountMinor)} to ${fmt(m.amountMinor)}`
      ledger = planSettlement(rows, lines, {
        conversionId: t.id,
        status: approved ? 'approved' : 'pending',
        at,
        why,
      })
      rollups.push({
        campaignId: t.campaignId,
        affiliateId: t.affiliateId,
        linkId: t.linkId,
        conversions: 0,
        revenueMinor: m.amountMinor - t.amountMinor,
        commissionMinor: 0,
      })
      history.push({
        conversionId: t.id,
        action: 'conversion.rebased',
        before: { amountMinor: t.amountMinor },
        after: { amountMinor: m.amountMinor, by: m.by },
      })
    }
    if (to === 'approved' && t.status === 'pending') {
      // Earnings the re-base kept are still pending: approve them too.
      const touched = new Set(ledger.updates.map((u) => u.id))
      const approval = planApproval(
        rows.filter((r) => !touched.has(r.id)),
        at,
      )
      ledger = { updates: [...ledger.updates, ...approval.updates], inserts: ledger.inserts }
      if (bindsLifetime(campaign.plan, trust, t.customerKey)) {
        bind = {
          advertiserId: t.advertiserId,
          customerKey: t.customerKey,
          affiliateId: t.affiliateId,
          conversionId: t.id,
        }
      }
    }
  }
  rollups.push(...commissionRollups(t, ledger.inserts))
  if (change.status !== undefined) {
    history.push({
      conversionId: t.id,
      action: `conversion.${change.status}`,
      before: { status: t.status },
      after: { status: change.status, by: m.by, reason: change.reason ?? null },
    })
  } else if (note !== null) {
    history.push({
      conversionId: t.id,
      action: 'conversion.held',
      before: null,
      after: { asked: m.to, by: m.by, note },
    })
  }
  return applied({
    changes: [{ change, ledger }],
    bind,
    release,
    rollups,
    history,
    result: { conversionId: t.id, status: change.status ?? t.status, note },
  })
}

function overClientMax(c: CampaignFacts, amountMinor: number | null): boolean {
  return c.maxClientAmountMinor !== null && amountMinor !== null && amountMinor > c.maxClientAmountMinor
}
const clientMaxReason = (c: CampaignFacts) =>
  `A browser may report at most ${formatMinor(c.maxClientAmountMinor ?? 0, c.currency)} ${c.currency} for this campaign`

function decideNew(
  intent: ConversionIntent,
  eventType: EventType,
  facts: LedgerFacts,
  claimed: KnownConversion | null,
): Decision {
  const at = intent.receivedAt
  const click = intent.click
  // Attribution: a lifetime customer binding wins over the click; without either there is nothing to pay.
  let affiliateId = click?.affiliateId ?? null
  let campaignId = click?.campaignId ?? null
  let bound = false
  if (intent.customerKey !== null) {
    const clickCampaign = campaignId !== null ? facts.campaign(campaignId) : null
    if (clickCampaign === null || clickCampaign.plan.type === 'lifetime') {
      const binding = facts.binding(intent.advertiserId, intent.customerKey)
      if (binding) {
        affiliateId = binding.affiliateId
        campaignId = campaignId ?? binding.campaignId
        bound = true
      }
    }
  }
  if (affiliateId === null || campaignId === null) {
    return refuse('not_found', 'Unknown click id, and no customer bound to an affiliate')
  }
  const c = facts.campaign(campaignId)
  const a = facts.affiliate(affiliateId)
  if (!c || !a)
    return refuse('not_found', 'The click belongs to a campaign or affiliate that no longer exists')
  if (c.advertiserId !== intent.advertiserId)
    return refuse('not_found', 'This click belongs to another advertiser')
  const currency = intent.currency ?? c.currency
  if (currency !== c.currency) {
    return refuse(
      'invalid_input',
      `Currency ${currency} does not match the campaign's currency ${c.currency}`,
    )
  }
  const amountMinor = intent.amountMinor ?? 0
  if (intent.trust === 'client' && overClientMax(c, amountMinor))
    return refuse('invalid_input', clientMaxReason(c))

  let status: ConversionStatus = intent.status
  let reason: string | null = null
  if (!bound && click !== null && at - click.createdAt > c.cookieDays * DAY_MS) {
    status = 'rejected'
    reason = `outside the ${c.cookieDays}-day window`
  }
  let flags = intent.flags
  if (!isFinal(status)) {
    const risk = riskOutcome(intent.riskScore, intent.risk)
    if (risk.flags.length > 0) flags = [...new Set([...flags, ...risk.flags])]
    if (risk.reject !== null) {
      status = 'rejected'
      reason = risk.reject
    }
  }
  if (status === 'approved' && (flags.length > 0 || intent.trust === 'client')) status = 'pending'
  const holdUntil =
    status === 'pending' && c.holdDays !== null && flags.length === 0 && intent.trust !== 'client'
      ? at + c.holdDays * DAY_MS
      : null
  const subscriptionKey =
    c.plan.type === 'recurring' && (eventType === 'sale' || eventType === 'recurring')
      ? subscriptionKeyOf(intent.subscriptionId, intent.customerKey, click?.clickId ?? null)
      : null

  const lines = isFinal(status)
    ? []
    : linesFor(
        {
          campaign: c,
          affiliate: a,
          eventType,
          amountMinor,
          createdAt: at,
          beforeId: Number.MAX_SAFE_INTEGER,
          excludeId: claimed?.id ?? 0,
          subscriptionKey,
        },
        facts,
      )
  const rows = earningRows(lines, 0, status === 'approved' ? 'approved' : 'pending', at)

  const rollups: RollupDelta[] = []
  if (!isFinal(status)) {
    let direct = 0
    for (const l of lines) {
      if (l.affiliateId === affiliateId) direct += l.amountMinor
      else
        rollups.push({
          campaignId,
          affiliateId: l.affiliateId,
          linkId: 0,
          conversions: 0,
          revenueMinor: 0,
          commissionMinor: l.amountMinor,
        })
    }
    rollups.push({
      campaignId,
      affiliateId,
      linkId: click?.linkId ?? 0,
      conversions: 1,
      revenueMinor: amountMinor,
      commissionMinor: direct,
    })
  }

  const result: Applied = applied({
    create: {
      conversion: {
        clickId: click?.clickId ?? null,
        linkId: click?.linkId ?? 0,
        affiliateId,
        campaignId,
        advertiserId: intent.advertiserId,
        eventType,
        orderId: intent.orderId,
        orderRef: intent.orderRef ?? null,
        customerKey: intent.customerKey,
        amountMinor,
        currency,
        advertiserPayoutMinor: intent.advertiserPayoutMinor,
        status,
        trust: intent.trust,
        riskScore: intent.riskScore,
        flags,
        ip: intent.ip,
        fingerprint: intent.visitor?.fingerprint ?? null,
        userAgent: intent.visitor?.userAgent ?? null,
        customerEmail: intent.visitor?.customerEmail ?? null,
        country: intent.visitor?.country ?? null,
        createdAt: at,
        holdUntil,
        subscriptionKey,
        reason,
      },
      lines: rows,
    },
    bind:
      !bound && status === 'approved' && bindsLifetime(c.plan, intent.trust, intent.customerKey)
        ? {
            advertiserId: intent.advertiserId,
            customerKey: intent.customerKey,
            affiliateId,
            conversionId: 'new',
          }
        : null,
    rollups,
    result: { conversionId: 'new', status, note: reason },
  })
  if (claimed) {
    const change: ConversionChange = {
      id: claimed.id,
      flags: claimed.flags.includes(FLAG.claimed) ? claimed.flags : [...claimed.flags, FLAG.claimed],
      supersede: true,
      holdUntil: null,
    }
    const ledger = planSettlement(facts.ledgerRows(claimed.id), [], {
      conversionId: claimed.id,
      status: 'pending',
      at,
      why: FLAG.claimed,
    })
    if (!isFinal(claimed.status)) {
      change.status = 'rejected'
      change.reason = `${FLAG.claimed} (a ${intent.trust} report)`
      result.rollups.push({
        campaignId: claimed.campaignId,
        affiliateId: claimed.affiliateId,
        linkId: claimed.linkId,
        conversions: -1,
        revenueMinor: -claimed.amountMinor,
        commissionMinor: 0,
      })
    }
    result.rollups.push(...commissionRollups(claimed, ledger.inserts))
    result.changes.push({ change, ledger })
    result.history.push({
      conversionId: claimed.id,
      action: 'conversion.claimed',
      before: { status: claimed.status, affiliateId: claimed.affiliateId },
      after: { status: change.status ?? claimed.status, claimedBy: 'new', trust: intent.trust },
    })
    if (claimed.customerKey !== null) {
      result.release = {
        advertiserId: claimed.advertiserId,
        customerKey: claimed.customerKey,
        conversionId: claimed.id,
      }
    }
  }
  return result
}

/** Who moves a conversion outside a report: a manager, the auto-approval job or a payout run. */
export type StatusActor = 'manager' | 'auto-approval' | 'payout'

/** A manager's decision, an auto-approval after the hold, or a payout run marking it paid. */
export function decideStatusChange(
  t: KnownConversion,
  to: ConversionStatus,
  actor: StatusActor,
  at: number,
  reason: string | null,
  facts: LedgerFacts,
): Decision {
  const campaign = facts.campaign(t.campaignId)
  if (!campaign) return refuse('not_found', 'The conversion belongs to a campaign that no longer exists')
  if (actor === 'auto-approval') {
    if (t.status !== 'pending' || t.flags.length > 0 || t.trust === 'client') {
      return { kind: 'duplicate', conversionId: t.id, status: t.status }
    }
    const affiliate = facts.affiliate(t.affiliateId)
    if (affiliate?.status !== 'approved') {
      // Suspended (or otherwise not approved) during the hold: a person decides.
      const change: ConversionChange = {
        id: t.id,
        flags: [...t.flags, FLAG.affiliateNotApproved],
        holdUntil: null,
        reason: `held: the affiliate is ${affiliate?.status ?? 'gone'}`,
      }
      return applied({
        changes: [{ change, ledger: { updates: [], inserts: [] } }],
        history: [
          {
            conversionId: t.id,
            action: 'conversion.held',
            before: null,
            after: { by: actor, note: change.reason },
          },
        ],
        result: { conversionId: t.id, status: t.status, note: change.reason ?? null },
      })
    }
  }
  if (isFinal(t.status) && to === t.status) return { kind: 'duplicate', conversionId: t.id, status: t.status }
  return statusAndAmount(t, campaign, facts, {
    to,
    amountMinor: t.amountMinor,
    at,
    by: actor,
    change: { id: t.id },
    manager: actor === 'manager',
    viaPayout: actor === 'payout',
    reason,
  })
}

// Conversion ingest: one conversion (or status change) and all its ledger rows, rollups and the
// customer binding in one transaction. Batches of intents share a transaction (group commit), and
// each intent runs in its own savepoint so one bad intent cannot take its neighbours down.
import type Database from 'better-sqlite3'
import type { Plan } from '../../../shared/plan'
import { planSchema } from '../../../shared/plan'
import type { CommissionLine, UplineAncestor } from '../../commissions/types'
import type { LedgerRow, LedgerPlan } from '../../commissions/ledger'
import type { ConversionIntent, ConversionStatus, IngestResult, LedgerPolicy } from '../../commissions/ports'
import { subscriptionKey } from './subscriptions'
import { utcDay } from './tracking'

interface CampaignInfo {
  id: number
  advertiserId: number
  currency: string
  holdDays: number | null
  plan: Plan
}

interface AffiliateInfo {
  id: number
  status: 'pending' | 'approved' | 'suspended' | 'rejected'
  tier: 'standard' | 'vip' | 'elite'
  overrideRateBps: number | null
}

const DAY_MS = 86_400_000
const ORDER_EXISTS = Symbol('order exists')

function monthStart(ms: number): number {
  const d = new Date(ms)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
}

export function createConversionSql(sqlite: Database.Database, policy: LedgerPolicy) {
  const q = {
    campaign: sqlite.prepare(
      'SELECT id, advertiser_id AS advertiserId, currency, hold_days AS holdDays, plan FROM campaigns WHERE id = ?',
    ),
    affiliate: sqlite.prepare(
      'SELECT id, status, tier, override_rate_bps AS overrideRateBps FROM affiliates WHERE id = ?',
    ),
    upline: sqlite.prepare(
      `SELECT h.ancestor_id AS id, h.depth AS depth FROM affiliate_hierarchy h
        WHERE h.descendant_id = ? AND h.depth BETWEEN 1 AND ? ORDER BY h.depth`,
    ),
    existing: sqlite.prepare(
      `SELECT id, status, campaign_id AS campaignId, affiliate_id AS affiliateId, amount_minor AS amountMinor, created_at AS createdAt
         FROM conversions WHERE advertiser_id = ? AND order_id = ? AND event_type = ?`,
    ),
    // Positional parameters: binding from an object by name cost a few microseconds per row.
    insert: sqlite.prepare(
      `INSERT INTO conversions (click_id, affiliate_id, campaign_id, advertiser_id, event_type, order_id, customer_key,
          amount_minor, currency, advertiser_payout_minor, status, trust, risk_score, flags, ip, created_at,
          status_changed_at, hold_until, subscription_key, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT (advertiser_id, order_id, event_type) DO NOTHING`,
    ),
    setStatus: sqlite.prepare(
      'UPDATE conversions SET status = ?, status_changed_at = ?, reason = ? WHERE id = ?',
    ),
    // Prepared once: the auto-approval job moves conversions one by one through setStatus.
    byId: sqlite.prepare(
      'SELECT id, status, campaign_id AS campaignId, affiliate_id AS affiliateId, created_at AS createdAt FROM conversions WHERE id = ?',
    ),
    ledgerRows: sqlite.prepare(
      `SELECT id, conversion_id AS conversionId, affiliate_id AS affiliateId, kind, status, amount_minor AS amountMinor,
              currency, level, plan_type AS planType, rule, base_minor AS baseMinor, rate_bps AS rateBps,
              reverses_id AS reversesId
         FROM commissions WHERE conversion_id = ? ORDER BY id`,
    ),
    insertLedger: sqlite.prepare(
      `INSERT INTO commissions (conversion_id, affiliate_id, kind, status, amount_minor, currency, level, plan_type, rule,
          base_minor, rate_bps, reverses_id, created_at, approved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateLedger: sqlite.prepare(
      'UPDATE commissions SET status = ?, approved_at = COALESCE(?, approved_at) WHERE id = ?',
    ),
    monthStats: sqlite.prepare(
      `SELECT count(*) AS approvedCount, COALESCE(sum(amount_minor), 0) AS approvedRevenueMinor FROM conversions
        WHERE affiliate_id = ? AND campaign_id = ? AND event_type = 'sale' AND status IN ('approved','paid')
          AND created_at >= ?`,
    ),
    // This conversion's period: it is inserted first, so it counts itself (sqlite/subscriptions.ts).
    periods: sqlite.prepare(
      `SELECT count(*) AS n FROM conversions
        WHERE campaign_id = ? AND subscription_key = ?
          AND event_type IN ('sale','recurring') AND status <> 'rejected'`,
    ),
    customer: sqlite.prepare(
      `SELECT c.affiliate_id AS affiliateId, v.campaign_id AS campaignId FROM customers c
         LEFT JOIN conversions v ON v.id = c.first_conversion_id
        WHERE c.advertiser_id = ? AND c.customer_key = ?`,
    ),
    bindCustomer: sqlite.prepare(
      `INSERT INTO customers (advertiser_id, customer_key, affiliate_id, first_conversion_id, created_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    bumpStats: sqlite.prepare(
      `INSERT INTO daily_stats (day, campaign_id, affiliate_id, link_id, conversions, revenue_minor, commission_minor)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, campaign_id, affiliate_id, link_id) DO UPDATE SET
         conversions = conversions + excluded.conversions, revenue_minor = revenue_minor + excluded.revenue_minor,
         commission_minor = commission_minor + excluded.commission_minor`,
    ),
  }

  // Rollup increments are staged per intent and written once per key per batch: a batch of sales for
  // a handful of affiliates becomes a handful of upserts instead of one per commission line. An
  // intent that fails (its savepoint rolls back) takes its staged increments with it.
  type Delta = [
    day: string,
    campaignId: number,
    affiliateId: number,
    linkId: number,
    conv: number,
    rev: number,
    comm: number,
  ]
  let staged: Delta[] = []
  const bump = (
    day: string,
    campaignId: number,
    affiliateId: number,
    linkId: number,
    conv: number,
    rev: number,
    comm: number,
  ) => staged.push([day, campaignId, affiliateId, linkId, conv, rev, comm])
  function writeRollups(deltas: Delta[]): void {
    const sums = new Map<string, Delta>()
    for (const d of deltas) {
      const key = `${d[0]}|${d[1]}|${d[2]}|${d[3]}`
      const acc = sums.get(key)
      if (acc) {
        acc[4] += d[4]
        acc[5] += d[5]
        acc[6] += d[6]
      } else sums.set(key, [...d])
    }
    for (const d of sums.values()) q.bumpStats.run(...d)
  }

  // Caches for the hot path. Any write to affiliates, the hierarchy or campaigns calls invalidate().
  const campaigns = new Map<number, CampaignInfo>()
  const affiliates = new Map<number, AffiliateInfo>()
  const uplines = new Map<number, UplineAncestor[]>()

  function campaign(id: number): CampaignInfo | null {
    let c = campaigns.get(id)
    if (!c) {
      const row = q.campaign.get(id) as (Omit<CampaignInfo, 'plan'> & { plan: string }) | undefined
      if (!row) return null
      c = { ...row, plan: planSchema.parse(JSON.parse(row.plan)) }
      campaigns.set(id, c)
    }
    return c
  }
  function affiliate(id: number): AffiliateInfo | null {
    let a = affiliates.get(id)
    if (!a) {
      a = q.affiliate.get(id) as AffiliateInfo | undefined
      if (!a) return null
      affiliates.set(id, a)
    }
    return a
  }
  const MAX_DEPTH = 20
  function uplineOf(id: number, levels: number): UplineAncestor[] {
    if (levels === 0) return []
    let chain = uplines.get(id)
    if (!chain) {
      // Levels beyond the plan are never paid, but compress may reach further up: cache the whole chain.
      // Statuses are cached with it: invalidate() clears both caches together.
      const rows = q.upline.all(id, MAX_DEPTH) as { id: number; depth: number }[]
      chain = rows.map((u) => ({ id: u.id, depth: u.depth, status: affiliate(u.id)?.status ?? 'rejected' }))
      uplines.set(id, chain)
    }
    return chain
  }

  const insertLedgerRow = (r: LedgerPlan['inserts'][number]) =>
    q.insertLedger.run(
      r.conversionId,
      r.affiliateId,
      r.kind,
      r.status,
      r.amountMinor,
      r.currency,
      r.level,
      r.planType,
      r.rule,
      r.baseMinor,
      r.rateBps,
      r.reversesId,
      r.createdAt,
      r.approvedAt,
    )

  function applyPlan(plan: LedgerPlan): number {
    for (const u of plan.updates) q.updateLedger.run(u.status, u.approvedAt ?? null, u.id)
    for (const row of plan.inserts) insertLedgerRow(row)
    return plan.inserts.length
  }

  function changeStatus(
    existing: {
      id: number
      status: ConversionStatus
      campaignId: number
      affiliateId: number
      createdAt: number
    },
    to: ConversionStatus,
    at: number,
    reason: string | null,
    opts: { viaPayout?: boolean } = {},
  ): IngestResult {
    const t = policy.transition(existing.status, to, opts)
    if (!t.ok) return { ok: false, code: 'conflict', reason: t.reason }
    if (t.noop)
      return { ok: true, conversionId: existing.id, status: existing.status, duplicate: true, ledgerRows: 0 }
    const rows = q.ledgerRows.all(existing.id) as LedgerRow[]
    let written = 0
    if (t.ledger === 'approve') written = applyPlan(policy.planApproval(rows, at))
    else if (t.ledger === 'reverse') {
      const plan = policy.planReversal(rows, to as 'rejected' | 'refunded', at)
      written = applyPlan(plan)
      // Rollups follow the money: the reversed amounts come off the day they are reversed.
      const byAffiliate = new Map<number, number>()
      for (const r of plan.inserts)
        byAffiliate.set(r.affiliateId, (byAffiliate.get(r.affiliateId) ?? 0) + r.amountMinor)
      for (const [affiliateId, amount] of byAffiliate) {
        bump(utcDay(at), existing.campaignId, affiliateId, 0, 0, 0, amount)
      }
    }
    q.setStatus.run(to, at, reason, existing.id)
    return { ok: true, conversionId: existing.id, status: to, duplicate: false, ledgerRows: written }
  }

  const rememberNonce = sqlite.prepare(
    'INSERT INTO postback_nonces (conversion_id, signature, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  )
  /** Records the postback's signature against the conversion it applies to; false if it was there (a replay). */
  const firstUse = (intent: ConversionIntent, conversionId: number): boolean =>
    !intent.nonce ||
    rememberNonce.run(conversionId, intent.nonce.signature, intent.nonce.expiresAt).changes > 0

  // A known order: a replay is refused, a repeat is a duplicate, a new status moves it. Null when the order is new.
  function ingestKnown(intent: ConversionIntent): IngestResult | null {
    const existing = q.existing.get(intent.advertiserId, intent.orderId, intent.eventType) as
      | {
          id: number
          status: ConversionStatus
          campaignId: number
          affiliateId: number
          amountMinor: number
          createdAt: number
        }
      | undefined
    if (!existing) return null
    if (!firstUse(intent, existing.id))
      return { ok: false, code: 'forbidden', reason: 'Replay: this signature was already used' }
    if (intent.status === 'pending' || intent.status === existing.status) {
      return {
        ok: true,
        conversionId: existing.id,
        status: existing.status,
        duplicate: true,
        ledgerRows: 0,
      }
    }
    return changeStatus(existing, intent.status, intent.receivedAt, `${intent.trust} status update`)
  }

  function ingestOne(intent: ConversionIntent): IngestResult {
    // Most postbacks are new orders, so storing one is tried first; the order's unique key answers
    // "seen before?" in the same step, which saved a lookup per conversion. A known order, or a new
    // one that cannot be stored as sent, is then handled as before: by its existing row if it has one.
    // A replay carries the same order, so it always takes the known-order path, where its nonce is checked.
    const created = ingestNew(intent)
    if (created !== ORDER_EXISTS && created.ok) {
      firstUse(intent, created.conversionId)
      return created
    }
    const known = ingestKnown(intent)
    if (known) return known
    if (created !== ORDER_EXISTS) return created
    throw new Error(`Order ${intent.orderId} conflicted but cannot be read back`)
  }

  function ingestNew(intent: ConversionIntent): IngestResult | typeof ORDER_EXISTS {
    // Attribution: a lifetime customer binding wins over the click; without either there is nothing to pay.
    let affiliateId = intent.click?.affiliateId ?? null
    let campaignId = intent.click?.campaignId ?? null
    let bound = false
    if (intent.customerKey) {
      const binding = q.customer.get(intent.advertiserId, intent.customerKey) as
        { affiliateId: number; campaignId: number | null } | undefined
      const clickCampaign = campaignId !== null ? campaign(campaignId) : null
      if (binding && (clickCampaign === null || clickCampaign.plan.type === 'lifetime')) {
        affiliateId = binding.affiliateId
        campaignId = campaignId ?? binding.campaignId
        bound = true
      }
    }
    if (affiliateId === null || campaignId === null) {
      return {
        ok: false,
        code: 'not_found',
        reason: 'Unknown click id, and no customer bound to an affiliate',
      }
    }
    const c = campaign(campaignId)
    const a = affiliate(affiliateId)
    if (!c || !a)
      return {
        ok: false,
        code: 'not_found',
        reason: 'The click belongs to a campaign or affiliate that no longer exists',
      }
    if (c.advertiserId !== intent.advertiserId) {
      return { ok: false, code: 'not_found', reason: 'This click belongs to another advertiser' }
    }
    const currency = intent.currency ?? c.currency
    if (currency !== c.currency) {
      return {
        ok: false,
        code: 'invalid_input',
        reason: `Currency ${currency} does not match the campaign's currency ${c.currency}`,
      }
    }

    const at = intent.receivedAt
    // Read before this conversion is inserted: the tier is chosen by the sales that came before it.
    const monthStats =
      c.plan.type === 'tiered'
        ? (q.monthStats.get(affiliateId, campaignId, monthStart(at)) as {
            approvedCount: number
            approvedRevenueMinor: number
          })
        : { approvedCount: 0, approvedRevenueMinor: 0 }
    const startStatus = intent.status === 'refunded' ? 'rejected' : intent.status
    const flagged = intent.flags.length > 0
    // Browser-reported conversions wait for a person or the advertiser's signed postback.
    const holdUntil =
      startStatus === 'pending' && c.holdDays !== null && !flagged && intent.trust !== 'client'
        ? at + c.holdDays * DAY_MS
        : null
    const subscription =
      c.plan.type === 'recurring' && (intent.eventType === 'sale' || intent.eventType === 'recurring')
        ? subscriptionKey(intent.customerKey, intent.click?.clickId ?? null)
        : null
    const inserted = q.insert.run(
      intent.click?.clickId ?? null,
      affiliateId,
      campaignId,
      intent.advertiserId,
      intent.eventType,
      intent.orderId,
      intent.customerKey,
      intent.amountMinor,
      currency,
      intent.advertiserPayoutMinor,
      startStatus,
      intent.trust,
      intent.riskScore,
      flagged ? JSON.stringify(intent.flags) : '[]',
      intent.ip,
      at,
      at,
      holdUntil,
      subscription,
    )
    if (inserted.changes === 0) return ORDER_EXISTS
    const conversionId = Number(inserted.lastInsertRowid)

    let lines: CommissionLine[] = []
    if (startStatus !== 'rejected') {
      const plan = c.plan
      const recurringPeriod =
        plan.type !== 'recurring' || subscription === null
          ? undefined
          : (q.periods.get(campaignId, subscription) as { n: number }).n
      lines = policy.computeLines({
        plan,
        conversion: {
          eventType: intent.eventType,
          amountMinor: intent.amountMinor,
          currency,
          recurringPeriod,
        },
        affiliate: a,
        upline: uplineOf(affiliateId, plan.upline.length),
        monthStats,
      })
    }
    const rows = policy.earningRows(
      lines,
      conversionId,
      startStatus === 'approved' ? 'approved' : 'pending',
      at,
    )
    for (const row of rows) insertLedgerRow(row)

    if (intent.customerKey && !bound && c.plan.type === 'lifetime') {
      q.bindCustomer.run(intent.advertiserId, intent.customerKey, affiliateId, conversionId, at)
    }

    const day = utcDay(at)
    let direct = 0
    for (const l of lines) {
      if (l.affiliateId === affiliateId) direct += l.amountMinor
      else bump(day, campaignId, l.affiliateId, 0, 0, 0, l.amountMinor)
    }
    bump(day, campaignId, affiliateId, intent.click?.linkId ?? 0, 1, intent.amountMinor, direct)
    return { ok: true, conversionId, status: startStatus, duplicate: false, ledgerRows: rows.length }
  }

  const one = sqlite.transaction(ingestOne)
  // A savepoint per intent cost about a tenth of ingest time, so a batch first runs without them.
  // Intents only throw on bad input or a broken invariant; then the whole batch rolls back and runs
  // again below, each intent in its own savepoint. Nothing outside the database is kept from the
  // failed attempt (staged rollups start over; the caches only ever hold committed rows).
  const batchWithoutSavepoints = sqlite.transaction((intents: ConversionIntent[]): IngestResult[] => {
    staged = []
    const results = intents.map(ingestOne)
    writeRollups(staged)
    return results
  })
  const batch = sqlite.transaction((intents: ConversionIntent[]): IngestResult[] => {
    const deltas: Delta[] = []
    const results = intents.map((intent): IngestResult => {
      staged = []
      try {
        const r = one(intent)
        for (const d of staged) deltas.push(d)
        return r
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err)
        if ((err as { code?: string }).code === 'invalid_input')
          return { ok: false, code: 'invalid_input', reason }
        throw err
      }
    })
    writeRollups(deltas)
    return results
  })

  const setStatusTx = sqlite.transaction(
    (
      id: number,
      to: ConversionStatus,
      at: number,
      reason: string | null,
      viaPayout: boolean,
    ): IngestResult => {
      const row = q.byId.get(id) as
        | { id: number; status: ConversionStatus; campaignId: number; affiliateId: number; createdAt: number }
        | undefined
      if (!row) return { ok: false, code: 'not_found', reason: `Conversion ${id} does not exist` }
      staged = []
      const result = changeStatus(row, to, at, reason, { viaPayout })
      writeRollups(staged)
      return result
    },
  )

  const dueForApproval = sqlite.prepare(
    `SELECT id FROM conversions WHERE status = 'pending' AND hold_until IS NOT NULL AND hold_until <= ? AND flags = '[]'
      ORDER BY hold_until LIMIT ?`,
  )

  return {
    ingestBatch: (intents: ConversionIntent[]): IngestResult[] => {
      try {
        return batchWithoutSavepoints(intents)
      } catch {
        return batch(intents)
      }
    },
    setStatus: (id: number, to: ConversionStatus, at: number, reason: string | null, viaPayout = false) =>
      setStatusTx(id, to, at, reason, viaPayout),
    dueForApproval: (now: number, limit: number): number[] =>
      (dueForApproval.all(now, limit) as { id: number }[]).map((r) => r.id),
    invalidate(): void {
      campaigns.clear()
      affiliates.clear()
      uplines.clear()
    },
  }
}

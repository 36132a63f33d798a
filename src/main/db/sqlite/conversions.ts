// Conversion ingest and status changes: the store looks facts up, asks the ledger rules
// (commissions/attribution.ts, passed in as LedgerRules) for a decision, and writes it — the
// conversion, its ledger rows, the customer binding, rollups and history — in one transaction.
// Batches of intents share a transaction (group commit); see ingestBatch for savepoints.
import type Database from 'better-sqlite3'
import { UPLINE_REACH } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { planSchema } from '../../../shared/plan'
import type {
  Applied,
  CampaignFacts,
  ConversionChange,
  Decision,
  KnownConversion,
  LedgerFacts,
} from '../../commissions/attribution'
import type { LedgerPlan, LedgerRow, NewLedgerRow } from '../../commissions/ledger'
import type { ZonedMonth } from '../../commissions/month'
import type { ConversionIntent, ConversionStatus, IngestResult, LedgerRules } from '../../commissions/ports'
import type { AffiliateInput, MonthStats, UplineAncestor } from '../../commissions/types'
import { encodeFraudInput } from './fraud-input'
import { encodeFraudReasons } from './fraud-reasons'
import { createRollupStage } from './rollups'
import { utcDay } from './tracking'
import { all, get } from './rows'
import { LINE_STATUS } from './line-status'

const KNOWN = `id, click_id AS clickId, link_id AS linkId, affiliate_id AS affiliateId, campaign_id AS campaignId,
  advertiser_id AS advertiserId, event_type AS eventType, status, trust, amount_minor AS amountMinor,
  customer_key AS customerKey, subscription_key AS subscriptionKey, flags, created_at AS createdAt,
  hold_until AS holdUntil`

type KnownRow = Omit<KnownConversion, 'flags'> & { flags: string }
const toKnown = (r: KnownRow): KnownConversion => ({ ...r, flags: JSON.parse(r.flags) as string[] })

export interface ConversionSqlOptions {
  rules: LedgerRules
  /** The program's time zone, read again after every invalidate(). */
  timeZone: () => string
}

export function createConversionSql(sqlite: Database.Database, opts: ConversionSqlOptions) {
  const { rules } = opts
  const q = {
    campaign: sqlite.prepare(
      `SELECT id, advertiser_id AS advertiserId, currency, hold_days AS holdDays, cookie_days AS cookieDays,
              max_client_amount_minor AS maxClientAmountMinor, plan FROM campaigns WHERE id = ?`,
    ),
    affiliate: sqlite.prepare(
      'SELECT id, status, tier, override_rate_bps AS overrideRateBps FROM affiliates WHERE id = ?',
    ),
    upline: sqlite.prepare(
      `SELECT h.ancestor_id AS id, h.depth AS depth FROM affiliate_hierarchy h
        WHERE h.descendant_id = ? AND h.depth BETWEEN 1 AND ? ORDER BY h.depth`,
    ),
    order: sqlite.prepare(
      `SELECT ${KNOWN} FROM conversions WHERE advertiser_id = ? AND order_id = ? AND superseded_by = 0`,
    ),
    byId: sqlite.prepare(`SELECT ${KNOWN} FROM conversions WHERE id = ?`),
    // Positional parameters: binding from an object by name cost a few microseconds per row.
    insert: sqlite.prepare(
      `INSERT INTO conversions (click_id, link_id, affiliate_id, campaign_id, advertiser_id, event_type, order_id, order_ref,
          customer_key, amount_minor, currency, advertiser_payout_minor, status, trust, risk_score, flags, ip,
          fingerprint, user_agent, customer_email, country, created_at, status_changed_at, hold_until,
          subscription_key, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // The verdict's explanation beside the conversion: one row, appended at the end of its key.
    insertRisk: sqlite.prepare(
      `INSERT INTO conversion_risk (conversion_id, score, input, reasons, model, review_threshold, reject_threshold, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // A manager's approve or reject of a scored conversion is a training label; the latest one wins.
    label: sqlite.prepare(
      `INSERT INTO fraud_labels (conversion_id, fraud, actor, decided_at)
       SELECT conversion_id, ?, ?, ? FROM conversion_risk WHERE conversion_id = ?
       ON CONFLICT (conversion_id) DO UPDATE SET fraud = excluded.fraud, actor = excluded.actor,
         decided_at = excluded.decided_at`,
    ),
    // One statement for every change: a null leaves the column as it is (hold and reason say so
    // with a flag, as null is a value they can take).
    change: sqlite.prepare(
      `UPDATE conversions SET
         status = COALESCE(?, status),
         status_changed_at = CASE WHEN ? IS NULL THEN status_changed_at ELSE ? END,
         amount_minor = COALESCE(?, amount_minor),
         trust = COALESCE(?, trust),
         flags = COALESCE(?, flags),
         hold_until = CASE WHEN ? THEN ? ELSE hold_until END,
         reason = CASE WHEN ? THEN ? ELSE reason END,
         superseded_by = COALESCE(?, superseded_by)
       WHERE id = ?`,
    ),
    supersede: sqlite.prepare('UPDATE conversions SET superseded_by = ? WHERE id = ?'),
    ledgerRows: sqlite.prepare(
      `SELECT m.id, m.conversion_id AS conversionId, m.affiliate_id AS affiliateId, m.kind, ${LINE_STATUS} AS status,
              m.amount_minor AS amountMinor, m.currency, m.level, m.plan_type AS planType, m.rule,
              m.base_minor AS baseMinor, m.rate_bps AS rateBps, m.reverses_id AS reversesId
         FROM commissions m WHERE m.conversion_id = ? ORDER BY m.id`,
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
        WHERE affiliate_id = ? AND campaign_id = ? AND event_type = 'sale' AND status IN ('pending','approved','paid')
          AND created_at >= ? AND id < ? AND id <> ?`,
    ),
    subscriptionStart: sqlite.prepare(
      `SELECT min(created_at) AS first FROM conversions
        WHERE campaign_id = ? AND subscription_key = ? AND event_type IN ('sale','recurring') AND status <> 'rejected'
          AND id <> ?`,
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
    releaseCustomer: sqlite.prepare(
      'DELETE FROM customers WHERE advertiser_id = ? AND customer_key = ? AND first_conversion_id = ?',
    ),
    history: sqlite.prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, 'conversion', ?, ?, ?)`,
    ),
    rememberNonce: sqlite.prepare(
      'INSERT INTO postback_nonces (conversion_id, signature, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    dueForApproval: sqlite.prepare(
      `SELECT id FROM conversions WHERE status = 'pending' AND hold_until IS NOT NULL AND hold_until <= ? AND flags = '[]'
        ORDER BY hold_until LIMIT ?`,
    ),
  }
  const rollups = createRollupStage(sqlite)

  // Caches for the hot path. Any write to affiliates, the hierarchy, campaigns or settings calls invalidate().
  const campaigns = new Map<number, CampaignFacts>()
  const affiliates = new Map<number, AffiliateInput>()
  const uplines = new Map<number, UplineAncestor[]>()
  let month: ((ms: number) => ZonedMonth) | null = null

  const facts: LedgerFacts = {
    campaign(id) {
      let c = campaigns.get(id)
      if (!c) {
        const row = q.campaign.get(id) as (Omit<CampaignFacts, 'plan'> & { plan: string }) | undefined
        if (!row) return null
        c = { ...row, plan: planSchema.parse(JSON.parse(row.plan)) }
        campaigns.set(id, c)
      }
      return c
    },
    affiliate(id) {
      let a = affiliates.get(id)
      if (!a) {
        a = get<AffiliateInput>(q.affiliate, id)
        if (!a) return null
        affiliates.set(id, a)
      }
      return a
    },
    upline(id) {
      let chain = uplines.get(id)
      if (!chain) {
        // Levels beyond the plan are never paid, but compress may reach further up: cache the whole chain.
        // Statuses are cached with it: invalidate() clears both caches together.
        const rows = all<{ id: number; depth: number }>(q.upline, id, UPLINE_REACH)
        chain = rows.map((u) => ({
          id: u.id,
          depth: u.depth,
          status: facts.affiliate(u.id)?.status ?? 'rejected',
        }))
        uplines.set(id, chain)
      }
      return chain
    },
    orderConversions: (advertiserId, orderId) => all<KnownRow>(q.order, advertiserId, orderId).map(toKnown),
    monthStats: (affiliateId, campaignId, from, beforeId, excludeId) =>
      get<MonthStats>(q.monthStats, affiliateId, campaignId, from, beforeId, excludeId)!,
    subscriptionStart: (campaignId, key, excludeId) =>
      get<{ first: number | null }>(q.subscriptionStart, campaignId, key, excludeId)!.first,
    binding: (advertiserId, customerKey) =>
      (q.customer.get(advertiserId, customerKey) as
        { affiliateId: number; campaignId: number | null } | undefined) ?? null,
    ledgerRows: (conversionId) => all<LedgerRow>(q.ledgerRows, conversionId),
    month(ms) {
      month ??= rules.months(opts.timeZone())
      return month(ms)
    },
  }

  const insertLedgerRow = (r: NewLedgerRow, conversionId: number) =>
    q.insertLedger.run(
      conversionId,
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

  function applyLedger(plan: LedgerPlan, conversionId: number): void {
    for (const u of plan.updates) q.updateLedger.run(u.status, u.approvedAt ?? null, u.id)
    for (const row of plan.inserts) insertLedgerRow(row, conversionId)
  }

  function applyChange(c: ConversionChange, at: number, supersededBy: number | null): void {
    q.change.run(
      c.status ?? null,
      c.status ?? null,
      at,
      c.amountMinor ?? null,
      c.trust ?? null,
      c.flags ? JSON.stringify(c.flags) : null,
      c.holdUntil !== undefined ? 1 : 0,
      c.holdUntil ?? null,
      c.reason !== undefined ? 1 : 0,
      c.reason ?? null,
      supersededBy,
      c.id,
    )
  }

  /** Writes an applied decision; returns the conversion it answers about and the ledger rows written. */
  function write(d: Applied, at: number, actor: string): { conversionId: number; ledgerRows: number } {
    let ledgerRows = 0
    // A claimed browser report gives up the order's key first, so the new conversion can take it.
    for (const { change } of d.changes) if (change.supersede) q.supersede.run(-change.id, change.id)
    let created = 0
    if (d.create) {
      const v = d.create.conversion
      created = Number(
        q.insert.run(
          v.clickId,
          v.linkId,
          v.affiliateId,
          v.campaignId,
          v.advertiserId,
          v.eventType,
          v.orderId,
          v.orderRef,
          v.customerKey,
          v.amountMinor,
          v.currency,
          v.advertiserPayoutMinor,
          v.status,
          v.trust,
          v.riskScore,
          v.flags.length > 0 ? JSON.stringify(v.flags) : '[]',
          v.ip,
          v.fingerprint,
          v.userAgent,
          v.customerEmail,
          v.country,
          v.createdAt,
          v.createdAt,
          v.holdUntil,
          v.subscriptionKey,
          v.reason,
        ).lastInsertRowid,
      )
      for (const row of d.create.lines) insertLedgerRow(row, created)
      ledgerRows += d.create.lines.length
    }
    for (const { change, ledger } of d.changes) {
      applyChange(change, at, change.supersede ? created : null)
      applyLedger(ledger, change.id)
      ledgerRows += ledger.inserts.length
    }
    const idOf = (id: number | 'new') => (id === 'new' ? created : id)
    if (d.release)
      q.releaseCustomer.run(d.release.advertiserId, d.release.customerKey, d.release.conversionId)
    if (d.bind) {
      const b = d.bind
      q.bindCustomer.run(b.advertiserId, b.customerKey, b.affiliateId, idOf(b.conversionId), at)
    }
    const day = utcDay(at)
    for (const r of d.rollups) rollups.stage({ day, ...r })
    for (const h of d.history) {
      q.history.run(
        at,
        actor,
        h.action,
        String(idOf(h.conversionId)),
        h.before === null ? null : JSON.stringify(h.before),
        JSON.stringify(h.after, (_k, v: unknown) => (v === 'new' ? created : v)),
      )
    }
    return { conversionId: idOf(d.result.conversionId), ledgerRows }
  }

  /** Records the postback's signature against the conversion it applies to; false if it was there (a replay). */
  const firstUse = (intent: ConversionIntent, conversionId: number): boolean =>
    !intent.nonce ||
    q.rememberNonce.run(conversionId, intent.nonce.signature, intent.nonce.expiresAt).changes > 0

  const REPLAY: IngestResult = {
    ok: false,
    code: 'forbidden',
    reason: 'Replay: this signature was already used',
  }

  function answer(d: Decision, at: number, actor: string, intent: ConversionIntent | null): IngestResult {
    if (d.kind === 'refused') return { ok: false, code: d.code, reason: d.reason }
    if (d.kind === 'duplicate') {
      if (intent && !firstUse(intent, d.conversionId)) return REPLAY
      return {
        ok: true,
        conversionId: d.conversionId,
        status: d.status,
        duplicate: true,
        ledgerRows: 0,
        note: null,
      }
    }
    const about = d.result.conversionId
    if (intent && about !== 'new' && !firstUse(intent, about)) return REPLAY
    const written = write(d, at, actor)
    if (intent && about === 'new') {
      firstUse(intent, written.conversionId)
      if (intent.risk) {
        const { verdict, input, reviewThreshold, rejectThreshold } = intent.risk
        q.insertRisk.run(
          written.conversionId,
          verdict.score,
          encodeFraudInput(input),
          encodeFraudReasons(verdict.reasons),
          verdict.model === null ? null : JSON.stringify(verdict.model),
          reviewThreshold,
          rejectThreshold,
          at,
        )
      }
    }
    return {
      ok: true,
      conversionId: written.conversionId,
      status: d.result.status,
      duplicate: false,
      ledgerRows: written.ledgerRows,
      note: d.result.note,
      ...(d.create ? { created: true } : {}),
    }
  }

  const ingestOne = (intent: ConversionIntent): IngestResult =>
    answer(rules.decideIngest(intent, facts), intent.receivedAt, `postback:${intent.trust}`, intent)

  const one = sqlite.transaction(ingestOne)
  // A savepoint per intent cost about a tenth of ingest time, so a batch first runs without them.
  // Intents only throw on bad input or a broken invariant; then the whole batch rolls back and runs
  // again below, each intent in its own savepoint. Nothing outside the database is kept from the
  // failed attempt (staged rollups start over; the caches only ever hold committed rows).
  const batchWithoutSavepoints = sqlite.transaction((intents: ConversionIntent[]): IngestResult[] => {
    rollups.reset()
    const results = intents.map(ingestOne)
    rollups.flush()
    return results
  })
  const batch = sqlite.transaction((intents: ConversionIntent[]): IngestResult[] => {
    rollups.reset()
    const results = intents.map((intent): IngestResult => {
      const mark = rollups.mark()
      try {
        return one(intent)
      } catch (err) {
        rollups.rewind(mark)
        if (err instanceof AppError && err.code === 'invalid_input')
          return { ok: false, code: 'invalid_input', reason: err.message }
        throw err
      }
    })
    rollups.flush()
    return results
  })

  const setStatusTx = sqlite.transaction(
    (
      id: number,
      to: ConversionStatus,
      at: number,
      reason: string | null,
      actor: 'manager' | 'auto-approval' | 'payout',
      auditActor: string,
    ): IngestResult => {
      const row = get<KnownRow>(q.byId, id)
      if (!row) return { ok: false, code: 'not_found', reason: `Conversion ${id} does not exist` }
      rollups.reset()
      const d = rules.decideStatusChange(toKnown(row), to, actor, at, reason, facts)
      const result = answer(d, at, auditActor, null)
      rollups.flush()
      if (actor === 'manager' && result.ok && !result.duplicate) {
        if (result.status === 'approved' || result.status === 'rejected')
          q.label.run(result.status === 'rejected' ? 1 : 0, auditActor, at, id)
      }
      return result
    },
  )

  return {
    ingestBatch: (intents: ConversionIntent[]): IngestResult[] => {
      try {
        return batchWithoutSavepoints(intents)
      } catch {
        return batch(intents)
      }
    },
    /** A manager's decision (or a payout run's); its history row names the actor. */
    setStatus: (
      id: number,
      to: ConversionStatus,
      at: number,
      reason: string | null,
      actor: string,
      viaPayout = false,
    ) => setStatusTx(id, to, at, reason, viaPayout ? 'payout' : 'manager', actor),
    /** Approves what is due, one transaction each; returns how many were approved. */
    approveDue(now: number, limit: number): number {
      let approved = 0
      for (const { id } of all<{ id: number }>(q.dueForApproval, now, limit)) {
        const r = setStatusTx(id, 'approved', now, 'hold period passed', 'auto-approval', 'auto-approval')
        if (r.ok && !r.duplicate && r.status === 'approved') approved++
      }
      return approved
    },
    invalidate(): void {
      campaigns.clear()
      affiliates.clear()
      uplines.clear()
      month = null
    },
  }
}

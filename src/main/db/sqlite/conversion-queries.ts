// Read side of conversions: the review list, one conversion with the ledger rows that explain its
// money, and the rows the what-if simulator replays. Writes stay in conversions.ts (the ingest path).
import type Database from 'better-sqlite3'
import type { Conversion, LedgerLine } from '../../../shared/contract'
import { planSchema } from '../../../shared/plan'
import type { SimConversion } from '../../commissions'
import { CONVERSION_STATUSES, EVENT_TYPES } from '../schema'
import type { ConversionListQuery, ConversionRepo, SimAffiliate, SimulationInput } from '../store'
import { type Filter, filter } from './sql-filter'
import { all, get } from './rows'
import { LINE_STATUS } from './line-status'

const DAY_MS = 86_400_000

const CONVERSION = `c.id AS id, c.click_id AS clickId, c.affiliate_id AS affiliateId, a.code AS affiliateCode,
  c.campaign_id AS campaignId, k.name AS campaignName, c.advertiser_id AS advertiserId, c.event_type AS eventType,
  c.order_id AS orderId, c.order_ref AS orderRef, c.customer_key AS customerKey, c.amount_minor AS amountMinor, c.currency AS currency,
  c.advertiser_payout_minor AS advertiserPayoutMinor, c.status AS status, c.trust AS trust,
  c.risk_score AS riskScore, c.flags AS flags, c.ip AS ip, c.created_at AS createdAt,
  c.status_changed_at AS statusChangedAt, c.hold_until AS holdUntil, c.reason AS reason,
  (SELECT COALESCE(sum(m.amount_minor), 0) FROM commissions m WHERE m.conversion_id = c.id) AS commissionMinor`
const CONVERSION_FROM = `conversions c JOIN affiliates a ON a.id = c.affiliate_id JOIN campaigns k ON k.id = c.campaign_id`

export const LEDGER_LINE = `m.id AS id, m.conversion_id AS conversionId, m.affiliate_id AS affiliateId,
  a.code AS affiliateCode, m.kind AS kind, ${LINE_STATUS} AS status, m.amount_minor AS amountMinor, m.currency AS currency,
  m.level AS level, m.plan_type AS planType, m.rule AS rule, m.base_minor AS baseMinor, m.rate_bps AS rateBps,
  m.reverses_id AS reversesId, m.created_at AS createdAt, m.approved_at AS approvedAt`

const SORT = {
  id: 'c.id',
  createdAt: 'c.created_at',
  amountMinor: 'c.amount_minor',
  status: 'c.status',
  riskScore: 'c.risk_score',
} as const

type Row = Omit<Conversion, 'flags'> & { flags: string }
interface HistoryRow {
  at: number
  actor: string
  action: string
  before: string | null
  after: string | null
}
const toConversion = (row: Row): Conversion => ({ ...row, flags: JSON.parse(row.flags) as string[] })

function where(q: ConversionListQuery): Filter {
  const f = filter([
    ['c.status = ?', q.status],
    ['c.campaign_id = ?', q.campaignId],
    ['c.affiliate_id = ?', q.affiliateId],
    ['c.created_at >= ?', q.from],
    ['c.created_at < ?', q.to],
  ])
  const parts = [f.sql, q.flaggedOnly ? "c.flags <> '[]'" : ''].filter(Boolean)
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params: f.params }
}

// What the simulator reads of a conversion. Status and event type come back as positions in the
// schema's lists (its CHECK constraints allow nothing else), so a million rows create no strings;
// the currency is the campaign's, as ingest refuses any other.
const position = (column: string, values: readonly string[]) =>
  `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END`
const SIM_COLUMNS = `affiliate_id, ${position('event_type', EVENT_TYPES)}, amount_minor,
  ${position('status', CONVERSION_STATUSES)}, created_at`

/**
 * Rows as SimConversions without a generator and without an object per row: the simulator reads
 * each conversion before asking for the next, so one object and one result serve them all.
 * return() passes through, so a simulation that stops early releases the statement.
 */
function conversionsOf(
  rows: IterableIterator<unknown>,
  campaignId: number,
  currency: string,
): Iterator<SimConversion> {
  const conv: SimConversion = {
    campaignId,
    affiliateId: 0,
    eventType: 'sale',
    amountMinor: 0,
    currency,
    status: 'pending',
    createdAt: 0,
    subscriptionStartAt: undefined,
  }
  const result: IteratorResult<SimConversion> = { done: false, value: conv }
  return {
    next() {
      const n = rows.next()
      if (n.done) return { done: true, value: undefined }
      const r = n.value as unknown[]
      conv.affiliateId = r[0] as number
      conv.eventType = EVENT_TYPES[r[1] as number]!
      conv.amountMinor = r[2] as number
      conv.status = CONVERSION_STATUSES[r[3] as number]!
      conv.createdAt = r[4] as number
      conv.subscriptionStartAt = (r[5] as number | null) ?? undefined
      return result
    },
    return() {
      rows.return?.()
      return { done: true, value: undefined }
    },
  }
}

export function createConversionQueries(
  sqlite: Database.Database,
  now: () => number,
): Pick<ConversionRepo, 'list' | 'get' | 'simulationInput'> {
  const one = sqlite.prepare(`SELECT ${CONVERSION} FROM ${CONVERSION_FROM} WHERE c.id = ?`)
  const lines = sqlite.prepare(
    `SELECT ${LEDGER_LINE} FROM commissions m JOIN affiliates a ON a.id = m.affiliate_id
      WHERE m.conversion_id = ? ORDER BY m.id`,
  )
  const campaign = sqlite.prepare('SELECT id, currency, plan FROM campaigns WHERE id = ?')
  // The conversion's history is its rows in the audit log (written with each change, same transaction).
  const historyOf = sqlite.prepare(
    `SELECT at, actor, action, before, after FROM audit_log
      WHERE entity = 'conversion' AND entity_id = ? ORDER BY id`,
  )
  const allAffiliates = sqlite.prepare(
    `SELECT id, code, parent_id AS parentId, status, tier, override_rate_bps AS overrideRateBps FROM affiliates`,
  )
  const oneAffiliate = sqlite.prepare(
    `SELECT id, code, parent_id AS parentId, status, tier, override_rate_bps AS overrideRateBps
       FROM affiliates WHERE id = ?`,
  )
  const window = sqlite
    .prepare(
      `SELECT ${SIM_COLUMNS}, NULL FROM conversions
        WHERE campaign_id = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, id`,
    )
    .raw(true)
  // When each conversion's subscription began, as ingest reads it (subscriptionStart): its first sale
  // or renewal that was not rejected. Conversions of a campaign that is not recurring yet have no
  // stored key, and are grouped by the key ingest would give them.
  const PAID = "event_type IN ('sale','recurring') AND status <> 'rejected'"
  const KEY = `COALESCE(subscription_key, CASE WHEN customer_key IS NOT NULL THEN 'c:' || customer_key
                                                WHEN click_id IS NOT NULL THEN 'k:' || click_id END)`
  const windowWithPeriods = sqlite
    .prepare(
      `SELECT ${SIM_COLUMNS}, started FROM (
         SELECT affiliate_id, event_type, amount_minor, status, created_at, id, CASE WHEN ${PAID} THEN
                  min(CASE WHEN ${PAID} THEN created_at END) OVER (PARTITION BY ${KEY})
                END AS started
           FROM conversions WHERE campaign_id = ? AND created_at < ?)
        WHERE created_at >= ? ORDER BY created_at, id`,
    )
    .raw(true)

  return {
    async list(q) {
      const w = where(q)
      const dir = q.sort.dir === 'desc' ? 'DESC' : 'ASC'
      const rows = all<Row>(
        sqlite.prepare(
          `SELECT ${CONVERSION} FROM ${CONVERSION_FROM} ${w.sql}
            ORDER BY ${SORT[q.sort.field]} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`,
        ),
        ...w.params,
        q.pageSize,
        q.page * q.pageSize,
      )
      const total = get<{ n: number }>(
        sqlite.prepare(`SELECT count(*) AS n FROM conversions c ${w.sql}`),
        ...w.params,
      )!.n
      return { rows: rows.map(toConversion), total }
    },

    async get(id) {
      const row = get<Row>(one, id)
      if (!row) return null
      const history = all<HistoryRow>(historyOf, String(id)).map((h) => ({
        ...h,
        before: h.before === null ? null : (JSON.parse(h.before) as unknown),
        after: h.after === null ? null : (JSON.parse(h.after) as unknown),
      }))
      return { conversion: toConversion(row), lines: all<LedgerLine>(lines, id), history }
    },

    async simulationInput({ campaignId, days, recurringPeriods }) {
      const c = get<{ id: number; currency: string; plan: string }>(campaign, campaignId)
      if (!c) return null
      const to = now()
      const from = to - days * DAY_MS
      // Indexed by id (ids are dense): the simulator asks once per conversion, and an array beat a Map.
      const affiliates: (SimAffiliate | undefined)[] = []
      for (const a of all<SimAffiliate>(allAffiliates)) affiliates[a.id] = a
      const input: SimulationInput = {
        campaign: { id: c.id, currency: c.currency, plan: planSchema.parse(JSON.parse(c.plan)) },
        from,
        to,
        // One created after the list was read can still be found.
        affiliate(id) {
          let a = affiliates[id]
          if (a === undefined) {
            a = get<SimAffiliate>(oneAffiliate, id)
            if (a !== undefined) affiliates[id] = a
          }
          return a
        },
        conversions: {
          [Symbol.iterator]: () =>
            conversionsOf(
              recurringPeriods
                ? windowWithPeriods.iterate(campaignId, to, from)
                : window.iterate(campaignId, from, to),
              campaignId,
              c.currency,
            ),
        },
      }
      return input
    },
  }
}

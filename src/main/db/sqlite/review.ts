// Read side of the review queue: the queue itself, and what explains one conversion (its click, its
// history, and the conversions that share its IP, fingerprint or customer). Decisions are not here:
// they go through the conversions' status path (conversions.ts setStatus), like any manager's.
import type Database from 'better-sqlite3'
import type { ReviewReason, ReviewRow, ReviewSibling } from '../../../shared/contract'
import type { ClickKeys } from '../../tracking/types'
import type { ReviewListQuery, ReviewRepo } from '../store'
import { decodeFraudReasons } from './fraud-reasons'
import { filter } from './sql-filter'
import { LEGACY_ROWID_LIMIT } from './tracking'
import { all, get } from './rows'

const DAY_MS = 86_400_000

/**
 * Siblings are looked for among conversions created within this many days either side of the one
 * under review (the conversions_created index), and at most SIBLING_SCAN rows each side: neither
 * conversions' IP nor their customer is indexed (each would put a random page into every ingest
 * batch), so the lookup is a bounded range scan instead.
 */
export const SIBLING_WINDOW_DAYS = 30
const SIBLING_SCAN = 50_000
const FINGERPRINT_CLICKS = 1_000
export const SIBLINGS_SHOWN = 50

/** Click ids sharing a fingerprint, through the partial clicks_fingerprint index, bounded. */
export const FINGERPRINT_CLICKS_SQL = `SELECT click_id FROM clicks WHERE fingerprint = ? LIMIT ${FINGERPRINT_CLICKS}`

// Both sides of the conversion, nearest first, each bounded in time (conversions_created) and in
// rows read; then the match test on the few columns read. No click is scanned: a conversion keeps
// its visitor's IP, and a fingerprint's clicks come from its own index.
const SIBLING_COLUMNS = `c.id, c.affiliate_id, c.campaign_id, c.amount_minor, c.currency, c.status,
  c.risk_score, c.flags, c.created_at, c.ip, c.customer_key, c.click_id`
export const SIBLINGS_SQL = `WITH near AS (
     SELECT * FROM (SELECT ${SIBLING_COLUMNS} FROM conversions c
                     WHERE c.created_at >= @from AND c.created_at <= @at
                     ORDER BY c.created_at DESC LIMIT ${SIBLING_SCAN})
     UNION ALL
     SELECT * FROM (SELECT ${SIBLING_COLUMNS} FROM conversions c
                     WHERE c.created_at > @at AND c.created_at <= @to
                     ORDER BY c.created_at LIMIT ${SIBLING_SCAN})
   ), hit AS (
     SELECT n.*, (@ip IS NOT NULL AND n.ip = @ip) AS ipMatch,
            (@customer IS NOT NULL AND n.customer_key = @customer) AS customerMatch,
            (n.click_id IS NOT NULL AND n.click_id IN (SELECT value FROM json_each(@fpClicks))) AS fingerprintMatch
       FROM near n WHERE n.id <> @id
   )
   SELECT h.id AS id, a.code AS affiliateCode, k.name AS campaignName, h.amount_minor AS amountMinor,
          h.currency AS currency, h.status AS status, h.risk_score AS score, h.flags AS flags,
          h.created_at AS createdAt, h.ipMatch, h.customerMatch, h.fingerprintMatch
     FROM hit h JOIN affiliates a ON a.id = h.affiliate_id JOIN campaigns k ON k.id = h.campaign_id
    WHERE h.ipMatch OR h.customerMatch OR h.fingerprintMatch
    ORDER BY h.created_at DESC, h.id DESC LIMIT ${SIBLINGS_SHOWN + 1}`

// Flags written before reasons had codes: the words the ledger wrote, mapped to a code.
const LEGACY_FLAG_CODES: Record<string, string> = {
  'order claimed by another click': 'order_claimed',
  'affiliate not approved at approval time': 'affiliate_not_approved',
}

/**
 * A stored flag as a reason. Flags are either a code (`suspicious_click`), a code with its detail
 * (`ip_velocity: 7 conversions from this IP in 24 h`), or the words of an older flag.
 */
export function reasonOf(flag: string): ReviewReason {
  const legacy = LEGACY_FLAG_CODES[flag]
  if (legacy) return { code: legacy, detail: flag, weight: null }
  const m = /^([a-z][a-z0-9_]*)(?::\s*(.*))?$/s.exec(flag)
  if (m) return { code: m[1]!, detail: m[2] ?? '', weight: null }
  return { code: 'other', detail: flag, weight: null }
}

// The stored verdict's reasons and model (conversion_risk, written with each scored conversion)
// join here by its primary key; conversions scored before the fraud checks fall back to their flags.
const RISK = `r.reasons AS riskReasons, r.model AS riskModel`
const ROW = `${RISK}, c.id AS id, c.affiliate_id AS affiliateId, a.code AS affiliateCode, c.campaign_id AS campaignId,
  k.name AS campaignName, c.event_type AS eventType, c.order_id AS orderId, c.amount_minor AS amountMinor,
  c.currency AS currency, c.status AS status, c.trust AS trust, c.risk_score AS score, c.flags AS flags,
  c.created_at AS createdAt`
const FROM = `conversions c JOIN affiliates a ON a.id = c.affiliate_id JOIN campaigns k ON k.id = c.campaign_id
  LEFT JOIN conversion_risk r ON r.conversion_id = c.id`

type Row = Omit<ReviewRow, 'reasons' | 'modelTop'> & {
  flags: string
  riskReasons: string | null
  riskModel: string | null
}

interface StoredModel {
  probability: number
  top: { feature: string; contribution: number }[]
}

/**
 * Reasons from the stored verdict when there is one (code, detail and points), else from the flags;
 * a flag the verdict does not explain (the ledger's own, such as an order claimed by another click)
 * is kept beside them. The model's top features are null while the rules alone decided.
 */
export function explain(
  flags: string,
  riskReasons: string | null,
  riskModel: string | null,
): Pick<ReviewRow, 'reasons' | 'modelTop'> {
  const fromFlags = (JSON.parse(flags) as string[]).map(reasonOf)
  if (riskReasons === null) return { reasons: fromFlags, modelTop: null }
  const scored: ReviewReason[] = decodeFraudReasons(riskReasons).map((r) => ({
    code: r.code,
    detail: r.detail,
    weight: r.weight,
  }))
  const known = new Set(scored.map((r) => r.code))
  const model = riskModel === null ? null : (JSON.parse(riskModel) as StoredModel | null)
  return {
    reasons: [...scored, ...fromFlags.filter((r) => !known.has(r.code))],
    modelTop: model ? model.top.map(({ feature, contribution }) => ({ feature, contribution })) : null,
  }
}

const toRow = ({ flags, riskReasons, riskModel, ...row }: Row): ReviewRow => ({
  ...row,
  ...explain(flags, riskReasons, riskModel),
})

interface ClickRow {
  clickId: string
  at: number
  ip: string
  country: string
  userAgent: string
  referer: string
  deviceType: string
  fingerprint: string | null
  sub1: string | null
  sub2: string | null
  sub3: string | null
  sub4: string | null
  sub5: string | null
  source: string
  flagged: number
  flagReason: string | null
}

type SiblingRow = Omit<ReviewSibling, 'matches' | 'flagged'> & {
  flags: string
  ipMatch: number
  customerMatch: number
  fingerprintMatch: number
}

export function createReviewSql(sqlite: Database.Database, keys: ClickKeys): ReviewRepo {
  const one = sqlite.prepare(
    `SELECT ${ROW}, c.customer_key AS customerKey, c.ip AS ip, c.click_id AS clickId FROM ${FROM} WHERE c.id = ?`,
  )
  const CLICK = `click_id AS clickId, created_at AS at, ip, country, user_agent AS userAgent, referer,
    device_type AS deviceType, fingerprint, sub1, sub2, sub3, sub4, sub5, source, flagged, flag_reason AS flagReason`
  const clickByRowid = sqlite.prepare(`SELECT ${CLICK} FROM clicks WHERE id = ? AND click_id = ?`)
  const legacyClick = sqlite.prepare(
    `SELECT ${CLICK} FROM clicks WHERE click_id = ? AND id < ${LEGACY_ROWID_LIMIT}`,
  )
  const historyOf = sqlite.prepare(
    `SELECT at, actor, action, before, after FROM audit_log
      WHERE entity = 'conversion' AND entity_id = ? ORDER BY id`,
  )
  const fingerprintClicks = sqlite.prepare(FINGERPRINT_CLICKS_SQL).pluck()
  const siblings = sqlite.prepare(SIBLINGS_SQL)

  function clickOf(clickId: string | null): ClickRow | undefined {
    if (clickId === null) return undefined
    const rowid = keys.rowid(clickId)
    return (
      (rowid !== null ? get<ClickRow>(clickByRowid, rowid, clickId) : undefined) ??
      get<ClickRow>(legacyClick, clickId)
    )
  }

  return {
    async list(q: ReviewListQuery) {
      // Pending rows come from the (status, hold_until) index; the queue is what waits, so it stays
      // small next to the table, and sorting it by flag and score needs no index of its own.
      const f = filter([
        ['c.campaign_id = ?', q.campaignId],
        ['c.affiliate_id = ?', q.affiliateId],
      ])
      const where = ["c.status = 'pending'", q.flaggedOnly ? "c.flags <> '[]'" : '', f.sql]
        .filter(Boolean)
        .join(' AND ')
      const rows = all<Row>(
        sqlite.prepare(
          `SELECT ${ROW} FROM ${FROM} WHERE ${where}
            ORDER BY (c.flags <> '[]') DESC, c.risk_score DESC, c.id LIMIT ? OFFSET ?`,
        ),
        ...f.params,
        q.pageSize,
        q.page * q.pageSize,
      )
      const total = get<{ n: number }>(
        sqlite.prepare(`SELECT count(*) AS n FROM conversions c WHERE ${where}`),
        ...f.params,
      )!.n
      return { rows: rows.map(toRow), total }
    },

    async detail(id: number) {
      const row = get<Row & { customerKey: string | null; ip: string | null; clickId: string | null }>(
        one,
        id,
      )
      if (!row) return null
      const { customerKey, ip, clickId, ...rest } = row
      const click = clickOf(clickId)
      const history = all<{
        at: number
        actor: string
        action: string
        before: string | null
        after: string | null
      }>(historyOf, String(id)).map((h) => ({
        ...h,
        before: h.before === null ? null : (JSON.parse(h.before) as unknown),
        after: h.after === null ? null : (JSON.parse(h.after) as unknown),
      }))
      const fingerprint = click?.fingerprint ?? null
      const fpClicks = fingerprint
        ? (fingerprintClicks.all(fingerprint) as string[]).filter((k) => k !== clickId)
        : []
      const found = all<SiblingRow>(siblings, {
        id,
        at: rest.createdAt,
        from: rest.createdAt - SIBLING_WINDOW_DAYS * DAY_MS,
        to: rest.createdAt + SIBLING_WINDOW_DAYS * DAY_MS,
        ip: ip || null,
        customer: customerKey,
        fpClicks: JSON.stringify(fpClicks),
      })
      return {
        row: toRow(rest),
        customerKey,
        ip,
        click: click
          ? {
              clickId: click.clickId,
              at: click.at,
              ip: click.ip,
              country: click.country,
              userAgent: click.userAgent,
              referer: click.referer,
              deviceType: click.deviceType,
              fingerprint: click.fingerprint,
              subIds: [click.sub1, click.sub2, click.sub3, click.sub4, click.sub5],
              source: click.source,
              flagged: click.flagged === 1,
              flagReason: click.flagReason,
            }
          : null,
        history,
        siblings: found.slice(0, SIBLINGS_SHOWN).map((s) => ({
          id: s.id,
          affiliateCode: s.affiliateCode,
          campaignName: s.campaignName,
          amountMinor: s.amountMinor,
          currency: s.currency,
          status: s.status,
          score: s.score,
          flagged: s.flags !== '[]',
          createdAt: s.createdAt,
          matches: [
            ...(s.ipMatch ? (['ip'] as const) : []),
            ...(s.fingerprintMatch ? (['fingerprint'] as const) : []),
            ...(s.customerMatch ? (['customer'] as const) : []),
          ],
        })),
        siblingWindowDays: SIBLING_WINDOW_DAYS,
        siblingsTruncated: found.length > SIBLINGS_SHOWN,
      }
    },
  }
}

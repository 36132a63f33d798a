// Hot-path SQL for the listener: raw prepared statements (no query builder per request), and
// click batches written in one transaction with their daily rollups aggregated in memory first.
import type Database from 'better-sqlite3'
import type { SecretSealer } from '../../secrets/secret-box'
import type { AdvertiserAuth } from '../store'
import type { ClickKeys, ClickRecord, LinkTarget, ClickLookup } from '../../tracking/types'
import { all, get } from './rows'

/**
 * Rowids below this belong to clicks recorded before ids carried their rowid: the partial index
 * clicks_legacy_click_id covers exactly them, and its WHERE must match this literal.
 */
export const LEGACY_ROWID_LIMIT = 2 ** 40

// Rows as SQLite returns them: booleans as 0/1, JSON as text.
type LinkRow = Omit<LinkTarget, 'linkActive' | 'subDefaults'> & { linkActive: number; subDefaults: string }
type AdvertiserAuthRow = Omit<
  AdvertiserAuth,
  'allowedIps' | 'allowedOrigins' | 'secretsReadable' | 'postbackSecret'
> & {
  postbackSecret: string

  allowedIps: string
  allowedOrigins: string
}
type ClickRow = Omit<ClickLookup, 'flagged' | 'hidden'> & { flagged: number; hidden: number }

const DAY_MS = 86_400_000
let cachedDay = -1
let cachedDayText = ''

/** UTC day of a millisecond timestamp, as YYYY-MM-DD. Memoised: consecutive calls are almost always the same day. */
export function utcDay(ms: number): string {
  const day = Math.floor(ms / DAY_MS)
  if (day !== cachedDay) {
    cachedDayText = new Date(day * DAY_MS).toISOString().slice(0, 10)
    cachedDay = day
  }
  return cachedDayText
}

export function createTrackingSql(sqlite: Database.Database, keys: ClickKeys, secrets: SecretSealer) {
  // Bound once: the click path calls these per click, as plain functions.
  const { rowid: clickRowid, withRowid: withClickRowid } = keys
  const linkByCode = sqlite.prepare(
    `SELECT l.id AS linkId, l.affiliate_id AS affiliateId, l.campaign_id AS campaignId, l.active AS linkActive,
            l.landing_url AS landingUrl, l.sub_defaults AS subDefaults,
            a.status AS affiliateStatus, a.code AS affiliateCode,
            c.status AS campaignStatus, c.destination_url AS destinationUrl, c.fallback_url AS fallbackUrl,
            c.click_id_param AS clickIdParam, c.cookie_days AS cookieDays, c.advertiser_id AS advertiserId
       FROM links l JOIN affiliates a ON a.id = l.affiliate_id JOIN campaigns c ON c.id = l.campaign_id
      WHERE l.code = ?`,
  )
  // Positional parameters: binding by name costs a lookup per column on the hottest statement we have.
  // The rowid comes from the click id; a conflict (another generator's id for the same millisecond
  // and sequence) inserts nothing and the click is re-keyed below.
  const insertClick = sqlite.prepare(
    `INSERT INTO clicks (id, click_id, link_id, affiliate_id, campaign_id, created_at, ip, user_agent, referer, device_type,
                         country, fingerprint, sub1, sub2, sub3, sub4, sub5, ref_param, source, flagged, flag_reason, hidden)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  )
  const maxClickRowid = sqlite.prepare('SELECT max(id) AS id FROM clicks').pluck()
  const bumpClicks = sqlite.prepare(
    `INSERT INTO daily_stats (day, campaign_id, affiliate_id, link_id, clicks, flagged_clicks, unstored_clicks)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, campaign_id, affiliate_id, link_id)
     DO UPDATE SET clicks = clicks + excluded.clicks, flagged_clicks = flagged_clicks + excluded.flagged_clicks,
                   unstored_clicks = unstored_clicks + excluded.unstored_clicks`,
  )
  // A click is found by the rowid its id carries, the whole text compared; ids issued before that
  // layout by the partial index on their text (the literal must match the index's WHERE).
  const clickColumns = `k.click_id AS clickId, k.link_id AS linkId, k.affiliate_id AS affiliateId, k.campaign_id AS campaignId,
            k.created_at AS createdAt, k.ip AS ip, k.fingerprint AS fingerprint, k.flagged AS flagged,
            k.user_agent AS userAgent, k.referer AS referer, k.country AS country, k.hidden AS hidden,
            c.advertiser_id AS advertiserId, c.currency AS currency, c.cookie_days AS cookieDays,
            c.max_postback_amount_minor AS maxAmountMinor`
  const clickByRowid = sqlite.prepare(
    `SELECT ${clickColumns} FROM clicks k JOIN campaigns c ON c.id = k.campaign_id WHERE k.id = ? AND k.click_id = ?`,
  )
  const legacyClick = sqlite.prepare(
    `SELECT ${clickColumns} FROM clicks k JOIN campaigns c ON c.id = k.campaign_id
      WHERE k.click_id = ? AND k.id < ${LEGACY_ROWID_LIMIT}`,
  )

  const advertiserAuth = sqlite.prepare(
    `SELECT id, signing_mode AS signingMode, postback_secret AS postbackSecret, postback_token AS postbackToken,
            allowed_ips AS allowedIps, allowed_origins AS allowedOrigins FROM advertisers WHERE id = ?`,
  )
  const allOrigins = sqlite.prepare('SELECT allowed_origins AS o FROM advertisers')
  const attachFingerprint = sqlite.prepare(
    'UPDATE clicks SET fingerprint = COALESCE(fingerprint, ?), hidden = hidden OR ? WHERE id = ? AND click_id = ?',
  )
  const attachLegacyFingerprint = sqlite.prepare(
    `UPDATE clicks SET fingerprint = COALESCE(fingerprint, ?), hidden = hidden OR ?
      WHERE click_id = ? AND id < ${LEGACY_ROWID_LIMIT}`,
  )
  const pruneNonces = sqlite.prepare('DELETE FROM postback_nonces WHERE expires_at < ?')

  const insert = (c: ClickRecord, rowid: number) =>
    insertClick.run(
      rowid,
      c.clickId,
      c.linkId,
      c.affiliateId,
      c.campaignId,
      c.createdAt,
      c.ip,
      c.userAgent,
      c.referer,
      c.deviceType,
      c.country,
      c.fingerprint,
      c.sub1,
      c.sub2,
      c.sub3,
      c.sub4,
      c.sub5,
      c.refParam,
      c.source,
      c.flagged ? 1 : 0,
      c.flagReason,
      c.hidden ? 1 : 0,
    ).changes > 0

  // Two generators (the listener's and the demo's, or one that restarted behind a clock that went
  // back) can issue the same rowid; nobody has seen this click's id yet, so it moves past the
  // highest rowid, keeping its random part. Returns the id the click is stored under.
  const store = (c: ClickRecord): string => {
    const rowid = clickRowid(c.clickId)
    if (rowid === null) throw new Error(`Not a click id: ${c.clickId}`)
    if (insert(c, rowid)) return c.clickId
    for (let attempt = 0; attempt < 3; attempt++) {
      const next = Math.max(get<number | null>(maxClickRowid) ?? 0, LEGACY_ROWID_LIMIT) + 1
      const clickId = withClickRowid(c.clickId, next)
      if (insert({ ...c, clickId }, next)) return clickId
    }
    throw new Error(`Could not store click ${c.clickId}`)
  }

  const writeClicks = sqlite.transaction((batch: ClickRecord[]): string[] => {
    const rollup = new Map<string, [string, number, number, number, number, number, number]>()
    const ids: string[] = []
    for (const c of batch) {
      const unstored = c.countOnly === true
      ids.push(unstored ? c.clickId : store(c))
      const day = utcDay(c.createdAt)
      const key = `${day}|${c.campaignId}|${c.affiliateId}|${c.linkId ?? 0}`
      const row = rollup.get(key)
      if (row) {
        row[4]++
        if (c.flagged) row[5]++
        if (unstored) row[6]++
      } else {
        rollup.set(key, [
          day,
          c.campaignId,
          c.affiliateId,
          c.linkId ?? 0,
          1,
          c.flagged ? 1 : 0,
          unstored ? 1 : 0,
        ])
      }
    }
    for (const r of rollup.values()) bumpClicks.run(...r)
    return ids
  })

  return {
    linkByCode(code: string): LinkTarget | null {
      const row = get<LinkRow>(linkByCode, code)
      if (!row) return null
      return {
        ...row,
        linkActive: row.linkActive === 1,
        subDefaults: JSON.parse(row.subDefaults) as Record<string, string>,
      }
    },
    /** Stores a batch in one transaction; returns each click's id (re-keyed if its rowid was taken). */
    writeClicks(batch: ClickRecord[]): string[] {
      return writeClicks(batch)
    },
    advertiserAuth(id: number): AdvertiserAuth | null {
      const row = get<AdvertiserAuthRow>(advertiserAuth, id)
      if (!row) return null
      const secret = secrets.tryOpen(row.postbackSecret)
      const token = row.postbackToken === null ? null : secrets.tryOpen(row.postbackToken)
      return {
        ...row,
        // Sealed with a key this machine lacks (restored elsewhere): unusable until re-entered.
        secretsReadable: secret !== null && (row.postbackToken === null || token !== null),
        postbackSecret: secret,
        postbackToken: token,
        allowedIps: JSON.parse(row.allowedIps) as string[],
        allowedOrigins: JSON.parse(row.allowedOrigins) as string[],
      }
    },
    allowedOrigins(): Set<string> {
      const out = new Set<string>()
      for (const r of all<{ o: string }>(allOrigins)) for (const o of JSON.parse(r.o) as string[]) out.add(o)
      return out
    },
    attachFingerprint(clickId: string, fingerprint: string | null, hidden = false): boolean {
      const rowid = clickRowid(clickId)
      const h = hidden ? 1 : 0
      if (rowid !== null && attachFingerprint.run(fingerprint, h, rowid, clickId).changes > 0) return true
      return attachLegacyFingerprint.run(fingerprint, h, clickId).changes > 0
    },
    pruneNonces(now: number): number {
      return pruneNonces.run(now).changes
    },
    findClick(clickId: string): ClickLookup | null {
      const rowid = clickRowid(clickId)
      const row =
        (rowid !== null ? get<ClickRow>(clickByRowid, rowid, clickId) : undefined) ??
        get<ClickRow>(legacyClick, clickId)
      return row ? { ...row, flagged: row.flagged === 1, hidden: row.hidden === 1 } : null
    },
  }
}

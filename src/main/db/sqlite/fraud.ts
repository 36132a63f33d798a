// What the fraud runtime reads and keeps: its settings (settings key `fraud`), learned models, the
// managers' labels joined to the inputs scored on arrival, the last 24 h of traffic to rebuild its
// windows, and the affiliates' own emails. The verdicts themselves are written with their
// conversions (conversions.ts, conversion_risk).
import type Database from 'better-sqlite3'
import {
  DEFAULT_FRAUD_SETTINGS,
  fraudSettingsSchema,
  type FraudSettings,
} from '../../../shared/fraud-settings'
import type { FraudInput } from '../../fraud/types'
import type { FraudAffiliateFacts, FraudEvent, FraudModelRecord, FraudSettingsRecord } from '../store'
import { decodeFraudInput } from './fraud-input'
import { all, get } from './rows'

export const FRAUD_SETTINGS_KEY = 'fraud'
/** The owner's GeoLite2-ASN (or compatible) .mmdb file, for the datacenter rule. */
export const FRAUD_ASN_FILE_KEY = 'fraudAsnFile'
/** Conversions replayed into the windows at most (clicks are streamed; the windows bound themselves). */
const MAX_REBUILD_CONVERSIONS = 2_000_000

/**
 * Stored settings over the defaults, rule by rule, so a rule added in a later version starts with its
 * defaults; anything that no longer validates falls back to the defaults as a whole.
 */
export function mergeFraudSettings(stored: unknown): FraudSettings {
  if (!stored || typeof stored !== 'object') return DEFAULT_FRAUD_SETTINGS
  const s = stored as Partial<FraudSettings>
  const rules = { ...DEFAULT_FRAUD_SETTINGS.rules } as Record<string, unknown>
  for (const [name, value] of Object.entries(s.rules ?? {})) {
    if (name in rules && value && typeof value === 'object')
      rules[name] = { ...(rules[name] as object), ...(value as object) }
  }
  const parsed = fraudSettingsSchema.safeParse({ ...DEFAULT_FRAUD_SETTINGS, ...s, rules })
  return parsed.success ? parsed.data : DEFAULT_FRAUD_SETTINGS
}

export function createFraudSql(sqlite: Database.Database) {
  const q = {
    settings: sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
    saveSettings: sqlite.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
    audit: sqlite.prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    latestModel: sqlite.prepare(
      'SELECT id, trained_at AS trainedAt, examples, model FROM fraud_models ORDER BY id DESC LIMIT 1',
    ),
    saveModel: sqlite.prepare('INSERT INTO fraud_models (trained_at, examples, model) VALUES (?, ?, ?)'),
    labelCount: sqlite.prepare('SELECT count(*) FROM fraud_labels').pluck(),
    examples: sqlite.prepare(
      `SELECT r.input AS input, l.fraud AS fraud FROM fraud_labels l
         JOIN conversion_risk r ON r.conversion_id = l.conversion_id ORDER BY l.conversion_id`,
    ),
    affiliate: sqlite.prepare(
      'SELECT email, payment_email AS paymentEmail, created_at AS createdAt FROM affiliates WHERE id = ?',
    ),
    // Clicks since T are `id >= T * 1024` (their rowid carries the time): a range on the rowid.
    clicks: sqlite.prepare(
      `SELECT created_at AS at, ip, affiliate_id AS affiliateId, fingerprint FROM clicks
        WHERE id >= ? ORDER BY id`,
    ),
    conversions: sqlite.prepare(
      `SELECT created_at AS at, ip, fingerprint, affiliate_id AS affiliateId FROM conversions
        WHERE created_at >= ? ORDER BY created_at LIMIT ${MAX_REBUILD_CONVERSIONS}`,
    ),
  }

  const readSettings = (): FraudSettings => {
    const text = q.settings.get(FRAUD_SETTINGS_KEY) as string | undefined
    return mergeFraudSettings(text === undefined ? null : JSON.parse(text))
  }

  const readAsnFile = (): string | null => {
    const text = q.settings.get(FRAUD_ASN_FILE_KEY) as string | undefined
    const v = text === undefined ? null : (JSON.parse(text) as unknown)
    return typeof v === 'string' && v !== '' ? v : null
  }
  const read = (): FraudSettingsRecord => ({ settings: readSettings(), asnFile: readAsnFile() })

  const updateSettings = sqlite.transaction(
    (patch: Partial<FraudSettingsRecord>, actor: string, at: number): FraudSettingsRecord => {
      const before = read()
      if (patch.settings !== undefined) {
        const valid = fraudSettingsSchema.parse(patch.settings)
        q.saveSettings.run(FRAUD_SETTINGS_KEY, JSON.stringify(valid), at)
      }
      if (patch.asnFile !== undefined)
        q.saveSettings.run(FRAUD_ASN_FILE_KEY, JSON.stringify(patch.asnFile), at)
      const after = read()
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        const [b, a] = [JSON.stringify(before), JSON.stringify(after)]
        q.audit.run(at, actor, 'fraud.settings.update', 'settings', 'fraud', b, a)
      }
      return after
    },
  )

  const saveModel = sqlite.transaction(
    (model: unknown, examples: number, at: number, actor: string): FraudModelRecord => {
      const id = Number(q.saveModel.run(at, examples, JSON.stringify(model)).lastInsertRowid)
      q.audit.run(
        at,
        actor,
        'fraud.model.train',
        'fraud_model',
        String(id),
        null,
        JSON.stringify({ examples }),
      )
      return { id, trainedAt: at, examples, model }
    },
  )

  return {
    settings: read,
    updateSettings,
    latestModel(): FraudModelRecord | null {
      const row = get<{ id: number; trainedAt: number; examples: number; model: string }>(q.latestModel)
      return row ? { ...row, model: JSON.parse(row.model) as unknown } : null
    },
    saveModel,
    labelCount: (): number => q.labelCount.get() as number,
    trainingExamples(): { input: FraudInput; fraud: boolean }[] {
      return all<{ input: string; fraud: number }>(q.examples).map((r) => ({
        input: decodeFraudInput(r.input),
        fraud: r.fraud === 1,
      }))
    },
    affiliateFacts: (id: number): FraudAffiliateFacts | null =>
      get<FraudAffiliateFacts>(q.affiliate, id) ?? null,
    /**
     * Clicks and conversions since `since`, oldest first. Conversions are read first (an open
     * iterator keeps the connection busy), then merged into the stream of clicks.
     */
    *recentEvents(since: number): Generator<FraudEvent> {
      const conversions = all<Omit<Extract<FraudEvent, { kind: 'conversion' }>, 'kind'>>(q.conversions, since)
      let i = 0
      for (const c of q.clicks.iterate(since * 1024) as Iterable<
        Omit<Extract<FraudEvent, { kind: 'click' }>, 'kind'>
      >) {
        while (i < conversions.length && conversions[i]!.at <= c.at)
          yield { kind: 'conversion', ...conversions[i++]! }
        yield { kind: 'click', ...c }
      }
      while (i < conversions.length) yield { kind: 'conversion', ...conversions[i++]! }
    },
  }
}

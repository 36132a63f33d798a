import type { Store } from '../store'
import type { OpenDatabase } from '../open'
import { createGroupCommit } from '../group-commit'
import type { ConversionIntent, IngestResult, LedgerRules } from '../../commissions/ports'
import type { ClickKeys, ClickRecord } from '../../tracking/types'
import { createAdvertiserRepo } from './advertisers'
import { createAffiliateRepo } from './affiliates'
import { createAuditRepo } from './audit'
import { createCampaignRepo } from './campaigns'
import { createCommissionRepo } from './commissions'
import { createConversionQueries } from './conversion-queries'
import { createConversionSql } from './conversions'
import { createFraudSql } from './fraud'
import { createHierarchyRepo } from './hierarchy'
import { createJobRepo } from './jobs'
import { createLinkRepo } from './links'
import { createReviewSql } from './review'
import { createPayoutRepo, type PayoutPlans } from './payouts'
import { createPayoutProviderRepo } from './payout-providers'
import { createSettingsRepo } from './settings'
import { createStatsSql } from './stats'
import type { SecretSealer } from '../../secrets/secret-box'
import { createTrackingSql } from './tracking'
import { get } from './rows'

const BACKUP_PAGES_PER_STEP = 256

export function createSqliteStore(
  open: OpenDatabase,
  now: () => number,
  rules: LedgerRules,
  clickKeys: ClickKeys,
  secrets: SecretSealer,
  payoutPlans?: PayoutPlans,
): Store {
  const { db, sqlite } = open
  // Each conversion touches several random index pages (affiliate-keyed indexes, daily rollups of
  // every upline level); with SQLite's 2 MB default a large backlog re-read them for every batch.
  // 64 MB of page cache is small for a desktop app and made bulk ingest ~20 % faster.
  sqlite.pragma('cache_size = -65536')
  const tracking = createTrackingSql(sqlite, clickKeys, secrets)
  const stats = createStatsSql(sqlite)
  const fraud = createFraudSql(sqlite)
  const timeZoneSetting = sqlite.prepare("SELECT value FROM settings WHERE key = 'timeZone'")
  const conversions = createConversionSql(sqlite, {
    rules,
    timeZone: () => {
      const row = get<{ value: string }>(timeZoneSetting)
      return row ? (JSON.parse(row.value) as string) : 'UTC'
    },
  })
  const clickWriter = createGroupCommit<ClickRecord, string>({
    writeBatch: (batch) => tracking.writeClicks(batch),
  })
  const conversionWriter = createGroupCommit<ConversionIntent, IngestResult>({
    writeBatch: (batch) => conversions.ingestBatch(batch),
    // Only a backlog fills a batch (a postback waits for its own commit, so live traffic batches by
    // concurrency); 5,000 per transaction ingests ~15 % faster than 2,000.
    maxBatch: 5000,
  })
  // Caches (the engine's here, the listener's outside) must never outlive a change to what they cache.
  const subscribers = new Set<() => void>()
  const changed = () => {
    conversions.invalidate()
    for (const fn of subscribers) fn()
  }

  const affiliates = createAffiliateRepo(db, sqlite, now, changed)
  const settings = createSettingsRepo(db, now)
  const campaigns = createCampaignRepo(db, now, changed)

  return {
    kind: 'sqlite',
    affiliates,
    campaigns,
    links: createLinkRepo(db, now, changed),
    advertisers: createAdvertiserRepo(db, now, secrets, changed),
    onChange(fn) {
      subscribers.add(fn)
      return () => void subscribers.delete(fn)
    },
    settings: {
      get: () => settings.get(),
      // The program's time zone decides month boundaries on the ingest path.
      async update(patch, actor) {
        const updated = await settings.update(patch, actor)
        changed()
        return updated
      },
    },
    audit: createAuditRepo(db, now),
    fraud: {
      settings: async () => fraud.settings(),
      updateSettings: async (next, actor) => fraud.updateSettings(next, actor, now()),
      latestModel: async () => fraud.latestModel(),
      saveModel: async (model, examples, actor) => fraud.saveModel(model, examples, now(), actor),
      labelCount: async () => fraud.labelCount(),
      async trainingExamples() {
        // Labels are written with manager decisions, which wait for pending ingests first.
        await conversionWriter.flush()
        return fraud.trainingExamples()
      },
      recentEvents: async (since) => fraud.recentEvents(since),
      affiliateFacts: async (id) => fraud.affiliateFacts(id),
    },
    hierarchy: createHierarchyRepo({
      db,
      sqlite,
      now,
      changed,
      settle: () => conversionWriter.flush(),
      getAffiliate: (id) => affiliates.get(id),
    }),
    commissions: createCommissionRepo(sqlite),
    review: createReviewSql(sqlite, clickKeys),
    jobs: createJobRepo(sqlite),
    payouts: createPayoutRepo(db, sqlite, now, payoutPlans),
    payoutProviders: createPayoutProviderRepo(db, sqlite, now, secrets),
    stats: {
      overview: async (at, days) => stats.overview(at, days),
    },
    tracking: {
      linkByCode: async (code) => tracking.linkByCode(code),
      recordClick: (click) => clickWriter.enqueue(click),
      findClick: async (clickId) => tracking.findClick(clickId),
      attachFingerprint: async (clickId, fingerprint, hidden) =>
        tracking.attachFingerprint(clickId, fingerprint, hidden),
      advertiserAuth: async (id) => tracking.advertiserAuth(id),
      allowedOrigins: async () => tracking.allowedOrigins(),
      pruneNonces: async (at) => tracking.pruneNonces(at),
    },
    conversions: {
      ...createConversionQueries(sqlite, now),
      ingest: (intent) => conversionWriter.enqueue(intent),
      async setStatus(id, to, actor, reason) {
        await conversionWriter.flush()
        const at = now()
        // The decision writes the conversion's history (the audit log) in the same transaction.
        return conversions.setStatus(id, to, at, reason, actor)
      },
      async approveDue(at, limit) {
        await conversionWriter.flush()
        return conversions.approveDue(at, limit)
      },
    },
    async backupTo(dest, onProgress) {
      await sqlite.backup(dest, {
        progress: (p) => {
          onProgress?.(p)
          // Pages per step: each step runs between event-loop turns (setImmediate), so a request
          // waits at most for one step (~1 MB of page copies) before it is served.
          return BACKUP_PAGES_PER_STEP
        },
      })
    },
    async close() {
      await clickWriter.close()
      await conversionWriter.close()
      if (sqlite.open) {
        sqlite.pragma('optimize')
        sqlite.close()
      }
    },
  }
}

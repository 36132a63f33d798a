import type { Store } from '../store'
import type { OpenDatabase } from '../open'
import { createAdvertiserRepo } from './advertisers'
import { createAffiliateRepo } from './affiliates'
import { createAuditRepo } from './audit'
import { createCampaignRepo } from './campaigns'
import { createSettingsRepo } from './settings'

export function createSqliteStore(open: OpenDatabase, now: () => number): Store {
  const { db, sqlite } = open
  return {
    kind: 'sqlite',
    affiliates: createAffiliateRepo(db, sqlite, now),
    campaigns: createCampaignRepo(db, now),
    advertisers: createAdvertiserRepo(db, now),
    settings: createSettingsRepo(db, now),
    audit: createAuditRepo(db),
    async close() {
      if (sqlite.open) {
        sqlite.pragma('optimize')
        sqlite.close()
      }
    },
  }
}

import type { Settings } from '../../../shared/contract'
import type { SettingsRepo } from '../store'
import type { Drizzle } from '../open'
import { settings } from '../schema'
import { writeAudit } from './audit'

export const DEFAULT_SETTINGS: Settings = {
  listenerPort: 8787,
  listenerHost: '127.0.0.1',
  publicBaseUrl: 'http://127.0.0.1:8787',
  trustedProxies: ['127.0.0.1', '::1'],
  // X-Forwarded-For from loopback, as before; CF-Connecting-IP only once the owner says cloudflared.
  tunnelKind: 'proxy',
  durability: 'normal',
  defaultCurrency: 'USD',
  // A tunnel can put many real visitors behind one address, so the click budget is generous.
  clicksPerMinutePerIp: 600,
  postbacksPerMinutePerIp: 60_000,
  geoipFile: null,
  timeZone: 'UTC',
  backupFolder: null,
  backupEveryHours: 24,
  backupKeepDaily: 7,
  backupKeepWeekly: 4,
  minPayoutMinor: 5_000,
  // Empty: every currency uses minPayoutMinor, as installs did before minimums per currency.
  minPayoutByCurrency: {},
  paypalDecimalStyle: 'dot',
  taxThresholdMinor: 60_000,
}

export function createSettingsRepo(db: Drizzle, now: () => number): SettingsRepo {
  const read = (): Settings => {
    const stored = Object.fromEntries(
      db
        .select()
        .from(settings)
        .all()
        // Other areas keep their own keys here (fraud settings): only the program settings' own.
        .filter((r) => r.key in DEFAULT_SETTINGS)
        .map((r) => [r.key, JSON.parse(r.value) as unknown]),
    )
    return { ...DEFAULT_SETTINGS, ...stored } as Settings
  }
  return {
    async get() {
      return read()
    },
    async update(patch, actor) {
      return db.transaction((tx) => {
        const before = read()
        const at = now()
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) continue
          const json = JSON.stringify(value)
          tx.insert(settings)
            .values({ key, value: json, updatedAt: at })
            .onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt: at } })
            .run()
        }
        const after = read()
        const changed = Object.keys(patch).filter(
          (k) => JSON.stringify(before[k as keyof Settings]) !== JSON.stringify(after[k as keyof Settings]),
        )
        if (changed.length) {
          writeAudit(tx, at, {
            actor,
            action: 'settings.update',
            entity: 'settings',
            entityId: null,
            before: Object.fromEntries(changed.map((k) => [k, before[k as keyof Settings]])),
            after: Object.fromEntries(changed.map((k) => [k, after[k as keyof Settings]])),
          })
        }
        return after
      })
    },
  }
}

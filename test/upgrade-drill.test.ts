// The upgrade drill: a program as the first release (migration 0000) stored it, written with that
// schema's own SQL, is upgraded by the current app and read back through the contract. Counts, money
// sums, a conversion's commission lines, the hierarchy and the settings must come through intact.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appSchemaVersion, checkDatabaseFile } from '../src/main/db/backup-file'
import { defaultDbFile, openDatabase } from '../src/main/db/open'
import { MIGRATIONS, startTestCore, tempDir, type TestCore } from './support/core'
import { withReadOnly } from './support/sql'

const T = Date.UTC(2026, 9, 14, 10) // mid-October, before the first upgrade

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** The migrations folder as the oldest release shipped it: only 0000. */
function oldestRelease(dir: string): string {
  const folder = join(dir, 'migrations-0000')
  cpSync(MIGRATIONS, folder, { recursive: true })
  const journalFile = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  for (const e of journal.entries.slice(1)) rmSync(join(folder, `${e.tag}.sql`))
  journal.entries = journal.entries.slice(0, 1)
  writeFileSync(journalFile, JSON.stringify(journal))
  return folder
}

// One advertiser, a percentage campaign with an upline level and a fixed-lead campaign, a three-level
// tree (closure rows included), links, clicks with that release's random click ids, conversions in
// every state the release wrote (approved with both levels paid out, refunded with reversals, pending,
// a lead), a lifetime customer binding, the dashboard rollups, settings, jobs and the audit log.
const OLD_PROGRAM = `
INSERT INTO advertisers (id, name, postback_secret, signing_mode, postback_token, allowed_ips, allowed_origins, created_at, updated_at)
  VALUES (1, 'Northwind Outfitters', 'c2VjcmV0LXNlY3JldA', 'params', NULL, '["203.0.113.7"]', '["https://shop.example"]', ${T}, ${T});
INSERT INTO campaigns (id, advertiser_id, name, description, status, destination_url, fallback_url, click_id_param, cookie_days, currency, hold_days, plan, created_at, updated_at)
  VALUES (1, 1, 'Autumn Jackets', 'Outerwear', 'active', 'https://shop.example/jackets', NULL, 'clickid', 30, 'EUR', 14,
          '{"type":"percentage","rateBps":1000,"upline":[{"rateBps":500}]}', ${T}, ${T}),
         (2, 1, 'Newsletter Leads', '', 'paused', 'https://shop.example/news', 'https://shop.example/', 'clickid', 7, 'EUR', 0,
          '{"type":"fixed","amounts":{"lead":250}}', ${T}, ${T});
INSERT INTO affiliates (id, parent_id, code, name, email, status, tier, override_rate_bps, payment_method, payment_email, payout_currency, created_at, updated_at, approved_at)
  VALUES (1, NULL, 'ANNA', 'Anna Berg', 'anna@x.example', 'approved', 'vip', NULL, 'paypal', 'anna@pay.example', 'EUR', ${T}, ${T}, ${T}),
         (2, 1, 'BEN', 'Ben Ortiz', 'ben@x.example', 'approved', 'standard', NULL, 'wise', NULL, 'EUR', ${T}, ${T}, ${T}),
         (3, 2, 'CLEO', 'Cleo Park', 'cleo@x.example', 'suspended', 'standard', 750, 'bank', NULL, 'EUR', ${T}, ${T}, NULL);
INSERT INTO affiliate_hierarchy (ancestor_id, descendant_id, depth)
  VALUES (1,1,0),(2,2,0),(3,3,0),(1,2,1),(2,3,1),(1,3,2);
INSERT INTO links (id, affiliate_id, campaign_id, code, landing_url, sub_defaults, active, created_at)
  VALUES (1, 2, 1, 'BEN-JACKETS', NULL, '{}', 1, ${T}), (2, 1, 2, 'ANNA-NEWS', NULL, '{"sub1":"footer"}', 0, ${T});
INSERT INTO clicks (id, click_id, link_id, affiliate_id, campaign_id, created_at, ip, user_agent, referer, device_type, country, sub1, source, flagged, flag_reason)
  VALUES (1, '01JA5Z6QX0R8M3K7T2V9W4YB1C', 1, 2, 1, ${T + 1000}, '198.51.100.4', 'Mozilla/5.0', 'https://blog.example', 'desktop', 'DE', 'nav', 'server', 0, NULL),
         (2, '01JA5Z7B2N4P6R8T0V2X4Z6B8D', 1, 2, 1, ${T + 2000}, '198.51.100.5', 'Mozilla/5.0', '', 'mobile', 'AT', NULL, 'server', 0, NULL),
         (3, '01JA5Z8C3P5R7T9V1X3Z5B7D9F', 1, 2, 1, ${T + 3000}, '198.51.100.6', 'curl/8', '', 'bot', 'unknown', NULL, 'server', 1, 'bot user agent'),
         (4, '01JA5Z9D4Q6S8U0W2Y4A6C8E0G', 2, 1, 2, ${T + 4000}, '198.51.100.7', 'Mozilla/5.0', '', 'tablet', 'CH', 'footer', 'server', 0, NULL);
INSERT INTO conversions (id, click_id, affiliate_id, campaign_id, advertiser_id, event_type, order_id, customer_key, amount_minor, currency, advertiser_payout_minor, status, trust, risk_score, flags, ip, created_at, status_changed_at, hold_until, reason)
  VALUES (1, '01JA5Z6QX0R8M3K7T2V9W4YB1C', 2, 1, 1, 'sale', 'NW-1001', 'cust-77', 12990, 'EUR', NULL, 'paid', 'signed', 0, '[]', '203.0.113.7', ${T + 60000}, ${T + 90000}, ${T + 60000 + 14 * 86400000}, NULL),
         (2, '01JA5Z7B2N4P6R8T0V2X4Z6B8D', 2, 1, 1, 'sale', 'NW-1002', NULL, 4500, 'EUR', NULL, 'refunded', 'signed', 0, '[]', '203.0.113.7', ${T + 70000}, ${T + 95000}, NULL, 'customer returned the jacket'),
         (3, '01JA5Z7B2N4P6R8T0V2X4Z6B8D', 2, 1, 1, 'sale', 'NW-1003', NULL, 8000, 'EUR', NULL, 'pending', 'token', 10, '["disposable_email"]', '203.0.113.7', ${T + 80000}, ${T + 80000}, ${T + 80000 + 14 * 86400000}, NULL),
         (4, '01JA5Z9D4Q6S8U0W2Y4A6C8E0G', 1, 2, 1, 'lead', 'LEAD-9', NULL, 0, 'EUR', NULL, 'approved', 'signed', 0, '[]', NULL, ${T + 85000}, ${T + 85000}, NULL, NULL);
INSERT INTO commissions (id, conversion_id, affiliate_id, kind, status, amount_minor, currency, level, plan_type, rule, base_minor, rate_bps, reverses_id, created_at, approved_at)
  VALUES (1, 1, 2, 'earning', 'paid', 1299, 'EUR', 1, 'percentage', '10% of 129.90', 12990, 1000, NULL, ${T + 60000}, ${T + 90000}),
         (2, 1, 1, 'earning', 'paid', 650, 'EUR', 2, 'percentage', 'upline 5% of 129.90', 12990, 500, NULL, ${T + 60000}, ${T + 90000}),
         (3, 2, 2, 'earning', 'reversed', 450, 'EUR', 1, 'percentage', '10% of 45.00', 4500, 1000, NULL, ${T + 70000}, NULL),
         (4, 2, 1, 'earning', 'reversed', 225, 'EUR', 2, 'percentage', 'upline 5% of 45.00', 4500, 500, NULL, ${T + 70000}, NULL),
         (5, 2, 2, 'reversal', 'reversed', -450, 'EUR', 1, 'percentage', 'refund', 4500, 1000, 3, ${T + 95000}, NULL),
         (6, 2, 1, 'reversal', 'reversed', -225, 'EUR', 2, 'percentage', 'refund', 4500, 500, 4, ${T + 95000}, NULL),
         (7, 3, 2, 'earning', 'pending', 800, 'EUR', 1, 'percentage', '10% of 80.00', 8000, 1000, NULL, ${T + 80000}, NULL),
         (8, 3, 1, 'earning', 'pending', 400, 'EUR', 2, 'percentage', 'upline 5% of 80.00', 8000, 500, NULL, ${T + 80000}, NULL),
         (9, 4, 1, 'earning', 'approved', 250, 'EUR', 1, 'fixed', 'lead 2.50', 0, NULL, NULL, ${T + 85000}, ${T + 85000});
INSERT INTO customers (advertiser_id, customer_key, affiliate_id, first_conversion_id, created_at)
  VALUES (1, 'cust-77', 2, 1, ${T + 90000});
INSERT INTO daily_stats (day, campaign_id, affiliate_id, link_id, clicks, flagged_clicks, conversions, revenue_minor, commission_minor)
  VALUES ('2026-10-14', 1, 2, 1, 2, 1, 3, 25490, 2549), ('2026-10-14', 1, 1, 1, 0, 0, 0, 0, 1275),
         ('2026-10-14', 2, 1, 2, 1, 0, 1, 0, 250);
INSERT INTO settings (key, value, updated_at)
  VALUES ('timeZone', '"Europe/Berlin"', ${T}), ('defaultCurrency', '"EUR"', ${T}),
         ('publicBaseUrl', '"https://track.northwind.example"', ${T}), ('durability', '"full"', ${T}),
         ('clicksPerMinutePerIp', '1200', ${T});
INSERT INTO jobs (name, last_run_at, next_run_at, last_result) VALUES ('auto-approve', ${T}, ${T + 600000}, 'approved 0');
INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after)
  VALUES (1, ${T}, 'owner', 'affiliates.create', 'affiliate', '1', NULL, '{"code":"ANNA"}'),
         (2, ${T + 95000}, 'advertiser', 'conversion.status', 'conversion', '2', '{"status":"approved"}', '{"status":"refunded"}');
`

describe('upgrade drill', () => {
  it('upgrades a program stored by the oldest release to the newest schema with every record intact', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const file = defaultDbFile(dir)
    const old = openDatabase({ file, migrationsFolder: oldestRelease(dir) })
    old.sqlite.exec(OLD_PROGRAM)
    expect(old.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: 1 })
    old.sqlite.close()

    // The app opens it: migrate-with-backup runs every later migration.
    const t: TestCore = await startTestCore({ dataDir: dir })
    cleanups.push(() => t.core.close())
    const app = appSchemaVersion(MIGRATIONS)
    expect(app.migrations).toBeGreaterThan(1)

    // Counts and money, straight from the file.
    withReadOnly(file, (db) => {
      expect(db.value('SELECT count(*) FROM __drizzle_migrations')).toBe(app.migrations)
      const counts = Object.fromEntries(
        [
          'advertisers',
          'campaigns',
          'affiliates',
          'affiliate_hierarchy',
          'links',
          'clicks',
          'conversions',
          'commissions',
          'customers',
          'daily_stats',
          'audit_log',
        ].map((table) => [table, db.value(`SELECT count(*) FROM ${table}`)]),
      )
      expect(counts).toEqual({
        advertisers: 1,
        campaigns: 2,
        affiliates: 3,
        affiliate_hierarchy: 6,
        links: 2,
        clicks: 4,
        conversions: 4,
        commissions: 9,
        customers: 1,
        daily_stats: 3,
        audit_log: 2,
      })
      expect(db.value('SELECT sum(amount_minor) FROM conversions')).toBe(12990 + 4500 + 8000)
      expect(db.value('SELECT sum(amount_minor) FROM commissions')).toBe(1299 + 650 + 800 + 400 + 250)
      expect(db.value('SELECT sum(revenue_minor) FROM daily_stats')).toBe(25490)
      expect(db.value('SELECT sum(commission_minor) FROM daily_stats')).toBe(2549 + 1275 + 250)
    })
    expect(checkDatabaseFile(file, app)).toMatchObject({ ok: true })

    // ...and through the contract, as the owner would see it.
    const sale = await t.call('conversions.get', { id: 1 })
    expect(sale.conversion).toMatchObject({
      orderId: 'NW-1001',
      amountMinor: 12990,
      currency: 'EUR',
      status: 'paid',
    })
    expect(sale.lines.map((l) => [l.affiliateCode, l.level, l.kind, l.status, l.amountMinor])).toEqual([
      ['BEN', 1, 'earning', 'paid', 1299],
      ['ANNA', 2, 'earning', 'paid', 650],
    ])
    const refund = await t.call('conversions.get', { id: 2 })
    expect(refund.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(0)
    expect(refund.conversion).toMatchObject({ status: 'refunded' })

    const balances = await t.call('commissions.balances', {})
    const byCode = Object.fromEntries(balances.rows.map((b) => [b.affiliateCode, b]))
    expect(byCode.BEN).toMatchObject({ currency: 'EUR', pendingMinor: 800, paidMinor: 1299 })
    expect(byCode.ANNA).toMatchObject({
      currency: 'EUR',
      pendingMinor: 400,
      approvedUnpaidMinor: 250,
      paidMinor: 650,
    })

    expect(await t.call('settings.get', {})).toMatchObject({
      timeZone: 'Europe/Berlin',
      defaultCurrency: 'EUR',
      publicBaseUrl: 'https://track.northwind.example',
      durability: 'full',
      clicksPerMinutePerIp: 1200,
    })
    expect((await t.call('affiliates.upline', { id: 3 })).map((a) => a.code)).toEqual(['BEN', 'ANNA'])
    const campaigns = await t.call('campaigns.list', {})
    expect(campaigns.rows.map((c) => [c.name, c.status, c.plan.type])).toEqual(
      expect.arrayContaining([
        ['Autumn Jackets', 'active', 'percentage'],
        ['Newsletter Leads', 'paused', 'fixed'],
      ]),
    )
    // A click id issued by the old release still finds its click.
    expect(await t.core.store.tracking.findClick('01JA5Z6QX0R8M3K7T2V9W4YB1C')).toMatchObject({
      affiliateId: 2,
      campaignId: 1,
    })

    // The upgraded program keeps working: a new affiliate lands beside the old ones.
    await t.call('affiliates.create', { name: 'Dana', email: 'dana@x.example', code: 'DANA', parentId: 1 })
    expect((await t.call('affiliates.list', {})).total).toBe(4)
  })
})

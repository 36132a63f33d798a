import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultDbFile, MigrationError, openDatabase } from '../src/main/db/open'
import { LEGACY_ROWID_LIMIT } from '../src/main/db/sqlite/tracking'
import { clickRowid } from '../src/main/tracking/click-id'
import { MIGRATIONS, startTestCore, tempDir } from './support/core'
import { sqlRows, withReadOnly } from './support/sql'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

function scratch() {
  const t = tempDir()
  cleanups.push(t.cleanup)
  return t.dir
}

/** A migrations folder with one extra, broken migration appended, as a bad upgrade would ship. */
function brokenMigrations(dir: string): string {
  const folder = join(dir, 'migrations')
  cpSync(MIGRATIONS, folder, { recursive: true })
  const journalFile = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; when: number; tag: string; breakpoints: boolean; version: string }[]
  }
  const last = journal.entries.at(-1)!
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_broken' })
  writeFileSync(journalFile, JSON.stringify(journal))
  writeFileSync(
    join(folder, '9999_broken.sql'),
    'CREATE TABLE half_done (id integer);\n--> statement-breakpoint\nALTER TABLE no_such_table ADD COLUMN x integer;',
  )
  return folder
}

/** The migrations folder as it was after its first `count` migrations: what an older release shipped. */
function firstMigrations(dir: string, count: number): string {
  const folder = join(dir, `migrations-${count}`)
  cpSync(MIGRATIONS, folder, { recursive: true })
  const journalFile = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  for (const e of journal.entries.slice(count)) rmSync(join(folder, `${e.tag}.sql`))
  journal.entries = journal.entries.slice(0, count)
  writeFileSync(journalFile, JSON.stringify(journal))
  return folder
}

describe('opening the database', () => {
  it('sets WAL, foreign keys and a busy timeout', () => {
    const dir = scratch()
    const open = openDatabase({ file: join(dir, 'a.sqlite'), migrationsFolder: MIGRATIONS })
    try {
      expect(open.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(open.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(open.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    } finally {
      open.sqlite.close()
    }
  })

  it('stops on a failed migration and leaves an existing database exactly as it was', () => {
    const dir = scratch()
    const file = join(dir, 'a.sqlite')
    const first = openDatabase({ file, migrationsFolder: MIGRATIONS })
    first.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '\"v\"', 1)").run()
    first.sqlite.close()
    const before = readFileSync(file)

    expect(() => openDatabase({ file, migrationsFolder: brokenMigrations(dir) })).toThrow(MigrationError)
    expect(() => openDatabase({ file, migrationsFolder: brokenMigrations(scratch()) })).toThrow(
      /could not be upgraded, so Affiliate Desk stopped and left it as it was/,
    )
    expect(readFileSync(file).equals(before)).toBe(true)
    withReadOnly(file, (db) => {
      expect(db.get("SELECT value FROM settings WHERE key='k'")).toEqual({ value: '"v"' })
      expect(db.get("SELECT name FROM sqlite_master WHERE name='half_done'")).toBeUndefined()
    })
  })

  it('removes a brand-new database whose first migration failed', () => {
    const dir = scratch()
    const file = join(dir, 'new.sqlite')
    expect(() => openDatabase({ file, migrationsFolder: brokenMigrations(dir) })).toThrow(MigrationError)
    expect(() => readFileSync(file)).toThrow()
  })

  it('upgrades a database from the first release, rebuilding referenced tables without losing a row', () => {
    const dir = scratch()
    const file = join(dir, 'old.sqlite')
    const old = openDatabase({ file, migrationsFolder: firstMigrations(dir, 1) })
    const s = old.sqlite
    s.exec(`INSERT INTO advertisers (id, name, postback_secret) VALUES (1, 'Adv', 'secret');
      INSERT INTO campaigns (id, advertiser_id, name, destination_url, plan) VALUES (1, 1, 'C', 'https://shop.example', '{}');
      INSERT INTO affiliates (id, code, name, email, status) VALUES (1, 'AFF1', 'A', 'a@x.example', 'approved');
      INSERT INTO conversions (id, affiliate_id, campaign_id, advertiser_id, event_type, order_id, amount_minor, currency,
        status, trust, created_at, status_changed_at) VALUES (7, 1, 1, 1, 'sale', 'O-1', 4990, 'USD', 'approved', 'signed', 1, 1);
      INSERT INTO campaigns (id, advertiser_id, name, destination_url, plan)
        VALUES (2, 1, 'R', 'https://shop.example', '{"type":"recurring"}');
      INSERT INTO conversions (id, click_id, affiliate_id, campaign_id, advertiser_id, event_type, order_id, customer_key,
        amount_minor, currency, status, trust, created_at, status_changed_at) VALUES
        (8, 'CLK', 1, 2, 1, 'sale', 'O-2', NULL, 900, 'USD', 'approved', 'signed', 1, 1),
        (10, 'CLK', 1, 2, 1, 'recurring', 'O-3', 'cust-9', 900, 'USD', 'approved', 'signed', 1, 1),
        (11, 'CLK', 1, 2, 1, 'lead', 'O-4', NULL, 0, 'USD', 'approved', 'signed', 1, 1);
      INSERT INTO commissions (id, conversion_id, affiliate_id, kind, status, amount_minor, currency, plan_type, rule,
        base_minor, created_at) VALUES (9, 7, 1, 'earning', 'approved', 499, 'USD', 'percentage', 'r', 4990, 1);`)
    s.close()
    const total = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).length
    expect(total).toBeGreaterThan(1)

    const open = openDatabase({ file, migrationsFolder: MIGRATIONS })
    try {
      const db = open.sqlite
      expect(db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: total })
      expect(db.prepare('SELECT id, conversion_id AS c, amount_minor AS m FROM commissions').all()).toEqual([
        { id: 9, c: 7, m: 499 },
      ])
      // Sales and renewals of recurring campaigns got their subscriptions; nothing else did.
      expect(
        db.prepare('SELECT id, order_id AS o, subscription_key AS s FROM conversions ORDER BY id').all(),
      ).toEqual([
        { id: 7, o: 'O-1', s: null },
        { id: 8, o: 'O-2', s: 'k:CLK' },
        { id: 10, o: 'O-3', s: 'c:cust-9' },
        { id: 11, o: 'O-4', s: null },
      ])
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('foreign_key_check')).toEqual([])
      // The rebuilt tables still refuse what they refused before, references and enum values alike.
      expect(() => db.prepare("UPDATE commissions SET status = 'lost' WHERE id = 9").run()).toThrow(
        /CHECK constraint failed/,
      )
      expect(() => db.prepare('UPDATE commissions SET conversion_id = 999 WHERE id = 9').run()).toThrow(
        /FOREIGN KEY constraint failed/,
      )
      expect(() => db.prepare('DELETE FROM affiliates WHERE id = 1').run()).toThrow(
        /FOREIGN KEY constraint failed/,
      )
    } finally {
      open.sqlite.close()
    }
  })

  it('moves live payout locks from payout_item_lines into payout_locks, naming their run, and sums the payable balances, when upgrading past 0011, 0013, 0015 and 0016', () => {
    const dir = scratch()
    const file = join(dir, 'old.sqlite')
    const old = openDatabase({ file, migrationsFolder: firstMigrations(dir, 12) })
    old.sqlite.exec(`INSERT INTO advertisers (id, name, postback_secret) VALUES (1, 'Adv', 'secret');
      INSERT INTO campaigns (id, advertiser_id, name, destination_url, plan) VALUES (1, 1, 'C', 'https://shop.example', '{}');
      INSERT INTO affiliates (id, code, name, email, status) VALUES (1, 'AFF1', 'A', 'a@x.example', 'approved');
      INSERT INTO conversions (id, affiliate_id, campaign_id, advertiser_id, event_type, order_id, amount_minor, currency,
        status, trust, created_at, status_changed_at) VALUES (7, 1, 1, 1, 'sale', 'O-1', 4990, 'USD', 'approved', 'signed', 1, 1);
      INSERT INTO commissions (id, conversion_id, affiliate_id, kind, status, amount_minor, currency, plan_type, rule,
        base_minor, created_at) VALUES (9, 7, 1, 'earning', 'paid', 499, 'USD', 'percentage', 'r', 4990, 1),
        (10, 7, 1, 'earning', 'approved', 100, 'USD', 'percentage', 'r', 1000, 1),
        (11, 7, 1, 'earning', 'paid', 50, 'USD', 'percentage', 'paid before payouts existed', 500, 1),
        (12, 7, 1, 'earning', 'pending', 70, 'EUR', 'percentage', 'r', 700, 1);
      INSERT INTO payout_runs (id, status, cutoff, sender_batch_id, created_at, created_by)
        VALUES (1, 'completed', 1, 'AD-1', 1, 'x'), (2, 'committed', 1, 'AD-2', 2, 'x');
      INSERT INTO payout_items (id, run_id, affiliate_id, currency, method, amount_minor, line_count, status, updated_at)
        VALUES (1, 1, 1, 'USD', 'paypal', 100, 1, 'failed', 1), (2, 2, 1, 'USD', 'paypal', 499, 1, 'pending', 1);
      INSERT INTO payout_item_lines (item_id, commission_id, amount_minor, released_at) VALUES (1, 10, 100, 5), (2, 9, 499, NULL);`)
    old.sqlite.close()

    const open = openDatabase({ file, migrationsFolder: MIGRATIONS })
    try {
      const db = open.sqlite
      expect(
        db
          .prepare(
            `SELECT m.id, m.status, k.payout_run_id AS run FROM commissions m
               LEFT JOIN payout_locks k ON k.commission_id = m.id ORDER BY m.id`,
          )
          .all(),
        'the live lock is a payout_locks row on an approved line; a line paid outside the app stays paid',
      ).toEqual([
        { id: 9, status: 'approved', run: 2 },
        { id: 10, status: 'approved', run: null },
        { id: 11, status: 'paid', run: null },
        { id: 12, status: 'pending', run: null },
      ])
      const balances = () =>
        db
          .prepare(
            'SELECT affiliate_id AS a, currency, net_minor AS net, lines FROM payable_balances ORDER BY 2',
          )
          .all()
      expect(balances(), 'only the approved line no run holds is payable').toEqual([
        { a: 1, currency: 'USD', net: 100, lines: 1 },
      ])
      db.prepare(`UPDATE commissions SET status = 'approved', approved_at = 2 WHERE id = 12`).run()
      db.prepare(`UPDATE commissions SET status = 'reversed' WHERE id = 9`).run()
      expect(balances(), 'an approval adds to the balance; a held line changes nothing').toEqual([
        { a: 1, currency: 'EUR', net: 70, lines: 1 },
        { a: 1, currency: 'USD', net: 100, lines: 1 },
      ])
      db.prepare(`UPDATE commissions SET status = 'approved' WHERE id = 9`).run()
      expect(
        db
          .prepare(
            `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'commissions' ORDER BY 1`,
          )
          .pluck()
          .all(),
        'a later migration that rebuilds commissions drops its triggers: it must create these again',
      ).toEqual([
        'payable_balances_line_added',
        'payable_balances_line_deleted',
        'payable_balances_line_entered',
        'payable_balances_line_left',
      ])
      expect(
        db.prepare('SELECT item_id AS item, commission_id AS line FROM payout_item_lines').all(),
        'history kept',
      ).toEqual([{ item: 1, line: 10 }])
      expect(() =>
        db.prepare('INSERT INTO payout_locks (commission_id, payout_run_id) VALUES (9, 1)').run(),
      ).toThrow(/UNIQUE constraint failed: payout_locks.commission_id/)
      expect(
        () =>
          db
            .prepare(
              `INSERT INTO payout_items (run_id, affiliate_id, currency, method, amount_minor, line_count, status, updated_at)
               VALUES (2, 1, 'USD', 'paypal', 1, 1, 'pending', 3)`,
            )
            .run(),
        'a lock finds its item by run, affiliate and currency, so a run has one item each',
      ).toThrow(
        /UNIQUE constraint failed: payout_items.run_id, payout_items.affiliate_id, payout_items.currency/,
      )
      expect(db.pragma('foreign_key_check')).toEqual([])
    } finally {
      open.sqlite.close()
    }
  })

  it('still finds clicks whose ids were issued before ids carried their rowid', async () => {
    const dir = scratch()
    const file = defaultDbFile(dir)
    // 0000-0004: the last release whose click ids were 80 random bits after the time.
    const old = openDatabase({ file, migrationsFolder: firstMigrations(dir, 5) })
    const legacy = ['01JD8X3Q4W5E6R7T8Y9V0A1B2C', '01JD8X3Q4WZZZZZZZZZZZZZZZZ']
    old.sqlite.exec(`INSERT INTO advertisers (id, name, postback_secret) VALUES (1, 'Adv', 'secret');
      INSERT INTO campaigns (id, advertiser_id, name, destination_url, plan) VALUES (1, 1, 'C', 'https://shop.example', '{}');
      INSERT INTO affiliates (id, code, name, email, status) VALUES (1, 'AFF1', 'A', 'a@x.example', 'approved');
      INSERT INTO clicks (click_id, affiliate_id, campaign_id, created_at) VALUES ('${legacy[0]}', 1, 1, 1), ('${legacy[1]}', 1, 1, 2);`)
    old.sqlite.close()

    const { core, close } = await startTestCore({ dataDir: dir })
    try {
      for (const id of legacy) {
        // The rowid its text would name is not where it is stored.
        expect(clickRowid(id)).toBeGreaterThan(LEGACY_ROWID_LIMIT)
        expect(await core.store.tracking.findClick(id)).toMatchObject({ clickId: id, affiliateId: 1 })
      }
      expect(await core.store.tracking.attachFingerprint(legacy[1]!, 'fp')).toBe(true)
      expect(await core.store.tracking.findClick(legacy[1]!)).toMatchObject({ fingerprint: 'fp' })
      expect(await core.store.tracking.findClick('01JD8X3Q4W0000000000000000')).toBeNull()
    } finally {
      await close()
    }
    // The lookup by text is an index search, not a scan of every click.
    const plan = sqlRows<{ detail: string }>(
      file,
      `EXPLAIN QUERY PLAN SELECT id, ip FROM clicks WHERE click_id = ? AND id < ${LEGACY_ROWID_LIMIT}`,
      'x',
    )
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX clicks_legacy_click_id/)
  })
})

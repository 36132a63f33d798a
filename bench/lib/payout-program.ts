// A payout workload written straight into a migrated SQLite file with set-based SQL (recursive
// CTEs inside one transaction): 2,000,000 commission lines load in seconds, where going through
// the ingest path would take minutes and measure the wrong thing. Deterministic: the same
// counts give the same rows, so runs at different scales compare.
//
// Shape: affiliates paid in USD (70 %) use PayPal (email); in EUR (20 %) or GBP (10 %), Wise to a
// bank account with the fields that currency needs (IBAN; account number and sort code);
// 1 in 500 is suspended, 1 in 500 has no payment email (both excluded from a run with a reason).
// Lines: 4 per conversion, each to a different affiliate; 94 % approved earnings, 3 % approved
// clawbacks (negative, netted), 3 % still pending (not payable). Approved before the cut-off.
import type Database from 'better-sqlite3'

export interface PayoutProgram {
  affiliates: number
  lines: number
  /** Every approved line is approved before this instant; use it as the run's cut-off. */
  cutoff: number
}

export interface PayoutProgramCounts {
  approvedLines: number
  pendingLines: number
  clawbackLines: number
}

const LINES_PER_CONVERSION = 4

export function loadPayoutProgram(sqlite: Database.Database, p: PayoutProgram): PayoutProgramCounts {
  const { affiliates: A, lines: L, cutoff } = p
  const conversions = Math.ceil(L / LINES_PER_CONVERSION)
  const start = cutoff - 60 * 86_400_000
  const step = Math.max(1, Math.floor((cutoff - 86_400_000 - start) / L))
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO advertisers (id, name, postback_secret, created_at, updated_at)
         VALUES (1, 'Bench advertiser', 'x', ?, ?)`,
      )
      .run(start, start)
    sqlite
      .prepare(
        `INSERT INTO campaigns (id, advertiser_id, name, destination_url, plan, created_at, updated_at)
         VALUES (1, 1, 'Bench', 'https://shop.example/', '{"type":"percentage","rateBps":1000}', ?, ?)`,
      )
      .run(start, start)
    sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO affiliates (id, code, name, email, status, tier, payment_method, payment_email,
            payout_currency, bank_details, created_at, updated_at, approved_at)
         SELECT i, 'A' || i, 'Affiliate ' || i, 'a' || i || '@bench.example',
                CASE WHEN i % 500 = 7 THEN 'suspended' ELSE 'approved' END, 'standard',
                CASE WHEN i % 10 < 7 THEN 'paypal' ELSE 'wise' END,
                CASE WHEN i % 500 = 11 THEN NULL ELSE 'pay' || i || '@bench.example' END,
                CASE WHEN i % 10 < 7 THEN 'USD' WHEN i % 10 < 9 THEN 'EUR' ELSE 'GBP' END,
                CASE WHEN i % 10 < 7 THEN NULL
                     WHEN i % 10 < 9 THEN json_object('accountHolder', 'Affiliate ' || i, 'receiverType', 'PERSON',
                       'iban', 'DE89370400440532013000')
                     ELSE json_object('accountHolder', 'Affiliate ' || i, 'receiverType', 'PERSON',
                       'accountNumber', '12345678', 'sortCode', '401276') END,
                ?, ?, ?
         FROM n`,
      )
      .run(A, start, start, start)
    sqlite.exec(
      `INSERT INTO affiliate_hierarchy (ancestor_id, descendant_id, depth) SELECT id, id, 0 FROM affiliates`,
    )
    sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO conversions (id, click_id, affiliate_id, campaign_id, advertiser_id, event_type, order_id,
            amount_minor, currency, status, trust, created_at, status_changed_at)
         SELECT i, NULL, 1 + (i * 7919) % ?, 1, 1, 'sale', 'ORD-' || i, 10000, 'USD', 'approved', 'signed',
                ? + i * ?, ? + i * ?
         FROM n`,
      )
      .run(conversions, A, start, step * LINES_PER_CONVERSION, start, step * LINES_PER_CONVERSION)
    // Line i belongs to conversion ceil(i / 4) and affiliate ((i * 7919) mod A) + 1: every
    // affiliate gets about L / A lines, spread over the whole period (ids are time-ordered).
    sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO commissions (id, conversion_id, affiliate_id, kind, status, amount_minor, currency, level,
            plan_type, rule, base_minor, rate_bps, reverses_id, created_at, approved_at)
         SELECT i, (i + 3) / 4, 1 + (i * 7919) % ?,
                CASE WHEN i % 100 < 3 THEN 'clawback' ELSE 'earning' END,
                CASE WHEN i % 100 BETWEEN 3 AND 5 THEN 'pending' ELSE 'approved' END,
                CASE WHEN i % 100 < 3 THEN -(100 + i % 900) ELSE 100 + (i * 31) % 4900 END,
                CASE WHEN (1 + (i * 7919) % ?) % 10 < 7 THEN 'USD'
                     WHEN (1 + (i * 7919) % ?) % 10 < 9 THEN 'EUR' ELSE 'GBP' END,
                1, 'percentage', 'percentage 10% of sale', 10000, 1000, NULL,
                ? + i * ?,
                CASE WHEN i % 100 BETWEEN 3 AND 5 THEN NULL ELSE ? + i * ? + 3600000 END
         FROM n`,
      )
      .run(L, A, A, A, start, step, start, step)
  })()
  const count = (where: string) =>
    sqlite.prepare(`SELECT count(*) FROM commissions WHERE ${where}`).pluck().get() as number
  return {
    approvedLines: count(`status = 'approved'`),
    pendingLines: count(`status = 'pending'`),
    clawbackLines: count(`kind = 'clawback'`),
  }
}

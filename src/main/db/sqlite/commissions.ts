// Read side of the commission ledger: rows for the ledger screen and balances per affiliate.
import type Database from 'better-sqlite3'
import type { Balance, LedgerLine } from '../../../shared/contract'
import type { CommissionRepo } from '../store'
import { LEDGER_LINE } from './conversion-queries'
import { filter } from './sql-filter'

export function createCommissionRepo(sqlite: Database.Database): CommissionRepo {
  return {
    async list(q) {
      const f = filter([
        ['m.affiliate_id = ?', q.affiliateId],
        ['m.conversion_id = ?', q.conversionId],
        ['m.status = ?', q.status],
        ['m.kind = ?', q.kind],
      ])
      const where = f.sql ? `WHERE ${f.sql}` : ''
      const rows = sqlite
        .prepare(
          `SELECT ${LEDGER_LINE} FROM commissions m JOIN affiliates a ON a.id = m.affiliate_id ${where}
            ORDER BY m.id DESC LIMIT ? OFFSET ?`,
        )
        .all(...f.params, q.pageSize, q.page * q.pageSize) as LedgerLine[]
      const total = (
        sqlite.prepare(`SELECT count(*) AS n FROM commissions m ${where}`).get(...f.params) as { n: number }
      ).n
      return { rows, total }
    },

    async balances(q) {
      // A reversed earning and its reversal row are both 'reversed' and cancel out; a clawback of a
      // paid line is 'approved' and negative, so it nets against the next payout here.
      const f = filter([
        ['m.affiliate_id = ?', q.affiliateId],
        ['m.currency = ?', q.currency],
      ])
      const where = `WHERE m.status <> 'reversed'${f.sql ? ` AND ${f.sql}` : ''}`
      const rows = sqlite
        .prepare(
          `SELECT m.affiliate_id AS affiliateId, a.code AS affiliateCode, a.name AS affiliateName, m.currency AS currency,
                  sum(CASE WHEN m.status = 'pending' THEN m.amount_minor ELSE 0 END) AS pendingMinor,
                  sum(CASE WHEN m.status = 'approved' THEN m.amount_minor ELSE 0 END) AS approvedUnpaidMinor,
                  sum(CASE WHEN m.status = 'paid' THEN m.amount_minor ELSE 0 END) AS paidMinor
             FROM commissions m JOIN affiliates a ON a.id = m.affiliate_id ${where}
            GROUP BY m.affiliate_id, m.currency ORDER BY m.affiliate_id, m.currency LIMIT ? OFFSET ?`,
        )
        .all(...f.params, q.pageSize, q.page * q.pageSize) as Balance[]
      const total = (
        sqlite
          .prepare(
            `SELECT count(*) AS n FROM (SELECT 1 FROM commissions m ${where} GROUP BY m.affiliate_id, m.currency)`,
          )
          .get(...f.params) as { n: number }
      ).n
      return { rows, total }
    },
  }
}

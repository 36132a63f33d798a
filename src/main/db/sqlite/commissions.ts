// Read side of the commission ledger: rows for the ledger screen and balances per affiliate.
import type Database from 'better-sqlite3'
import type { Balance, LedgerLine } from '../../../shared/contract'
import type { CommissionRepo } from '../store'
import { LEDGER_LINE } from './conversion-queries'
import { LINE_STATUS } from './line-status'
import { all, get } from './rows'
import { filter } from './sql-filter'

export function createCommissionRepo(sqlite: Database.Database): CommissionRepo {
  return {
    async list(q) {
      const f = filter([
        ['m.affiliate_id = ?', q.affiliateId],
        ['m.conversion_id = ?', q.conversionId],
        [`${LINE_STATUS} = ?`, q.status],
        ['m.kind = ?', q.kind],
      ])
      const where = f.sql ? `WHERE ${f.sql}` : ''
      const rows = all<LedgerLine>(
        sqlite.prepare(
          `SELECT ${LEDGER_LINE} FROM commissions m JOIN affiliates a ON a.id = m.affiliate_id ${where}
            ORDER BY m.id DESC LIMIT ? OFFSET ?`,
        ),
        ...f.params,
        q.pageSize,
        q.page * q.pageSize,
      )
      const total = get<{ n: number }>(
        sqlite.prepare(`SELECT count(*) AS n FROM commissions m ${where}`),
        ...f.params,
      )!.n
      return { rows, total }
    },

    async balances(q) {
      // Paged by affiliate off the (affiliate_id, status) index: one GROUP BY over the whole ledger
      // took 28 s on 5,000,000 rows. An affiliate belongs on a page if it has a line that counts
      // (in the currency asked for); its rows are then summed from its own lines only.
      const lines = filter([['m.currency = ?', q.currency]])
      const counted = `m.affiliate_id = a.id AND m.status <> 'reversed'${lines.sql ? ` AND ${lines.sql}` : ''}`
      const who = filter([['a.id = ?', q.affiliateId]])
      const affiliates = `FROM affiliates a WHERE EXISTS (SELECT 1 FROM commissions m WHERE ${counted})${
        who.sql ? ` AND ${who.sql}` : ''
      }`
      const params = [...lines.params, ...who.params]
      const total = get<number>(sqlite.prepare(`SELECT count(*) ${affiliates}`).pluck(), ...params)!
      // A reversed earning and its reversal row are both 'reversed' and cancel out; a clawback of a
      // paid line is 'approved' and negative, so it nets against the next payout here.
      const rows = all<Balance>(
        sqlite.prepare(
          `SELECT a.id AS affiliateId, a.code AS affiliateCode, a.name AS affiliateName, m.currency AS currency,
                  sum(CASE WHEN m.status = 'pending' THEN m.amount_minor ELSE 0 END) AS pendingMinor,
                  sum(CASE ${LINE_STATUS} WHEN 'approved' THEN m.amount_minor ELSE 0 END) AS approvedUnpaidMinor,
                  sum(CASE ${LINE_STATUS} WHEN 'paid' THEN m.amount_minor ELSE 0 END) AS paidMinor
             FROM (SELECT a.id, a.code, a.name ${affiliates} ORDER BY a.id LIMIT ? OFFSET ?) a
             JOIN commissions m ON ${counted}
            GROUP BY a.id, m.currency ORDER BY a.id, m.currency`,
        ),
        ...params,
        q.pageSize,
        q.page * q.pageSize,
        ...lines.params,
      )
      return { rows, total }
    },
  }
}

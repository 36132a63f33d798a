// Payout runs in SQL. The rules (who is paid, how an item moves) come in from payouts/rules.ts; this
// file reads the ledger, and writes each decision with its line locks and audit rows in one
// transaction. A line is locked by its row in payout_locks (which is what makes it paid, see
// line-status.ts); the table's primary key refuses a second lock on a line, so no code path and no
// second process can pay it twice. A lock names its run; the line's item is that run's item for the
// line's affiliate and currency (unique). payout_item_lines keeps the lines an item gave back, for
// its statement.
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import type {
  PayoutExclusion,
  PayoutItem,
  PayoutProposal,
  PayoutRun,
  PayoutRunDetail,
} from '../../../shared/contract'
import { PAYOUT_ITEM_STATUSES, type PaymentMethod, type PayoutItemStatus } from '../../../shared/domain'
import { AppError, conflict, notFound } from '../../../shared/errors'
import type { PayoutFileItem, StatementLine, YearlyPaidRow } from '../../payouts/files'
import type { PayableGroup, PayoutAffiliate } from '../../payouts/rules'
import type { Drizzle } from '../open'
import type { PayoutRepo, PayoutSelection } from '../store'
import { writeAudit } from './audit'
import { HELD, UNHELD } from './line-status'
import { all, get } from './rows'

/** A group as the groups query writes it: affiliate id, currency, net, lines, then the affiliate. */
type GroupColumns = [
  id: number,
  currency: string,
  net: number,
  lines: number,
  code: string,
  name: string,
  status: PayoutAffiliate['status'],
  paymentMethod: PaymentMethod,
  paymentEmail: string | null,
  payoutCurrency: string,
  bankDetails: string | null,
  minPayoutMinor: number | null,
]

interface RunRow {
  id: number
  status: PayoutRun['status']
  cutoff: number
  affiliateIds: string | null
  exclusions: string
  senderBatchId: string
  createdAt: number
  createdBy: string
  exportedAt: number | null
  cancelledAt: number | null
}

const RUN = `id, status, cutoff, affiliate_ids AS affiliateIds, exclusions, sender_batch_id AS senderBatchId,
  created_at AS createdAt, created_by AS createdBy, exported_at AS exportedAt, cancelled_at AS cancelledAt`

const ITEM = `i.id AS id, i.run_id AS runId, i.affiliate_id AS affiliateId, a.code AS affiliateCode,
  a.name AS affiliateName, i.currency AS currency, i.method AS method, i.amount_minor AS amountMinor,
  i.line_count AS lines, i.status AS status, i.provider_ref AS providerRef, i.reason AS reason,
  i.updated_at AS updatedAt`

/** Approved lines up to the cut-off. Lines approved before approved_at was kept count from creation. */
const APPROVED_BY = `m.status = 'approved' AND coalesce(m.approved_at, m.created_at) <= @cutoff`
/** Approved, unpaid lines up to the cut-off. */
const PAYABLE = `${APPROVED_BY} AND ${UNHELD}`
/** Approved lines after the cut-off, in the words of commissions_payable_at (so it is used). */
const LATE = `m.status = 'approved' AND coalesce(m.approved_at, m.created_at) > @cutoff`

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

function toGroup(c: GroupColumns): PayableGroup {
  const [id, currency, net, lines, code, name, status, paymentMethod, paymentEmail, payoutCurrency] = c
  const bankDetails = c[10]
  return {
    affiliate: {
      id,
      code,
      name,
      status,
      paymentMethod,
      paymentEmail,
      payoutCurrency,
      // No bank details is null (a Wise email recipient), not an unreadable value.
      bankDetails: bankDetails === null ? null : parseJson<unknown>(bankDetails, { unreadable: bankDetails }),
      minPayoutMinor: c[11],
    },
    currency,
    netMinor: net,
    lines,
  }
}

/**
 * Affiliates per balance-check transaction: 500 (about 20,000 lines, each a random row read) held
 * the event loop about 90 ms at 2,000,000 lines; 200 keeps a click waiting under about 40 ms.
 */
export const BALANCE_CHECK_CHUNK = 200

/** A commit's locks did not match the payable balances it read: they are repaired, and the run refused. */
class BalancesDrift extends Error {}

/** Another process holding the write lock past busy_timeout is a conflict the user can retry. */
function busyToConflict(err: unknown): never {
  if (err instanceof Database.SqliteError && (err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED'))
    throw conflict('Another payout run is being written right now; try again in a moment')
  throw err
}

/**
 * How a commit picks the lines it locks (see commitStatements): 'unlock' locks every payable line,
 * then unlocks the groups left out; 'filter' locks only lines whose group is paid. Both lock the same
 * lines; they differ in cost. Tests choose, so that both stay covered by the ledger's model test.
 */
export type PayoutLockPlan = (leftOutLines: number, payableLines: number) => 'unlock' | 'filter'

/**
 * Unlocking a line costs about 5-15x more than looking up each payable line's group (an
 * affiliate left out whole vs one currency of it): unlock while left-out lines are under 1/16.
 */
export const defaultLockPlan: PayoutLockPlan = (leftOut, payable) =>
  leftOut * 16 > payable ? 'filter' : 'unlock'

/**
 * How a run reads its payable groups: 'balances' takes payable_balances and subtracts the lines
 * approved after the cut-off (read through commissions_payable_at); 'ledger' groups every payable
 * line. Both give the same groups; tests choose, so both stay covered by the ledger's model test.
 */
export type PayoutGroupsPlan = (lateLines: number, payableLines: number) => 'balances' | 'ledger'

/**
 * A late line is reached through the index, a random row each: about 3x a line read in table order,
 * so the ledger pass wins once a cut-off leaves out more than a quarter of the payable lines (a run
 * backdated well into the past). A run up to last month's end takes the balances.
 */
export const defaultGroupsPlan: PayoutGroupsPlan = (late, payable) =>
  late * 4 > payable ? 'ledger' : 'balances'

export interface PayoutPlans {
  lock?: PayoutLockPlan
  groups?: PayoutGroupsPlan
}

/** What the groups query reads: the payable lines' groups, as (affiliateId, currency, net, lines). */
const groupsFrom = (source: 'balances' | 'ledger', narrowed: boolean) =>
  source === 'ledger'
    ? `SELECT m.affiliate_id AS affiliateId, m.currency AS currency, sum(m.amount_minor) AS net, count(*) AS lines
         FROM commissions m${narrowed ? '' : ' NOT INDEXED'}
        WHERE ${PAYABLE}${narrowed ? ' AND m.affiliate_id IN (SELECT value FROM json_each(@ids))' : ''}
        GROUP BY m.affiliate_id, m.currency`
    : `SELECT b.affiliate_id AS affiliateId, b.currency AS currency,
              b.net_minor - coalesce(l.net, 0) AS net, b.lines - coalesce(l.lines, 0) AS lines
         FROM payable_balances b
         LEFT JOIN (SELECT m.affiliate_id, m.currency, sum(m.amount_minor) AS net, count(*) AS lines
                      FROM commissions m INDEXED BY commissions_payable_at
                     WHERE ${LATE} AND ${UNHELD}
                     GROUP BY m.affiliate_id, m.currency) l
           ON l.affiliate_id = b.affiliate_id AND l.currency = b.currency
        WHERE b.lines > coalesce(l.lines, 0)${narrowed ? ' AND b.affiliate_id IN (SELECT value FROM json_each(@ids))' : ''}`

export function createPayoutRepo(
  db: Drizzle,
  sqlite: Database.Database,
  now: () => number,
  plans: PayoutPlans = {},
): PayoutRepo {
  const lockPlan = plans.lock ?? defaultLockPlan
  const groupsPlan = plans.groups ?? defaultGroupsPlan
  // From the balances: one row per affiliate and currency, less the few lines approved after the
  // cut-off. From the ledger, everyone: one pass over the table in rowid order (half the time of
  // walking the affiliate index and fetching each row); narrowed: the (affiliate, status) index
  // reaches only their lines. The groups come back as one JSON array of arrays (GroupColumns'
  // order), parsed once: building 48,500 twelve-column row objects through better-sqlite3 took
  // about 120 ms more.
  const groupsSql = (source: 'balances' | 'ledger', narrowed: boolean) =>
    sqlite
      .prepare(
        `SELECT json_group_array(json_array(g.affiliateId, g.currency, g.net, g.lines, a.code, a.name,
                  a.status, a.payment_method, a.payment_email, a.payout_currency, a.bank_details,
                  a.min_payout_minor))
           FROM (${groupsFrom(source, narrowed)}) g
           JOIN affiliates a ON a.id = g.affiliateId`,
      )
      .pluck()
  const groupsStatements = {
    balances: [groupsSql('balances', false), groupsSql('balances', true)],
    ledger: [groupsSql('ledger', false), groupsSql('ledger', true)],
  }
  // Counted through the index alone (locked late lines too: an upper bound is enough to choose).
  const lateLines = sqlite
    .prepare(`SELECT count(*) FROM commissions m INDEXED BY commissions_payable_at WHERE ${LATE}`)
    .pluck()
  const balanceLines = sqlite.prepare(`SELECT coalesce(sum(lines), 0) FROM payable_balances`).pluck()
  /** The payable groups of a selection, by affiliate and currency. */
  const readGroups = (sel: PayoutSelection): { source: 'balances' | 'ledger'; groups: PayableGroup[] } => {
    const source = groupsPlan(lateLines.get({ cutoff: sel.cutoff }) as number, balanceLines.get() as number)
    const stmt = groupsStatements[source][sel.affiliateIds ? 1 : 0]!
    const json = stmt.get({ cutoff: sel.cutoff, ids: JSON.stringify(sel.affiliateIds ?? []) }) as string
    // GROUP BY hands them over sorted in practice, not by promise: sorted here (linear when sorted).
    const groups = (JSON.parse(json) as GroupColumns[])
      .map(toGroup)
      .sort(
        (x, y) =>
          x.affiliate.id - y.affiliate.id || (x.currency < y.currency ? -1 : x.currency > y.currency ? 1 : 0),
      )
    return { source, groups }
  }
  // One chunk of affiliates: the ledger grouped beside the balances, and the groups where they differ.
  const balanceDiffs = sqlite.prepare(
    `SELECT a, c, sum(ln) AS ledgerNet, sum(ll) AS ledgerLines, sum(bn) AS net, sum(bl) AS lines FROM (
       SELECT m.affiliate_id AS a, m.currency AS c, m.amount_minor AS ln, 1 AS ll, 0 AS bn, 0 AS bl
         FROM commissions m
        WHERE m.affiliate_id > @after AND m.affiliate_id <= @upto AND m.status = 'approved' AND NOT ${HELD}
       UNION ALL
       SELECT affiliate_id, currency, 0, 0, net_minor, lines FROM payable_balances
        WHERE affiliate_id > @after AND affiliate_id <= @upto)
     GROUP BY a, c HAVING sum(ln) <> sum(bn) OR sum(ll) <> sum(bl)`,
  )
  const setBalance = sqlite.prepare(
    `INSERT INTO payable_balances (affiliate_id, currency, net_minor, lines) VALUES (?, ?, ?, ?)
     ON CONFLICT (affiliate_id, currency) DO UPDATE SET net_minor = excluded.net_minor, lines = excluded.lines`,
  )
  const lastAffiliate = sqlite.prepare(`SELECT coalesce(max(id), 0) FROM affiliates`).pluck()
  const checkChunk = sqlite.transaction((after: number, upto: number, actor: string) => {
    const diffs = all<{
      a: number
      c: string
      ledgerNet: number
      ledgerLines: number
      net: number
      lines: number
    }>(balanceDiffs, { after, upto })
    const at = now()
    for (const d of diffs) {
      setBalance.run(d.a, d.c, d.ledgerNet, d.ledgerLines)
      writeAudit(db, at, {
        actor,
        action: 'payout.balances.repair',
        entity: 'payable_balances',
        entityId: `${d.a} ${d.c}`,
        before: { netMinor: d.net, lines: d.lines },
        after: { netMinor: d.ledgerNet, lines: d.ledgerLines },
      })
    }
    return diffs.length
  })
  /**
   * Every group set back to its ledger, a chunk of affiliates per transaction with the event loop
   * let go in between (clicks and postbacks keep flowing). For a file edited by hand or a bug: the
   * triggers and the store keep the balances in every transaction the app writes.
   */
  const repairBalances = async (actor: string, chunk: number): Promise<number> => {
    let repaired = 0
    for (let after = 0, last = lastAffiliate.get() as number; after < last; after += chunk) {
      repaired += checkChunk.immediate(after, after + chunk, actor)
      await new Promise((resolve) => setImmediate(resolve))
    }
    return repaired
  }

  const insertRun = sqlite.prepare(
    `INSERT INTO payout_runs (status, cutoff, affiliate_ids, exclusions, sender_batch_id, created_at, created_by)
     VALUES ('committed', ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
  // The run being committed, one row per item: filled from JS, then turned into payout_items with one
  // set-based statement (per item, SQL beats a JS round trip). Per connection, and made on the first
  // commit only: a temp table from the start would sit beside every click's transaction in
  // processes that never pay anyone. One set-based INSERT then locks the lines (one narrow row
  // appended per line, naming the run): when everyone is paid, the ids of approved lines straight
  // from commissions_payable_at, which holds nothing else (about 0.2 s less than reading 2,000,000
  // wide rows in table order; the median of 8 commits each way, interleaved), or the whole ledger in
  // table order when each line's group must be looked up; through the (affiliate, status) index
  // when the run is narrowed. Held lines are
  // left to payout_locks' primary key (OR IGNORE: a held line keeps its run) rather than probed: a
  // statement that reads the table it inserts into is first copied whole into a scratch table.
  //
  // Which lines (lockPlan): when the groups left out hold few lines, every payable line is locked
  // and the left-out groups are unlocked after (a constant per line; looking up each line's group in
  // the run's items cost about 0.6 s more per 2,000,000 lines than unlocking 60,000 lines did); when
  // they hold many, only lines whose group is in the run are locked (see defaultLockPlan). Both are
  // checked by count.
  let commitSql: {
    clear: Database.Statement
    insertKeys: Database.Statement
    insertItems: Database.Statement
    takePaid: Database.Statement
    lock: (narrowed: boolean, onlyItems: boolean) => Database.Statement
  } | null = null
  const commitStatements = () => {
    if (commitSql) return commitSql
    sqlite.exec(`DROP TABLE IF EXISTS temp.payout_commit`)
    sqlite.exec(`CREATE TEMP TABLE payout_commit (
      affiliate_id INTEGER NOT NULL, currency TEXT NOT NULL, method TEXT NOT NULL,
      amount_minor INTEGER NOT NULL, line_count INTEGER NOT NULL,
      PRIMARY KEY (affiliate_id, currency)) WITHOUT ROWID`)
    const lockSql = (narrowed: boolean, onlyItems: boolean) =>
      sqlite.prepare(
        `INSERT OR IGNORE INTO payout_locks (commission_id, payout_run_id)
         SELECT m.id, @run FROM commissions AS m${
           narrowed ? '' : onlyItems ? ' NOT INDEXED' : ' INDEXED BY commissions_payable_at'
         }
          WHERE ${APPROVED_BY}${narrowed ? ' AND m.affiliate_id IN (SELECT value FROM json_each(@ids))' : ''}${
            onlyItems
              ? ` AND EXISTS (SELECT 1 FROM temp.payout_commit t
                               WHERE t.affiliate_id = m.affiliate_id AND t.currency = m.currency)`
              : ''
          }`,
      )
    const locks = new Map<string, Database.Statement>()
    commitSql = {
      clear: sqlite.prepare('DELETE FROM temp.payout_commit'),
      // From one JSON array of [affiliate, currency, method, amount, lines]: one statement instead
      // of a call per item.
      insertKeys: sqlite.prepare(
        `INSERT INTO temp.payout_commit (affiliate_id, currency, method, amount_minor, line_count)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`,
      ),
      // The recipient as it is at commit time; unreadable bank details (refused by the run rules
      // anyway) are kept as null rather than failing the run.
      insertItems: sqlite.prepare(
        `INSERT INTO payout_items (run_id, affiliate_id, currency, method, amount_minor, line_count, status, recipient, updated_at)
         SELECT @run, t.affiliate_id, t.currency, t.method, t.amount_minor, t.line_count, 'pending',
                json_object('email', a.payment_email,
                            'bank', CASE WHEN json_valid(a.bank_details) THEN json(a.bank_details) END),
                @at
           FROM temp.payout_commit t JOIN affiliates a ON a.id = t.affiliate_id
          ORDER BY t.affiliate_id, t.currency
         RETURNING id, affiliate_id AS affiliateId, currency`,
      ),
      // What the run pays leaves the balances: each item is its group's net up to the cut-off, so
      // what stays is the group's lines approved after it.
      takePaid: sqlite.prepare(
        `UPDATE payable_balances AS b SET net_minor = b.net_minor - t.amount_minor, lines = b.lines - t.line_count
           FROM temp.payout_commit t WHERE b.affiliate_id = t.affiliate_id AND b.currency = t.currency`,
      ),
      lock(narrowed, onlyItems) {
        const key = `${narrowed}${onlyItems}`
        let st = locks.get(key)
        if (!st) locks.set(key, (st = lockSql(narrowed, onlyItems)))
        return st
      },
    }
    return commitSql
  }
  const itemToRelease = sqlite.prepare(
    `SELECT run_id AS run, affiliate_id AS affiliate, currency, line_count AS lines FROM payout_items WHERE id = ?`,
  )
  // An item's lines are found through its affiliate's lines (the (affiliate, status) index) and
  // their locks: payout_locks has no index on the run, which would cost a second B-tree write per
  // line at commit for the rare release.
  const keepReleased = sqlite.prepare(
    `INSERT INTO payout_item_lines (item_id, commission_id, amount_minor, released_at)
     SELECT @item, m.id, m.amount_minor, @at FROM commissions m JOIN payout_locks k ON k.commission_id = m.id
      WHERE m.affiliate_id = @affiliate AND m.status = 'approved' AND m.currency = @currency
        AND k.payout_run_id = @run`,
  )
  /**
   * Removes the locks of the lines an item just gave back, found in payout_item_lines (an item
   * gives its lines back once: its primary key is (item, line)) rather than through the ledger
   * again, whose rows are a random page read each; that halved a release.
   */
  const unlockKept = sqlite.prepare(
    `DELETE FROM payout_locks WHERE payout_run_id = @run AND commission_id IN
       (SELECT commission_id FROM payout_item_lines WHERE item_id = @item)`,
  )
  /** The lines an item gave back are payable again: back on their group's balance. */
  const giveBack = sqlite.prepare(
    `INSERT INTO payable_balances (affiliate_id, currency, net_minor, lines)
     SELECT @affiliate, @currency, sum(amount_minor), count(*) FROM payout_item_lines WHERE item_id = @item
     ON CONFLICT (affiliate_id, currency) DO UPDATE
       SET net_minor = net_minor + excluded.net_minor, lines = lines + excluded.lines`,
  )
  /** Removes the locks a run holds on one affiliate's lines in one currency (one item's lines). */
  const unlock = sqlite.prepare(
    `DELETE FROM payout_locks WHERE payout_run_id = @run AND commission_id IN
       (SELECT id FROM commissions WHERE affiliate_id = @affiliate AND status = 'approved' AND currency = @currency)`,
  )
  /**
   * Removes every lock a run holds on one affiliate's lines. Through the (affiliate, status) index
   * alone: reading each line's currency from the ledger made unlocking about 2.5x slower.
   */
  const unlockAffiliate = sqlite.prepare(
    `DELETE FROM payout_locks WHERE payout_run_id = @run AND commission_id IN
       (SELECT id FROM commissions WHERE affiliate_id = @affiliate AND status = 'approved')`,
  )
  // The items as JSON text, 2,048 at a time (keyset pages in id order), each page parsed once:
  // better-sqlite3 builds every row as an object column by column through V8's API, about twice
  // the CPU of SQLite writing the same rows as JSON arrays and one JSON.parse (46,800 items); pages
  // keep the parsed arrays short-lived. The recipient goes in as JSON; an unreadable one (never
  // written so) gives null, so no email and no bank.
  const fileItemsSql = (byMethod: boolean) =>
    sqlite
      .prepare(
        `SELECT '[' || group_concat(item, ',') || ']', max(id) FROM (
           SELECT i.id, json_array(i.id, i.affiliate_id, a.code, a.name, i.method, i.currency, i.amount_minor,
                    CASE WHEN json_valid(i.recipient) THEN json(i.recipient) END) AS item
             FROM payout_items i JOIN affiliates a ON a.id = i.affiliate_id
            WHERE i.run_id = @run AND i.id > @after AND (i.status = 'pending' OR i.status = 'processing')
              ${byMethod ? 'AND i.method IN (SELECT value FROM json_each(@methods))' : ''}
            ORDER BY i.id LIMIT 2048)`,
      )
      .raw()
  /** One item as fileItems' JSON array: id, affiliate, code, name, method, currency, amount, recipient. */
  type FileItemRow = [number, number, string, string, PaymentMethod, string, number, object | null]
  const fileItemsAll = fileItemsSql(false)
  const fileItemsOf = fileItemsSql(true)
  const toProcessing = sqlite.prepare(
    `UPDATE payout_items SET status = 'processing', updated_at = ?
      WHERE run_id = ? AND status = 'pending' AND id IN (SELECT value FROM json_each(?))`,
  )
  const runById = sqlite.prepare(`SELECT ${RUN} FROM payout_runs WHERE id = ?`)
  const itemsOfRun = sqlite.prepare(
    `SELECT ${ITEM} FROM payout_items i JOIN affiliates a ON a.id = i.affiliate_id WHERE i.run_id = ? ORDER BY i.id`,
  )
  const itemById = sqlite.prepare(
    `SELECT ${ITEM} FROM payout_items i JOIN affiliates a ON a.id = i.affiliate_id WHERE i.id = ?`,
  )
  const runTotals = sqlite.prepare(
    `SELECT currency, method, count(*) AS items, sum(amount_minor) AS amountMinor FROM payout_items
      WHERE run_id = ? AND status <> 'cancelled' GROUP BY currency, method ORDER BY currency, method`,
  )
  const runStatusCounts = sqlite.prepare(
    `SELECT status, count(*) AS n FROM payout_items WHERE run_id = ? GROUP BY status`,
  )
  // Prepared once: a provider report can carry tens of thousands of rows.
  const itemForOutcome = sqlite.prepare(
    `SELECT id, run_id AS runId, status, provider_ref AS providerRef FROM payout_items WHERE id = ?`,
  )
  const setItem = sqlite.prepare(
    `UPDATE payout_items SET status = ?, provider_ref = coalesce(?, provider_ref), reason = ?, updated_at = ? WHERE id = ?`,
  )

  const mustRun = (runId: number): RunRow => {
    const run = get<RunRow>(runById, runId)
    if (!run) throw notFound('Payout run', runId)
    return run
  }

  const toRun = (r: RunRow): PayoutRun => {
    const totals = all<PayoutRun['totals'][number]>(runTotals, r.id)
    const statusCounts = Object.fromEntries(
      PAYOUT_ITEM_STATUSES.map((st) => [st, 0]),
    ) as PayoutRun['statusCounts']
    let itemCount = 0
    for (const c of all<{ status: PayoutItemStatus; n: number }>(runStatusCounts, r.id)) {
      statusCounts[c.status] = c.n
      itemCount += c.n
    }
    return {
      id: r.id,
      status: r.status,
      cutoff: r.cutoff,
      affiliateIds: parseJson<number[] | null>(r.affiliateIds, null),
      senderBatchId: r.senderBatchId,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      exportedAt: r.exportedAt,
      cancelledAt: r.cancelledAt,
      itemCount,
      totals,
      statusCounts,
    }
  }

  /** Gives an item's locked lines back to the ledger as payable, keeping which they were. */
  const release = (itemId: number, at: number) => {
    const { lines, ...group } = get<{ run: number; affiliate: number; currency: string; lines: number }>(
      itemToRelease,
      itemId,
    )!
    const kept = keepReleased.run({ ...group, item: itemId, at }).changes
    const changed = unlockKept.run({ run: group.run, item: itemId }).changes
    if (changed !== lines || kept !== changed)
      throw new Error(`Payout item ${itemId}: ${lines} locked lines but ${changed} were paid in the ledger`)
    giveBack.run({ affiliate: group.affiliate, currency: group.currency, item: itemId })
  }

  const refreshRunStatus = (
    runId: number,
    complete: (s: Iterable<PayoutItemStatus>) => boolean,
    at: number,
    actor: string,
  ) => {
    const run = mustRun(runId)
    if (run.status !== 'committed' && run.status !== 'exported') return
    const statuses = all<{ status: PayoutItemStatus }>(
      sqlite.prepare(`SELECT status FROM payout_items WHERE run_id = ?`),
      runId,
    ).map((r) => r.status)
    if (!complete(statuses)) return
    sqlite.prepare(`UPDATE payout_runs SET status = 'completed' WHERE id = ?`).run(runId)
    writeAudit(db, at, {
      actor,
      action: 'payout.run.complete',
      entity: 'payout_run',
      entityId: runId,
      before: { status: run.status },
      after: { status: 'completed' },
    })
  }

  return {
    async scan(sel, plan) {
      const items: PayoutProposal[] = []
      const exclusions: PayoutExclusion[] = []
      // One row per affiliate and currency reaches JS, never the lines.
      for (const group of readGroups(sel).groups) {
        const d = plan.decide(group)
        if (!d) continue
        if (d.pay) items.push(d.proposal)
        else exclusions.push(d.exclusion)
      }
      return { items, exclusions }
    },

    async commit(sel, plan, actor) {
      // Before the transaction: temp tables made inside one vanish when it rolls back, and the
      // statements kept for them would fail on every later commit.
      commitStatements()
      const write = sqlite.transaction((): PayoutRunDetail => {
        const items: PayoutProposal[] = []
        const exclusions: PayoutExclusion[] = []
        /** Groups read but not paid (left out, or netting to zero): their lines stay payable. */
        const unpaid: { affiliate: number; currency: string; lines: number }[] = []
        let payableLines = 0
        let unpaidLines = 0
        // Read inside the write lock: what another process committed first is no longer approved.
        const { source, groups } = readGroups(sel)
        for (const group of groups) {
          payableLines += group.lines
          const d = plan.decide(group)
          if (d?.pay) {
            items.push(d.proposal)
            continue
          }
          if (d) exclusions.push(d.exclusion)
          unpaid.push({ affiliate: group.affiliate.id, currency: group.currency, lines: group.lines })
          unpaidLines += group.lines
        }
        if (items.length === 0)
          throw conflict('Nothing to pay: no affiliate has a payable amount that passes the run rules')
        plan.accept?.(items)
        const at = now()
        const runId = get<{ id: number }>(
          insertRun,
          sel.cutoff,
          sel.affiliateIds ? JSON.stringify(sel.affiliateIds) : null,
          JSON.stringify(exclusions),
          `AD-${randomUUID()}`,
          at,
          actor,
        )!.id
        const c = commitStatements()
        c.clear.run()
        const keys = c.insertKeys.run(
          JSON.stringify(items.map((p) => [p.affiliateId, p.currency, p.method, p.amountMinor, p.lines])),
        ).changes
        if (keys !== items.length)
          throw new Error(`Payout run ${runId}: ${items.length} items but ${keys} keys`)
        const ids = new Map<string, number>()
        for (const r of all<{ id: number; affiliateId: number; currency: string }>(c.insertItems, {
          run: runId,
          at,
        }))
          ids.set(`${r.affiliateId} ${r.currency}`, r.id)
        if (ids.size !== items.length)
          throw new Error(`Payout run ${runId}: ${items.length} items decided but ${ids.size} written`)
        // Read and written under one write lock, so the locks cover exactly the lines just grouped;
        // the counts are checked anyway, and any difference rolls everything back.
        // Under the write lock nothing else changes the ledger, so locks that do not match the
        // balances mean the balances are wrong (see repairBalances).
        const changed = () =>
          source === 'balances'
            ? new BalancesDrift()
            : conflict('Payable lines changed while the run was written; nothing was saved')
        const onlyItems = lockPlan(unpaidLines, payableLines) === 'filter'
        const locked = c
          .lock(sel.affiliateIds !== null, onlyItems)
          .run({ run: runId, cutoff: sel.cutoff, ids: JSON.stringify(sel.affiliateIds ?? []) }).changes
        if (locked !== payableLines - (onlyItems ? unpaidLines : 0)) throw changed()
        if (!onlyItems) {
          // An affiliate this run pays nothing is unlocked whole (the usual case: suspended, no
          // payment details, below the minimum); one paid in another currency, group by group.
          const paid = new Set(items.map((p) => p.affiliateId))
          const whole = new Map<number, number>()
          for (const { lines, ...group } of unpaid) {
            if (!paid.has(group.affiliate))
              whole.set(group.affiliate, (whole.get(group.affiliate) ?? 0) + lines)
            else if (unlock.run({ run: runId, ...group }).changes !== lines) throw changed()
          }
          for (const [affiliate, lines] of whole)
            if (unlockAffiliate.run({ run: runId, affiliate }).changes !== lines) throw changed()
        }
        // A paid group with no balance row: the balances are wrong, whichever way they were read.
        if (c.takePaid.run().changes !== items.length) throw new BalancesDrift()
        writeAudit(db, at, {
          actor,
          action: 'payout.run.commit',
          entity: 'payout_run',
          entityId: runId,
          after: {
            cutoff: sel.cutoff,
            affiliateIds: sel.affiliateIds,
            items: items.length,
            amountMinor: items.reduce((s, p) => s + p.amountMinor, 0),
            exclusions: exclusions.length,
          },
        })
        // The answer comes from what was just written rather than from reading the items back.
        const written: PayoutItem[] = items.map((p) => ({
          id: ids.get(`${p.affiliateId} ${p.currency}`)!,
          runId,
          affiliateId: p.affiliateId,
          affiliateCode: p.affiliateCode,
          affiliateName: p.affiliateName,
          currency: p.currency,
          method: p.method,
          amountMinor: p.amountMinor,
          lines: p.lines,
          status: 'pending',
          providerRef: null,
          reason: null,
          updatedAt: at,
        }))
        written.sort((x, y) => x.id - y.id)
        return { run: toRun(mustRun(runId)), items: written, exclusions }
      })
      try {
        return write.immediate()
      } catch (err) {
        if (err instanceof BalancesDrift) {
          await repairBalances(actor, BALANCE_CHECK_CHUNK)
          throw conflict(
            'The payable balances did not match the ledger and were summed again from it; nothing was saved. Preview the run again',
          )
        }
        if (err instanceof AppError) throw err
        if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
          throw conflict('A commission line is already locked by another payout run; nothing was saved')
        return busyToConflict(err)
      }
    },

    checkBalances: (actor, chunk = BALANCE_CHECK_CHUNK) => repairBalances(actor, chunk),

    async cancel(runId, reason, actor) {
      const write = sqlite.transaction(() => {
        const run = mustRun(runId)
        if (run.status === 'cancelled') throw conflict(`Payout run ${runId} is already cancelled`)
        if (run.status !== 'committed')
          throw conflict(
            `Payout run ${runId} is ${run.status}: once a file went out, mark its items failed or returned instead`,
          )
        const moved = all<{ id: number; status: PayoutItemStatus }>(
          sqlite.prepare(`SELECT id, status FROM payout_items WHERE run_id = ? AND status <> 'pending'`),
          runId,
        )
        if (moved.length)
          throw conflict(
            `Payout run ${runId} has items already marked (item ${moved[0]!.id} is ${moved[0]!.status}); it cannot be cancelled`,
          )
        const at = now()
        for (const { id } of all<{ id: number }>(
          sqlite.prepare(`SELECT id FROM payout_items WHERE run_id = ?`),
          runId,
        )) {
          release(id, at)
        }
        sqlite
          .prepare(
            `UPDATE payout_items SET status = 'cancelled', reason = ?, updated_at = ? WHERE run_id = ?`,
          )
          .run(reason, at, runId)
        sqlite
          .prepare(`UPDATE payout_runs SET status = 'cancelled', cancelled_at = ? WHERE id = ?`)
          .run(at, runId)
        writeAudit(db, at, {
          actor,
          action: 'payout.run.cancel',
          entity: 'payout_run',
          entityId: runId,
          before: { status: run.status },
          after: { status: 'cancelled', reason },
        })
      })
      try {
        write.immediate()
      } catch (err) {
        if (err instanceof AppError) throw err
        busyToConflict(err)
      }
    },

    async list(q) {
      const where = q.status ? 'WHERE status = ?' : ''
      const params = q.status ? [q.status] : []
      const rows = all<RunRow>(
        sqlite.prepare(`SELECT ${RUN} FROM payout_runs ${where} ORDER BY id DESC LIMIT ? OFFSET ?`),
        ...params,
        q.pageSize,
        q.page * q.pageSize,
      )
      const total = get<{ n: number }>(
        sqlite.prepare(`SELECT count(*) AS n FROM payout_runs ${where}`),
        ...params,
      )!.n
      return { rows: rows.map(toRun), total }
    },

    async get(runId) {
      const run = get<RunRow>(runById, runId)
      if (!run) return null
      return {
        run: toRun(run),
        items: all<PayoutItem>(itemsOfRun, runId),
        exclusions: parseJson<PayoutExclusion[]>(run.exclusions, []),
      }
    },

    async item(itemId) {
      return get<PayoutItem>(itemById, itemId) ?? null
    },

    async fileItems(runId, methods) {
      // One read transaction: the run and all its pages come from the same snapshot of the file.
      return sqlite.transaction(() => {
        const run = mustRun(runId)
        if (run.status === 'cancelled')
          throw conflict(`Payout run ${runId} is cancelled: there is nothing to pay`)
        const page = methods ? fileItemsOf : fileItemsAll
        const params = { run: runId, methods: JSON.stringify(methods ?? []), after: 0 }
        const items: PayoutFileItem[] = []
        for (;;) {
          const [json, last] = page.get(params) as [string | null, number | null]
          if (json === null || last === null) break
          params.after = last
          const rows = JSON.parse(json) as FileItemRow[]
          for (const r of rows) {
            const recipient = (r[7] ?? {}) as { email?: unknown; bank?: PayoutFileItem['bank'] }
            items.push({
              itemId: r[0],
              runId,
              affiliateId: r[1],
              affiliateCode: r[2],
              name: r[3],
              method: r[4],
              currency: r[5],
              amountMinor: r[6],
              email: typeof recipient.email === 'string' ? recipient.email : null,
              bank: recipient.bank ?? null,
            })
          }
        }
        // group_concat keeps its subquery's order in practice, not by promise; callers expect id order.
        items.sort((x, y) => x.itemId - y.itemId)
        return { run: { runId, createdAt: run.createdAt, cutoff: run.cutoff }, items }
      })()
    },

    async markExported(runId, itemIds, format, actor) {
      sqlite
        .transaction(() => {
          const run = mustRun(runId)
          if (run.status === 'cancelled') throw conflict(`Payout run ${runId} is cancelled`)
          const at = now()
          const moved = toProcessing.run(at, runId, JSON.stringify(itemIds)).changes
          if (run.status === 'committed')
            sqlite
              .prepare(`UPDATE payout_runs SET status = 'exported', exported_at = ? WHERE id = ?`)
              .run(at, runId)
          writeAudit(db, at, {
            actor,
            action: 'payout.run.export',
            entity: 'payout_run',
            entityId: runId,
            before: { status: run.status },
            after: {
              status: run.status === 'committed' ? 'exported' : run.status,
              format,
              itemsToProcessing: moved,
            },
          })
        })
        .immediate()
    },

    async applyOutcomes(rows, rules, actor, runId) {
      const write = sqlite.transaction(() => {
        const result = {
          applied: 0,
          unchanged: 0,
          problems: [] as { line: number; itemId: number | null; message: string }[],
        }
        const touchedRuns = new Set<number>()
        const at = now()
        for (const row of rows) {
          const item = get<{
            id: number
            runId: number
            status: PayoutItemStatus
            providerRef: string | null
          }>(itemForOutcome, row.itemId)
          const problem = (message: string) =>
            result.problems.push({ line: row.line, itemId: row.itemId, message })
          if (!item) {
            problem(`Payout item ${row.itemId} does not exist`)
            continue
          }
          if (runId !== undefined && item.runId !== runId) {
            problem(`Payout item ${row.itemId} belongs to run ${item.runId}, not run ${runId}`)
            continue
          }
          const move = rules.move(item.status, row.outcome)
          if (move.kind === 'same') {
            result.unchanged++
            continue
          }
          if (move.kind === 'refused') {
            problem(`Payout item ${row.itemId}: ${move.message}`)
            continue
          }
          if (move.release) release(item.id, at)
          setItem.run(move.to, row.providerRef, row.reason, at, item.id)
          writeAudit(db, at, {
            actor,
            action: `payout.item.${move.to}`,
            entity: 'payout_item',
            entityId: item.id,
            before: { status: item.status, providerRef: item.providerRef },
            after: { status: move.to, providerRef: row.providerRef ?? item.providerRef, reason: row.reason },
          })
          result.applied++
          touchedRuns.add(item.runId)
        }
        for (const id of touchedRuns) refreshRunStatus(id, rules.complete, at, actor)
        return result
      })
      try {
        return write.immediate()
      } catch (err) {
        if (err instanceof AppError) throw err
        return busyToConflict(err)
      }
    },

    async affiliateItems(affiliateId) {
      return all<PayoutItem & { runCutoff: number; runCreatedAt: number }>(
        sqlite.prepare(
          `SELECT ${ITEM}, r.cutoff AS runCutoff, r.created_at AS runCreatedAt
             FROM payout_items i JOIN affiliates a ON a.id = i.affiliate_id JOIN payout_runs r ON r.id = i.run_id
            WHERE i.affiliate_id = ? ORDER BY i.id DESC`,
        ),
        affiliateId,
      )
    },

    async statementLines(itemId) {
      return all<{
        conversionId: number
        date: number
        orderRef: string | null
        level: number
        kind: string
        amountMinor: number
      }>(
        sqlite.prepare(
          `SELECT m.conversion_id AS conversionId, c.created_at AS date, coalesce(c.order_ref, c.order_id) AS orderRef,
                  m.level - 1 AS level, CASE m.kind WHEN 'clawback' THEN 'clawback' ELSE 'commission' END AS kind,
                  l.amount_minor AS amountMinor
             FROM (SELECT m.id AS commissionId, m.amount_minor AS amount_minor
                     FROM payout_items i
                     JOIN commissions m ON m.affiliate_id = i.affiliate_id AND m.status = 'approved' AND m.currency = i.currency
                     JOIN payout_locks k ON k.commission_id = m.id AND k.payout_run_id = i.run_id
                    WHERE i.id = @item
                   UNION ALL
                   SELECT commission_id, amount_minor FROM payout_item_lines WHERE item_id = @item) l
             JOIN commissions m ON m.id = l.commissionId
             JOIN conversions c ON c.id = m.conversion_id
            ORDER BY c.created_at, m.id`,
        ),
        { item: itemId },
      ) satisfies StatementLine[]
    },

    async paidItems(from, to) {
      return all<YearlyPaidRow>(
        sqlite.prepare(
          `SELECT i.affiliate_id AS affiliateId, a.code AS affiliateCode, a.name AS name,
                  coalesce(a.payment_email, a.email) AS email, i.currency AS currency,
                  i.amount_minor AS amountMinor, i.updated_at AS paidAt
             FROM payout_items i JOIN affiliates a ON a.id = i.affiliate_id
            WHERE i.status = 'paid' AND i.updated_at >= ? AND i.updated_at < ?
            ORDER BY i.affiliate_id, i.id`,
        ),
        from,
        to,
      )
    },
  }
}

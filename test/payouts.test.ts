// Payout runs end to end through the contract, on a real SQLite file: selection, exclusions,
// minimums, narrowing, commit, cancel, export, reconciliation, and the errors finance can meet.
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore, wireError } from './support/core'
import { T0 } from './support/intent'
import { payoutProgram } from './support/payouts'
import { openReadOnly } from './support/sql'

const DAY = 86_400_000
let clock = T0
let t: TestCore
afterEach(async () => {
  await t?.close()
})

async function start() {
  clock = T0
  t = await startTestCore({ now: () => clock, jobs: 'manual' })
  return t
}

const balances = async (affiliateId: number) => {
  const row = (await t.call('commissions.balances', { affiliateId })).rows[0]
  return row ? { payable: row.approvedUnpaidMinor, paid: row.paidMinor } : { payable: 0, paid: 0 }
}

describe('a payout run', () => {
  it('previews without writing, then commits every payable line into exactly one item', async () => {
    await start()
    const p = await payoutProgram(t, ['ANN', 'BEN'])
    await p.sale('ANN', 'O1', 100_00)
    await p.sale('ANN', 'O2', 50_00)
    await p.sale('BEN', 'O3', 80_00)
    clock += DAY
    const preview = await t.call('payouts.preview', { cutoff: clock })
    expect(preview.totals).toEqual([{ currency: 'USD', method: 'paypal', items: 2, amountMinor: 23_00 }])
    expect(preview.items.map((i) => [i.affiliateCode, i.amountMinor, i.lines])).toEqual([
      ['ANN', 15_00, 2],
      ['BEN', 8_00, 1],
    ])
    expect(await t.call('payouts.list', {})).toMatchObject({ total: 0 })
    expect(await balances(p.ids.ANN!)).toEqual({ payable: 15_00, paid: 0 })

    const run = await t.call('payouts.commit', { cutoff: clock, expectedTotals: preview.totals })
    expect(run.run).toMatchObject({ status: 'committed', itemCount: 2, totals: preview.totals })
    expect(run.items.every((i) => i.status === 'pending')).toBe(true)
    expect(await balances(p.ids.ANN!)).toEqual({ payable: 0, paid: 15_00 })
    const db = openReadOnly(t.core.dbFile)
    expect(
      db.value(
        "SELECT count(*) FROM commissions m WHERE m.status = 'approved' AND m.id NOT IN (SELECT commission_id FROM payout_locks)",
      ),
      'nothing left payable',
    ).toBe(0)
    expect(db.value('SELECT count(*) FROM payout_locks'), 'each line locked once').toBe(3)
    expect(db.value("SELECT count(*) FROM audit_log WHERE action = 'payout.run.commit'")).toBe(1)
    db.close()

    // Nothing left: a second run has nothing to pay.
    expect(await wireError(t.call('payouts.commit', { cutoff: clock }))).toMatchObject({ code: 'conflict' })
  })

  it('takes only lines approved up to the cut-off', async () => {
    await start()
    const p = await payoutProgram(t, ['ANN'])
    await p.sale('ANN', 'O1', 100_00)
    const cutoff = clock
    clock += DAY
    await p.sale('ANN', 'O2', 300_00)
    const preview = await t.call('payouts.preview', { cutoff })
    expect(preview.items.map((i) => i.amountMinor)).toEqual([10_00])
  })

  it('a commit after the ledger changed since the preview pays what a fresh read pays', async () => {
    // The commit reads the ledger and the affiliates again under its write lock: whatever changed
    // since the preview, it pays what is payable now, and each item holds exactly its lines.
    type Program = Awaited<ReturnType<typeof payoutProgram>>
    const cases: [string, (p: Program, cutoff: number) => Promise<unknown>][] = [
      ['a line reversed', (p) => p.refund('ANN', 'O1')],
      ['a group gone', (p) => p.refund('BEN', 'O3')],
      [
        'a group paid by another run',
        (p, cutoff) => t.call('payouts.commit', { cutoff, affiliateIds: [p.ids.BEN!] }),
      ],
      [
        'an affiliate suspended',
        (p) => t.call('affiliates.setStatus', { id: p.ids.BEN!, status: 'suspended' }),
      ],
      ['nothing', async () => {}],
    ]
    for (const [label, change] of cases) {
      await start()
      const p = await payoutProgram(t, ['ANN', 'BEN', 'CAT'])
      await p.sale('ANN', 'O1', 100_00)
      await p.sale('ANN', 'O2', 50_00)
      await p.sale('BEN', 'O3', 80_00)
      await p.sale('CAT', 'O4', 90_00)
      clock += DAY
      const cutoff = clock
      const preview = await t.call('payouts.preview', { cutoff })
      clock += 1000
      await change(p, cutoff)
      // What is payable now, per affiliate, from the balances; a suspended affiliate is not paid.
      const payable: [string, number][] = []
      for (const code of ['ANN', 'BEN', 'CAT']) {
        const b = await balances(p.ids[code]!)
        const a = await t.call('affiliates.get', { id: p.ids[code]! })
        if (b.payable > 0 && a.status === 'approved') payable.push([code, b.payable])
      }
      const run = await t.call('payouts.commit', { cutoff })
      expect(
        run.items.map((i) => [i.affiliateCode, i.amountMinor]),
        `${label}: the run pays what is payable now`,
      ).toEqual(payable)
      if (label === 'nothing') expect(run.run.totals).toEqual(preview.totals)
      const db = openReadOnly(t.core.dbFile)
      expect(
        db.all(
          `SELECT i.id FROM payout_items i
            WHERE i.amount_minor IS NOT (SELECT sum(m.amount_minor) FROM payout_locks k
                                           JOIN commissions m ON m.id = k.commission_id
                                          WHERE k.payout_run_id = i.run_id AND m.affiliate_id = i.affiliate_id
                                            AND m.currency = i.currency)`,
        ),
        `${label}: each item is the sum of the lines it holds`,
      ).toEqual([])
      db.close()
      await t.close()
    }
  })

  it('lists every exclusion with its reason, and their lines stay payable', async () => {
    await start()
    const p = await payoutProgram(t, ['OK', 'SUS', 'NOMAIL', 'SMALL', 'DEBT', 'BANK'], {
      minPayoutMinor: 5_00,
    })
    for (const code of ['OK', 'SUS', 'NOMAIL', 'BANK']) await p.sale(code, `O-${code}`, 100_00)
    await p.sale('SMALL', 'O-SMALL', 40_00)
    await p.sale('DEBT', 'O-DEBT', 100_00)
    // DEBT is paid, then refunded: the clawback outweighs a new, smaller sale.
    clock += DAY
    await t.call('payouts.commit', { cutoff: clock, affiliateIds: [p.ids.DEBT!] })
    await p.refund('DEBT', 'O-DEBT')
    await p.sale('DEBT', 'O-DEBT2', 30_00)
    await t.call('affiliates.setStatus', { id: p.ids.SUS!, status: 'suspended' })
    await t.call('affiliates.update', { id: p.ids.NOMAIL!, paymentEmail: null })
    await t.call('affiliates.update', {
      id: p.ids.BANK!,
      paymentMethod: 'bank',
      bankDetails: { accountHolder: 'Bank Person', iban: 'DE89 3704 0044 0532 0130 00' },
    })
    clock += DAY
    const preview = await t.call('payouts.preview', { cutoff: clock })
    expect(preview.items.map((i) => i.affiliateCode)).toEqual(['OK'])
    expect(
      Object.fromEntries(preview.exclusions.map((e) => [e.affiliateCode, [e.reason, e.amountMinor]])),
    ).toEqual({
      SUS: ['suspended', 10_00],
      NOMAIL: ['missing_details', 10_00],
      SMALL: ['below_minimum', 4_00],
      DEBT: ['negative_balance', -7_00],
      // A USD bank transfer needs a routing number and an address, not an IBAN.
      BANK: ['missing_details', 10_00],
    })
    // A per-affiliate minimum overrides the program's.
    await t.call('affiliates.update', { id: p.ids.SMALL!, minPayoutMinor: 1_00 })
    const run = await t.call('payouts.commit', { cutoff: clock })
    expect(run.items.map((i) => i.affiliateCode)).toEqual(['OK', 'SMALL'])
    expect(run.exclusions.map((e) => e.affiliateCode).sort()).toEqual(['BANK', 'DEBT', 'NOMAIL', 'SUS'])
    expect(await balances(p.ids.SUS!)).toEqual({ payable: 10_00, paid: 0 })
    expect(await balances(p.ids.DEBT!)).toEqual({ payable: -7_00, paid: 10_00 })
  })

  it('refuses invalid bank details at the contract', async () => {
    await start()
    const p = await payoutProgram(t, ['ANN'])
    const err = await wireError(
      t.call('affiliates.update', {
        id: p.ids.ANN!,
        bankDetails: { accountHolder: 'A', iban: 'DE00 3704 0044 0532 0130 00' },
      }),
    )
    expect(err).toMatchObject({ code: 'invalid_input' })
  })

  it('narrowed to one affiliate, touches nobody else', async () => {
    await start()
    const p = await payoutProgram(t, ['ANN', 'BEN'])
    await p.sale('ANN', 'O1', 100_00)
    await p.sale('BEN', 'O2', 100_00)
    clock += DAY
    const run = await t.call('payouts.commit', { cutoff: clock, affiliateIds: [p.ids.BEN!] })
    expect(run.items.map((i) => i.affiliateCode)).toEqual(['BEN'])
    expect(run.run.affiliateIds).toEqual([p.ids.BEN])
    expect(await balances(p.ids.ANN!)).toEqual({ payable: 10_00, paid: 0 })
    expect(await balances(p.ids.BEN!)).toEqual({ payable: 0, paid: 10_00 })
  })

  it('a refund while the money is in flight claws back, and the next run nets it', async () => {
    await start()
    const p = await payoutProgram(t, ['ANN'])
    await p.sale('ANN', 'O1', 100_00)
    await p.sale('ANN', 'O2', 200_00)
    clock += DAY
    await t.call('payouts.commit', { cutoff: clock })
    await p.refund('ANN', 'O1')
    await p.sale('ANN', 'O3', 50_00)
    clock += DAY
    const next = await t.call('payouts.preview', { cutoff: clock })
    expect(next.items).toEqual([])
    expect(next.exclusions.map((e) => [e.reason, e.amountMinor])).toEqual([['negative_balance', -5_00]])
  })
})

describe('cancel, export and reconciliation', () => {
  async function committed() {
    await start()
    const p = await payoutProgram(t, ['ANN', 'BEN'])
    await p.sale('ANN', 'O1', 100_00)
    await p.sale('BEN', 'O2', 250_00)
    clock += DAY
    const run = await t.call('payouts.commit', { cutoff: clock })
    return { p, run }
  }

  it('cancelling a committed run gives every line back', async () => {
    const { p, run } = await committed()
    const cancelled = await t.call('payouts.cancel', { runId: run.run.id, reason: 'wrong cut-off' })
    expect(cancelled.run.status).toBe('cancelled')
    expect(cancelled.items.every((i) => i.status === 'cancelled')).toBe(true)
    expect(await balances(p.ids.ANN!)).toEqual({ payable: 10_00, paid: 0 })
    const again = await t.call('payouts.commit', { cutoff: clock })
    expect(again.run.totals).toEqual(run.run.totals)
    expect(await wireError(t.call('payouts.cancel', { runId: run.run.id }))).toMatchObject({
      code: 'conflict',
    })
  })

  it('exports, moves items to processing, and refuses to cancel afterwards', async () => {
    const { run } = await committed()
    const { files } = await t.call('payouts.export', { runId: run.run.id, format: 'paypal' })
    expect(files).toHaveLength(1)
    expect(files[0]).toMatchObject({ rows: 2, currency: 'USD', totalMinor: 35_00 })
    for (const item of run.items) expect(files[0]!.content).toContain(`PI-${item.id},`)
    const after = await t.call('payouts.get', { runId: run.run.id })
    expect(after.run.status).toBe('exported')
    expect(after.items.map((i) => i.status)).toEqual(['processing', 'processing'])
    expect(await wireError(t.call('payouts.cancel', { runId: run.run.id }))).toMatchObject({
      code: 'conflict',
    })
    // A bookkeeping export pays nobody and moves nothing.
    const csv = await t.call('payouts.export', { runId: run.run.id, format: 'csv' })
    expect(csv.files[0]!.content).toContain('ANN')
  })

  it('imports outcomes: paid stays paid, failed gives the lines back; the same report twice changes nothing', async () => {
    const { p, run } = await committed()
    await t.call('payouts.export', { runId: run.run.id, format: 'paypal' })
    const [ann, ben] = run.items as [(typeof run.items)[0], (typeof run.items)[0]]
    const rows = [
      {
        itemId: ann.id,
        outcome: 'paid' as const,
        providerRef: 'TX1',
        amountMinor: 10_00,
        currency: 'USD',
        detail: null,
      },
      {
        itemId: ben.id,
        outcome: 'failed' as const,
        providerRef: 'TX2',
        amountMinor: 25_00,
        currency: 'USD',
        detail: 'bad account',
      },
    ]
    const first = await t.call('payouts.importReport', { kind: 'paypal', rows, runId: run.run.id })
    expect(first).toEqual({ applied: 2, unchanged: 0, problems: [] })
    const second = await t.call('payouts.importReport', { kind: 'paypal', rows, runId: run.run.id })
    expect(second).toEqual({ applied: 0, unchanged: 2, problems: [] })
    expect(await balances(p.ids.ANN!)).toEqual({ payable: 0, paid: 10_00 })
    expect(await balances(p.ids.BEN!)).toEqual({ payable: 25_00, paid: 0 })
    const done = await t.call('payouts.get', { runId: run.run.id })
    expect(done.run.status).toBe('completed')
    expect(done.items.map((i) => [i.status, i.providerRef])).toEqual([
      ['paid', 'TX1'],
      ['failed', 'TX2'],
    ])
    // BEN's released lines go into the next run.
    clock += DAY
    const next = await t.call('payouts.preview', { cutoff: clock })
    expect(next.items.map((i) => [i.affiliateCode, i.amountMinor])).toEqual([['BEN', 25_00]])
    // Money that comes back after being paid is payable again.
    await t.call('payouts.markItem', { itemId: ann.id, outcome: 'returned', reason: 'account closed' })
    expect(await balances(p.ids.ANN!)).toEqual({ payable: 10_00, paid: 0 })
    const db = openReadOnly(t.core.dbFile)
    expect(db.value("SELECT count(*) FROM audit_log WHERE entity = 'payout_item'")).toBe(3)
    db.close()
  })

  it('marks by hand with a reason, and marking the same twice is an error', async () => {
    const { run } = await committed()
    const item = run.items[0]!
    const marked = await t.call('payouts.markItem', {
      itemId: item.id,
      outcome: 'paid',
      reason: 'sent by bank',
    })
    expect(marked).toMatchObject({ status: 'paid', reason: 'sent by bank' })
    expect(
      await wireError(t.call('payouts.markItem', { itemId: item.id, outcome: 'paid', reason: 'again' })),
    ).toMatchObject({ code: 'conflict', message: expect.stringContaining('already paid') })
    expect(
      await wireError(t.call('payouts.markItem', { itemId: item.id, outcome: 'failed', reason: 'oops' })),
    ).toMatchObject({ code: 'conflict' })
    // An item already marked keeps the run from being cancelled.
    expect(await wireError(t.call('payouts.cancel', { runId: run.run.id }))).toMatchObject({
      code: 'conflict',
    })
  })

  it('gives clear errors for bad input', async () => {
    const { p } = await committed()
    expect(await wireError(t.call('payouts.preview', { cutoff: clock + DAY }))).toMatchObject({
      code: 'invalid_input',
    })
    expect(await wireError(t.call('payouts.get', { runId: 999 }))).toMatchObject({ code: 'not_found' })
    expect(await wireError(t.call('payouts.cancel', { runId: 999 }))).toMatchObject({ code: 'not_found' })
    expect(await wireError(t.call('payouts.export', { runId: 999, format: 'wise' }))).toMatchObject({
      code: 'not_found',
    })
    expect(
      await wireError(t.call('payouts.markItem', { itemId: 999, outcome: 'paid', reason: 'x' })),
    ).toMatchObject({ code: 'not_found' })
    expect(
      await wireError(t.call('payouts.markItem', { itemId: 1, outcome: 'paid', reason: '' })),
    ).toMatchObject({ code: 'invalid_input' })
    expect(
      await wireError(t.call('payouts.commit', { cutoff: clock, affiliateIds: [p.ids.ANN!, 999] })),
    ).toMatchObject({ code: 'not_found' })
    // Negative money never enters: not as a minimum, not as an override.
    expect(await wireError(t.call('settings.update', { minPayoutMinor: -1 }))).toMatchObject({
      code: 'invalid_input',
    })
    expect(
      await wireError(t.call('affiliates.update', { id: p.ids.ANN!, minPayoutMinor: -100 })),
    ).toMatchObject({ code: 'invalid_input' })
    expect(await wireError(t.call('payouts.preview', { cutoff: -1 }))).toMatchObject({
      code: 'invalid_input',
    })
  })

  it('refuses a commit whose totals moved since the preview, writing nothing', async () => {
    const { p } = await committed()
    await p.sale('ANN', 'O9', 100_00)
    clock += DAY
    const preview = await t.call('payouts.preview', { cutoff: clock })
    await p.sale('ANN', 'O10', 100_00)
    expect(
      await wireError(t.call('payouts.commit', { cutoff: clock, expectedTotals: preview.totals })),
    ).toMatchObject({ code: 'conflict' })
    expect((await t.call('payouts.list', {})).total).toBe(1)
  })

  it('the database itself refuses a second live lock on a line', async () => {
    await committed()
    const Database = (await import('better-sqlite3')).default
    const db = new Database(t.core.dbFile)
    db.pragma('busy_timeout = 5000')
    const line = db.prepare('SELECT commission_id FROM payout_locks LIMIT 1').pluck().get() as number
    const other = db
      .prepare(
        `INSERT INTO payout_runs (status, cutoff, sender_batch_id, created_at, created_by)
         VALUES ('committed', 0, 'AD-raw', 0, 'raw') RETURNING id`,
      )
      .pluck()
      .get() as number
    // Raw SQL, no store code: handing a held line to another run is refused by the database.
    const lock = db.prepare('INSERT INTO payout_locks (commission_id, payout_run_id) VALUES (?, ?)')
    expect(() => lock.run(line, other)).toThrow(/UNIQUE constraint failed: payout_locks.commission_id/)
    // Once released, the line may be locked again.
    db.prepare('DELETE FROM payout_locks WHERE commission_id = ?').run(line)
    lock.run(line, other)
    expect(
      db.prepare('SELECT payout_run_id FROM payout_locks WHERE commission_id = ?').pluck().get(line),
    ).toBe(other)
    db.close()
  })

  it('shows an affiliate their payouts, a statement, and yearly totals flagged over the threshold', async () => {
    const { p, run } = await committed()
    const ben = run.items.find((i) => i.affiliateCode === 'BEN')!
    await t.call('payouts.markItem', { itemId: ben.id, outcome: 'paid', reason: 'sent' })
    await t.call('settings.update', { taxThresholdMinor: 20_00 })
    const mine = await t.call('payouts.affiliate', { affiliateId: p.ids.BEN! })
    expect(mine.items.map((i) => [i.id, i.status])).toEqual([[ben.id, 'paid']])
    const statement = await t.call('payouts.statement', { itemId: ben.id })
    expect(statement.html).toContain('O2')
    const year = new Date(clock).getUTCFullYear()
    const totals = await t.call('payouts.yearlyTotals', { year })
    expect(totals.rows).toEqual([
      expect.objectContaining({ affiliateCode: 'BEN', totalMinor: 25_00, items: 1, overThreshold: true }),
    ])
    expect(totals.csv).toContain('BEN')
  })
})

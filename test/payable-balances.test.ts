// payable_balances against a file changed behind the app's back: a commit whose locks do not match
// the balances it read pays nothing, sums the balances again from the ledger (audited), and says to
// preview again; the next run then pays what the ledger says. Real SQLite file, through the contract.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore, wireError } from './support/core'
import { T0 } from './support/intent'
import { payoutProgram } from './support/payouts'
import { balancesBesideLedger } from './support/sql'

const DAY = 86_400_000
let t: TestCore
afterEach(async () => {
  await t?.close()
})

it.each(['unlock', 'filter'] as const)(
  'a commit that finds the balances wrong pays nothing, sums them again, and the next run pays the ledger (%s)',
  async (lock) => {
    let clock = T0
    t = await startTestCore({ now: () => clock, jobs: 'manual', payoutPlans: { lock: () => lock } })
    const p = await payoutProgram(t, ['ANN', 'BOB'], { minPayoutMinor: 100 })
    for (const code of ['ANN', 'BOB']) await p.sale(code, `O-${code}`, 10_000)
    clock += DAY
    // Someone edits the file: ANN's balance now claims one more line and $5.00 more than the ledger.
    const db = new Database(t.core.dbFile)
    db.prepare(
      `UPDATE payable_balances SET net_minor = net_minor + 500, lines = lines + 1 WHERE affiliate_id = ?`,
    ).run(p.ids.ANN)
    db.close()
    const amounts = (items: { affiliateCode: string; amountMinor: number }[]) =>
      Object.fromEntries(items.map((i) => [i.affiliateCode, i.amountMinor]))

    const wrong = await t.call('payouts.preview', { cutoff: clock })
    expect(amounts(wrong.items), 'a preview reads the balances as they are').toEqual({ ANN: 1500, BOB: 1000 })
    const refused = await wireError(t.call('payouts.commit', { cutoff: clock, expectedTotals: wrong.totals }))
    expect(refused).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/did not match the ledger and were summed again/),
    })
    expect((await t.call('payouts.list', {})).rows, 'nothing was saved').toEqual([])
    const audit = await t.call('audit.list', { entity: 'payable_balances' })
    expect(audit.rows.map((e) => [e.action, e.entityId, e.before, e.after])).toEqual([
      [
        'payout.balances.repair',
        `${p.ids.ANN} USD`,
        { netMinor: 1500, lines: 2 },
        { netMinor: 1000, lines: 1 },
      ],
    ])

    const right = await t.call('payouts.preview', { cutoff: clock })
    expect(amounts(right.items), 'the balances are the ledger again').toEqual({ ANN: 1000, BOB: 1000 })
    const run = await t.call('payouts.commit', { cutoff: clock, expectedTotals: right.totals })
    expect(amounts(run.items)).toEqual({ ANN: 1000, BOB: 1000 })
    expect((await t.call('payouts.preview', { cutoff: clock })).items, 'every line paid once').toEqual([])
  },
)

// The ledger model pays up to now; here a run is backdated, so lines approved after its cut-off
// (one created before it and approved after) stay on the balances through commit, cancel and a
// later narrowed run. Every way to read groups and lock lines, for everyone and narrowed.
describe.each(
  (['unlock', 'filter'] as const).flatMap((lock) =>
    (['balances', 'ledger'] as const).flatMap((groups) =>
      [false, true].map((narrowed) => ({ lock, groups, narrowed })),
    ),
  ),
)('a backdated run (lock $lock, groups from $groups, narrowed $narrowed)', ({ lock, groups, narrowed }) => {
  it('pays only what was approved by its cut-off and leaves the rest on the balances', async () => {
    let clock = T0
    t = await startTestCore({
      now: () => clock,
      jobs: 'manual',
      payoutPlans: { lock: () => lock, groups: () => groups },
    })
    const p = await payoutProgram(t, ['ANN', 'BOB', 'CAT'], { minPayoutMinor: 100 })
    const ingest = async (
      code: string,
      orderId: string,
      status: 'approved' | 'pending',
      amountMinor: number,
    ) =>
      expect(
        (
          await t.core.store.conversions.ingest(
            p.program.intent({ affiliateId: p.ids[code]!, orderId, status, amountMinor }),
          )
        ).ok,
      ).toBe(true)
    await ingest('ANN', 'A1', 'approved', 10_000)
    await ingest('BOB', 'B1', 'approved', 10_000)
    await ingest('BOB', 'B2', 'pending', 30_000)
    clock += DAY
    await ingest('ANN', 'A2', 'approved', 20_000)
    await ingest('BOB', 'B2', 'approved', 30_000) // created before the cut-off, approved after it
    await ingest('CAT', 'C1', 'approved', 40_000) // only after it
    clock += DAY
    const cutoff = T0 + DAY / 2
    const sel = narrowed ? { cutoff, affiliateIds: Object.values(p.ids) } : { cutoff }
    const amounts = (items: { affiliateCode: string; amountMinor: number }[]) =>
      Object.fromEntries(items.map((i) => [i.affiliateCode, i.amountMinor]))
    const consistent = () => {
      const s = balancesBesideLedger(t.core.dbFile)
      expect(s.balances, 'payable balances are the ledger grouped').toEqual(s.ledger)
    }

    const preview = await t.call('payouts.preview', sel)
    expect(amounts(preview.items)).toEqual({ ANN: 1000, BOB: 1000 })
    const run = await t.call('payouts.commit', { ...sel, expectedTotals: preview.totals })
    expect(amounts(run.items)).toEqual({ ANN: 1000, BOB: 1000 })
    consistent()
    expect(amounts((await t.call('payouts.preview', { cutoff: clock })).items)).toEqual({
      ANN: 2000,
      BOB: 3000,
      CAT: 4000,
    })
    await t.call('payouts.cancel', { runId: run.run.id })
    consistent()
    expect(amounts((await t.call('payouts.preview', { cutoff: clock })).items)).toEqual({
      ANN: 3000,
      BOB: 4000,
      CAT: 4000,
    })
    const onlyAnn = { cutoff: clock, affiliateIds: [p.ids.ANN!] }
    const annRun = await t.call('payouts.commit', {
      ...onlyAnn,
      expectedTotals: (await t.call('payouts.preview', onlyAnn)).totals,
    })
    expect(amounts(annRun.items)).toEqual({ ANN: 3000 })
    consistent()
    await p.refund('ANN', 'A1') // a paid line: clawed back, netted against the next run
    consistent()
    expect(amounts((await t.call('payouts.preview', { cutoff: clock })).items)).toEqual({
      BOB: 4000,
      CAT: 4000,
    })
  })
})

it('the daily check sets drifted balances back to the ledger, audited, before a run pays them', async () => {
  let clock = T0
  t = await startTestCore({ now: () => clock, jobs: 'manual', payoutPlans: { groups: () => 'balances' } })
  const p = await payoutProgram(t, ['ANN', 'BOB', 'CAT'], { minPayoutMinor: 100 })
  for (const code of ['ANN', 'BOB', 'CAT']) await p.sale(code, `O-${code}`, 10_000)
  clock += DAY
  // Drift a commit cannot see by counting lines: ANN's amount alone, and BOB's row gone (a run
  // that locks only paid groups' lines would just leave BOB out).
  const db = new Database(t.core.dbFile)
  db.prepare(`UPDATE payable_balances SET net_minor = net_minor + 50000 WHERE affiliate_id = ?`).run(
    p.ids.ANN,
  )
  db.prepare(`DELETE FROM payable_balances WHERE affiliate_id = ?`).run(p.ids.BOB)
  // And the newest affiliate, the last one a chunked check reaches, one cent short.
  const newest = Math.max(...Object.values(p.ids))
  expect(newest).toBe(p.ids.CAT)
  db.prepare(`UPDATE payable_balances SET net_minor = net_minor - 1 WHERE affiliate_id = ?`).run(newest)
  db.close()
  const amounts = async () =>
    Object.fromEntries(
      (await t.call('payouts.preview', { cutoff: clock })).items.map((i) => [i.affiliateCode, i.amountMinor]),
    )
  expect(await amounts(), 'what the drifted balances say').toEqual({ ANN: 51000, CAT: 999 })

  // One affiliate per transaction, so every chunk boundary is crossed.
  expect(await t.core.store.payouts.checkBalances('test', 1), 'groups repaired').toBe(3)
  expect(await amounts(), 'the ledger again').toEqual({ ANN: 1000, BOB: 1000, CAT: 1000 })
  const audit = await t.call('audit.list', { entity: 'payable_balances' })
  expect(audit.rows.map((e) => [e.entityId, e.before, e.after]).sort()).toEqual([
    [`${p.ids.ANN} USD`, { netMinor: 51000, lines: 1 }, { netMinor: 1000, lines: 1 }],
    [`${p.ids.BOB} USD`, { netMinor: 0, lines: 0 }, { netMinor: 1000, lines: 1 }],
    [`${p.ids.CAT} USD`, { netMinor: 999, lines: 1 }, { netMinor: 1000, lines: 1 }],
  ])

  // The scheduled job does the same over every affiliate; nothing is left to repair.
  await t.core.jobs!.tick()
  const db2 = new Database(t.core.dbFile, { readonly: true })
  expect(
    db2.prepare(`SELECT last_result FROM jobs WHERE name = 'payable-balances-check'`).pluck().get(),
  ).toBe('repaired 0 payable balance(s)')
  db2.close()
})

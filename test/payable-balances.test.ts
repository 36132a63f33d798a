// payable_balances against a file changed behind the app's back: a commit whose locks do not match
// the balances it read pays nothing, sums the balances again from the ledger (audited), and says to
// preview again; the next run then pays what the ledger says. Real SQLite file, through the contract.
import Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { startTestCore, type TestCore, wireError } from './support/core'
import { T0 } from './support/intent'
import { payoutProgram } from './support/payouts'

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
    expect(audit.rows.map((e) => [e.action, e.after])).toEqual([['payout.balances.rebuild', { groups: 2 }]])

    const right = await t.call('payouts.preview', { cutoff: clock })
    expect(amounts(right.items), 'the balances are the ledger again').toEqual({ ANN: 1000, BOB: 1000 })
    const run = await t.call('payouts.commit', { cutoff: clock, expectedTotals: right.totals })
    expect(amounts(run.items)).toEqual({ ANN: 1000, BOB: 1000 })
    expect((await t.call('payouts.preview', { cutoff: clock })).items, 'every line paid once').toEqual([])
  },
)

// The minimum payout per currency, through the contract on a real SQLite file: a run leaves a JPY
// group below the JPY minimum while paying a USD group, an affiliate's own minimum counts in its
// payout currency only, and the settings contract refuses what is not a minimum.
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore, wireError } from './support/core'
import { T0 } from './support/intent'
import { createProgram, type TestProgram } from './support/program'
import { openReadOnly } from './support/sql'

const DAY = 86_400_000
let clock = T0
let t: TestCore
afterEach(async () => {
  await t?.close()
})

async function start(payoutLockPlan?: () => 'unlock' | 'filter') {
  clock = T0
  t = await startTestCore({
    now: () => clock,
    jobs: 'manual',
    ...(payoutLockPlan ? { payoutPlans: { lock: payoutLockPlan } } : {}),
  })
  return t
}

/** A USD and a JPY campaign (10 % of each sale), and approved affiliates paid by PayPal. */
async function twoCurrencies(affiliates: Record<string, string>) {
  const usd = await createProgram(t, { chain: [], campaign: { currency: 'USD' } })
  const jpy = await createProgram(t, { chain: [], campaign: { currency: 'JPY' } })
  const ids: Record<string, number> = {}
  for (const [code, payoutCurrency] of Object.entries(affiliates)) {
    const a = await t.call('affiliates.create', {
      name: code,
      email: `${code.toLowerCase()}@x.example`,
      code,
      payoutCurrency,
      paymentEmail: `pay-${code.toLowerCase()}@x.example`,
    })
    await t.call('affiliates.setStatus', { id: a.id, status: 'approved' })
    ids[code] = a.id
  }
  const programs: Record<string, TestProgram> = { USD: usd, JPY: jpy }
  /** An approved sale of `amountMinor` in `currency`, credited to the affiliate now. */
  const sale = async (code: string, currency: 'USD' | 'JPY', orderId: string, amountMinor: number) => {
    const r = await t.core.store.conversions.ingest(
      programs[currency]!.intent({
        affiliateId: ids[code]!,
        orderId,
        status: 'approved',
        currency,
        amountMinor,
      }),
    )
    if (!r.ok) throw new Error(`${orderId}: ${r.code} ${r.reason}`)
  }
  return { ids, sale }
}

const groups = (rows: { affiliateCode: string; currency: string; amountMinor: number }[]) =>
  rows.map((r) => `${r.affiliateCode} ${r.currency} ${r.amountMinor}`).sort()

describe('the minimum payout per currency', () => {
  it('leaves a JPY group below the JPY minimum out of the run while paying a USD group', async () => {
    await start()
    // $50.00 by default, ¥10,000 for yen: the one default of 5000 minor units would be only ¥5,000.
    await t.call('settings.update', { minPayoutMinor: 5_000, minPayoutByCurrency: { JPY: 10_000 } })
    const p = await twoCurrencies({ ANN: 'USD', KEN: 'JPY' })
    await p.sale('ANN', 'USD', 'U1', 600_00) // earns $60.00
    await p.sale('KEN', 'JPY', 'J1', 99_990) // earns ¥9,999, one yen short
    await p.sale('ANN', 'JPY', 'J2', 100_000) // earns ¥10,000, exactly the minimum
    clock += DAY
    const preview = await t.call('payouts.preview', { cutoff: clock })
    expect(groups(preview.items)).toEqual(['ANN JPY 10000', 'ANN USD 6000'])
    expect(preview.exclusions).toMatchObject([
      {
        affiliateCode: 'KEN',
        currency: 'JPY',
        reason: 'below_minimum',
        amountMinor: 9_999,
        message: 'Below the minimum payout of ¥10,000; rolls over',
      },
    ])

    const run = await t.call('payouts.commit', { cutoff: clock, expectedTotals: preview.totals })
    expect(groups(run.items)).toEqual(['ANN JPY 10000', 'ANN USD 6000'])
    expect(run.exclusions.map((e) => [e.affiliateCode, e.reason])).toEqual([['KEN', 'below_minimum']])
    const ken = await t.call('commissions.balances', { affiliateId: p.ids.KEN!, currency: 'JPY' })
    expect(ken.rows[0]).toMatchObject({ approvedUnpaidMinor: 9_999, paidMinor: 0 })

    // The next yen earned lifts KEN over the minimum: the rolled-over lines are paid with it.
    await p.sale('KEN', 'JPY', 'J3', 10)
    clock += DAY
    const next = await t.call('payouts.commit', { cutoff: clock })
    expect(groups(next.items)).toEqual(['KEN JPY 10000'])
    expect(next.exclusions).toEqual([])
  })

  // Both ways a commit picks its lines (lock all then unlock the groups left out, or lock only the
  // paid groups' lines) must leave the same lines payable: here one currency of an affiliate paid and
  // another left out, and an affiliate left out whole.
  it.each(['unlock', 'filter'] as const)(
    'keeps the lines of a group left out payable when the same affiliate is paid in another currency (%s)',
    async (plan) => {
      await start(() => plan)
      await t.call('settings.update', { minPayoutMinor: 5_000, minPayoutByCurrency: { JPY: 10_000 } })
      const p = await twoCurrencies({ ANN: 'USD', KEN: 'JPY' })
      await p.sale('ANN', 'USD', 'U1', 600_00) // $60.00: paid
      await p.sale('ANN', 'USD', 'U2', 100_00) // $10.00: paid with it
      await p.sale('ANN', 'JPY', 'J1', 50_000) // ¥5,000: below the minimum
      await p.sale('KEN', 'JPY', 'J2', 20_000) // ¥2,000: below the minimum
      clock += DAY
      const run = await t.call('payouts.commit', { cutoff: clock })
      expect(groups(run.items)).toEqual(['ANN USD 7000'])
      expect(groups(run.exclusions)).toEqual(['ANN JPY 5000', 'KEN JPY 2000'])
      const balance = async (code: string, currency: string) =>
        (await t.call('commissions.balances', { affiliateId: p.ids[code]!, currency })).rows[0]
      expect(await balance('ANN', 'USD')).toMatchObject({ approvedUnpaidMinor: 0, paidMinor: 70_00 })
      expect(await balance('ANN', 'JPY')).toMatchObject({ approvedUnpaidMinor: 5_000, paidMinor: 0 })
      expect(await balance('KEN', 'JPY')).toMatchObject({ approvedUnpaidMinor: 2_000, paidMinor: 0 })
      const db = openReadOnly(t.core.dbFile)
      expect(
        db.all(
          `SELECT m.currency, count(*) AS n FROM payout_locks k JOIN commissions m ON m.id = k.commission_id
            GROUP BY m.currency`,
        ),
        'only the paid group is locked',
      ).toEqual([{ currency: 'USD', n: 2 }])
      db.close()

      // What was left out rolls over and is paid once it passes the minimum.
      await p.sale('ANN', 'JPY', 'J3', 50_000)
      clock += DAY
      const next = await t.call('payouts.commit', { cutoff: clock })
      expect(groups(next.items)).toEqual(['ANN JPY 10000'])
      expect(groups(next.exclusions)).toEqual(['KEN JPY 2000'])
    },
  )

  it("applies an affiliate's own minimum in its payout currency, and the program's in the others", async () => {
    await start()
    await t.call('settings.update', { minPayoutMinor: 5_000, minPayoutByCurrency: { JPY: 10_000 } })
    const p = await twoCurrencies({ KEN: 'JPY' })
    // ¥1,000 of its own; its USD lines keep the program's $50.00 (not $10.00).
    await t.call('affiliates.update', { id: p.ids.KEN!, minPayoutMinor: 1_000 })
    await p.sale('KEN', 'JPY', 'J1', 20_000) // ¥2,000
    await p.sale('KEN', 'USD', 'U1', 400_00) // $40.00
    clock += DAY
    const preview = await t.call('payouts.preview', { cutoff: clock })
    expect(groups(preview.items)).toEqual(['KEN JPY 2000'])
    expect(preview.exclusions).toMatchObject([
      {
        currency: 'USD',
        reason: 'below_minimum',
        amountMinor: 40_00,
        message: 'Below the minimum payout of $50.00; rolls over',
      },
    ])
  })

  it('keeps one default for every currency until minimums per currency are set', async () => {
    await start()
    expect((await t.call('settings.get', {})).minPayoutByCurrency).toEqual({})
    await t.call('settings.update', { minPayoutMinor: 5_000 })
    const p = await twoCurrencies({ ANN: 'USD', KEN: 'JPY' })
    await p.sale('ANN', 'USD', 'U1', 499_90) // $49.99
    await p.sale('KEN', 'JPY', 'J1', 50_000) // ¥5,000
    clock += DAY
    const preview = await t.call('payouts.preview', { cutoff: clock })
    expect(groups(preview.items)).toEqual(['KEN JPY 5000'])
    expect(groups(preview.exclusions)).toEqual(['ANN USD 4999'])
  })

  it('stores the map as set, audited, and refuses what is not a minimum per currency', async () => {
    await start()
    const set = { USD: 2_500, JPY: 3_000, KWD: 10_000 }
    expect((await t.call('settings.update', { minPayoutByCurrency: set })).minPayoutByCurrency).toEqual(set)
    expect((await t.call('settings.get', {})).minPayoutByCurrency).toEqual(set)
    const db = openReadOnly(t.core.dbFile)
    const audit = db.get<{ before: string; after: string }>(
      "SELECT before, after FROM audit_log WHERE action = 'settings.update' ORDER BY id DESC LIMIT 1",
    )
    db.close()
    expect(JSON.parse(audit!.before)).toEqual({ minPayoutByCurrency: {} })
    expect(JSON.parse(audit!.after)).toEqual({ minPayoutByCurrency: set })

    const many = Object.fromEntries(
      Array.from({ length: 201 }, (_, i) => [
        String.fromCharCode(65 + Math.floor(i / 26 / 26)) +
          String.fromCharCode(65 + (Math.floor(i / 26) % 26)) +
          String.fromCharCode(65 + (i % 26)),
        1,
      ]),
    )
    for (const bad of [
      { usd: 100 },
      { US: 100 },
      { USDX: 100 },
      { '': 100 },
      { USD: -1 },
      { USD: 1.5 },
      { USD: 1_000_000_001 },
      { USD: Number.MAX_SAFE_INTEGER + 1 },
      { USD: '100' },
      { USD: null },
      many,
    ]) {
      expect(
        await wireError(t.call('settings.update', { minPayoutByCurrency: bad as never })),
        JSON.stringify(bad).slice(0, 60),
      ).toMatchObject({ code: 'invalid_input' })
    }
    // 200 currencies is the bound, not past it.
    const two00 = Object.fromEntries(Object.entries(many).slice(0, 200))
    expect(
      Object.keys((await t.call('settings.update', { minPayoutByCurrency: two00 })).minPayoutByCurrency),
    ).toHaveLength(200)
    // Nothing refused was stored.
    expect((await t.call('settings.get', {})).minPayoutByCurrency).toEqual(two00)
  })
})

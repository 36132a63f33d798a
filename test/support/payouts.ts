// A program with affiliates who can be paid, and sales that land approved, for payout tests.
import type { TestCore } from './core'
import { createProgram, type TestProgram } from './program'

export interface PayoutProgram {
  program: TestProgram
  /** Affiliates by code, each approved with a PayPal payment email. */
  ids: Record<string, number>
  /** An approved signed sale of `amountMinor` (10 % commission) credited to the affiliate, now. */
  sale(code: string, orderId: string, amountMinor: number): Promise<void>
  /** The advertiser refunds the order now. */
  refund(code: string, orderId: string): Promise<void>
}

export async function payoutProgram(
  t: TestCore,
  codes: readonly string[],
  opts: { minPayoutMinor?: number } = {},
): Promise<PayoutProgram> {
  const program = await createProgram(t, { chain: [] })
  await t.call('settings.update', { minPayoutMinor: opts.minPayoutMinor ?? 0 })
  const ids: Record<string, number> = {}
  for (const code of codes) {
    const a = await t.call('affiliates.create', {
      name: code,
      email: `${code.toLowerCase()}@x.example`,
      code,
      paymentEmail: `pay-${code.toLowerCase()}@x.example`,
    })
    await t.call('affiliates.setStatus', { id: a.id, status: 'approved' })
    ids[code] = a.id
  }
  const report = async (
    code: string,
    orderId: string,
    status: 'approved' | 'refunded',
    amountMinor?: number,
  ) => {
    const r = await t.core.store.conversions.ingest(
      program.intent({
        affiliateId: ids[code]!,
        orderId,
        status,
        ...(amountMinor === undefined ? { amountMinor: null } : { amountMinor }),
      }),
    )
    if (!r.ok) throw new Error(`${status} ${orderId}: ${r.code} ${r.reason}`)
  }
  return {
    program,
    ids,
    sale: (code, orderId, amountMinor) => report(code, orderId, 'approved', amountMinor),
    refund: (code, orderId) => report(code, orderId, 'refunded'),
  }
}

// Rejections, refunds and clawbacks end to end: real clicks and signed postbacks through the public
// listener, then the ledger, balances and "why this amount" through the contract.
import Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { click, postback, signedQuery, startProgram, type Program } from './support/listener'

let p: Program
afterEach(async () => {
  await p?.t.close()
})

let ts = Math.floor(Date.now() / 1000)
/** A signed postback; every call gets a fresh timestamp so the replay guard sees a new signature. */
function send(clickid: string, orderId: string, status: string, amount = '100.00') {
  const params = {
    clickid,
    order_id: orderId,
    amount,
    currency: 'USD',
    event: 'sale',
    status,
    timestamp: String(++ts),
  }
  return postback(p.base, signedQuery(p.secret, params))
}

/** Stands in for a payout run, which is not built yet: marks a conversion and its earnings paid. */
function markPaid(conversionId: number) {
  const db = new Database(p.t.core.dbFile)
  db.prepare("UPDATE commissions SET status = 'paid' WHERE conversion_id = ? AND kind = 'earning'").run(
    conversionId,
  )
  db.prepare("UPDATE conversions SET status = 'paid' WHERE id = ?").run(conversionId)
  db.close()
}

it('rejects, refunds and claws back through /postback, and every cent nets out', async () => {
  p = await startProgram()
  const [parent, child] = p.affiliateIds as [number, number]
  const clickId = async () => (await click(p.base, p.linkCode)).clickId!

  // Rejected before approval: cancelled, nothing owed.
  const a = await clickId()
  const rejectedId = (await send(a, 'ORD-A', 'pending')).body.conversion_id as number
  expect(await send(a, 'ORD-A', 'rejected')).toMatchObject({ status: 200, body: { status: 'rejected' } })
  // Approved, then refunded before any payout: reversed.
  const b = await clickId()
  const refundedId = (await send(b, 'ORD-B', 'approved')).body.conversion_id as number
  expect((await send(b, 'ORD-B', 'refunded')).body).toMatchObject({ status: 'refunded' })
  // Approved and paid, then refunded: the paid rows stay, a clawback nets against the next payout.
  const c = await clickId()
  const clawedId = (await send(c, 'ORD-C', 'approved', '80.00')).body.conversion_id as number
  markPaid(clawedId)
  expect((await send(c, 'ORD-C', 'refunded', '80.00')).body).toMatchObject({ status: 'refunded' })
  // Still pending.
  const d = await clickId()
  await send(d, 'ORD-D', 'pending', '50.00')

  for (const id of [rejectedId, refundedId, clawedId]) {
    expect((await p.t.call('conversions.get', { id })).conversion.commissionMinor).toBe(0)
  }
  const clawed = await p.t.call('conversions.get', { id: clawedId })
  expect(clawed.lines.map((l) => [l.affiliateCode, l.kind, l.status, l.amountMinor])).toEqual([
    ['CHILD', 'earning', 'paid', 800],
    ['PARENT', 'earning', 'paid', 400],
    ['CHILD', 'clawback', 'approved', -800],
    ['PARENT', 'clawback', 'approved', -400],
  ])
  expect(clawed.lines[2]).toMatchObject({
    reversesId: clawed.lines[0]!.id,
    rule: `clawback of #${clawed.lines[0]!.id} (conversion refunded)`,
    level: 1,
    baseMinor: 8000,
    rateBps: 1000,
  })

  const balances = await p.t.call('commissions.balances', {})
  expect(
    balances.rows.map((r) => [r.affiliateId, r.pendingMinor, r.approvedUnpaidMinor, r.paidMinor]),
  ).toEqual([
    [parent, 250, -400, 400],
    [child, 500, -800, 800],
  ])

  // Retried postbacks change nothing: same status = duplicate; a final conversion refuses to move.
  const db = new Database(p.t.core.dbFile, { readonly: true })
  const snapshot = () => db.prepare('SELECT * FROM commissions ORDER BY id').all()
  const before = snapshot()
  expect(await send(b, 'ORD-B', 'refunded')).toMatchObject({ status: 200, body: { duplicate: true } })
  expect(await send(c, 'ORD-C', 'refunded', '80.00')).toMatchObject({
    status: 200,
    body: { duplicate: true },
  })
  // Final conversions do not move: a late approval is answered with the final status, a
  // contradicting final word is refused, and neither changes a cent.
  expect(await send(a, 'ORD-A', 'approved')).toMatchObject({
    status: 200,
    body: { status: 'rejected', duplicate: true },
  })
  expect((await send(a, 'ORD-A', 'refunded')).status).toBe(409)
  expect(snapshot()).toEqual(before)
  db.close()
})

it('pays the new upline for a postback after a move, and leaves the earlier one as it was', async () => {
  p = await startProgram()
  const [, child] = p.affiliateIds as [number, number]
  const sponsor = await p.t.call('affiliates.create', { name: 'S', email: 's@x.example', code: 'SPONSOR' })
  await p.t.call('affiliates.setStatus', { id: sponsor.id, status: 'approved' })

  const first = await send((await click(p.base, p.linkCode)).clickId!, 'ORD-1', 'pending')
  await p.t.call('affiliates.move', { id: child, parentId: sponsor.id })
  const second = await send((await click(p.base, p.linkCode)).clickId!, 'ORD-2', 'pending')

  const payees = async (id: unknown) =>
    (await p.t.call('conversions.get', { id: id as number })).lines.map((l) => [l.affiliateCode, l.level])
  expect(await payees(first.body.conversion_id)).toEqual([
    ['CHILD', 1],
    ['PARENT', 2],
  ])
  expect(await payees(second.body.conversion_id)).toEqual([
    ['CHILD', 1],
    ['SPONSOR', 2],
  ])
})

// Moving subtrees on a real database: the closure table must always equal the one recomputed from
// parent_id, a loop is refused without changing anything, and only future commissions follow the move.
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { closureFromParents, type ClosureRow } from './support/closure-oracle'
import { startTestCore, type TestCore } from './support/core'
import { affiliateChain, createProgram, type TestProgram } from './support/program'
import { withReadOnly } from './support/sql'

const T0 = Date.UTC(2026, 10, 20, 12)

function snapshot(dbFile: string) {
  return withReadOnly(dbFile, (db) => ({
    closure: db.all<ClosureRow>(
      'SELECT ancestor_id AS ancestorId, descendant_id AS descendantId, depth FROM affiliate_hierarchy ORDER BY 1, 2',
    ),
    parents: new Map(
      db
        .all<{ id: number; parentId: number | null }>('SELECT id, parent_id AS parentId FROM affiliates')
        .map((r) => [r.id, r.parentId] as const),
    ),
    audit: db.value('SELECT count(*) AS n FROM audit_log'),
  }))
}

const byKey = (a: ClosureRow, b: ClosureRow) => a.ancestorId - b.ancestorId || a.descendantId - b.descendantId

function expectClosureMatchesParents(dbFile: string) {
  const { closure, parents } = snapshot(dbFile)
  expect(closure).toEqual(closureFromParents(parents).sort(byKey))
}

describe('moving a subtree (store level, property)', () => {
  let t: TestCore
  beforeAll(async () => {
    t = await startTestCore({ now: () => T0 })
  })
  afterAll(async () => {
    await t.close()
  })

  // A forest: node i's parent is an earlier node or none. Moves pick any node and any target,
  // including ones inside the node's own subtree (which must be refused).
  const forest = fc.integer({ min: 1, max: 25 }).chain((n) =>
    fc.record({
      parents: fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.option(fc.nat({ max: Math.max(0, i - 1) }), { nil: null }).map((p) => (i === 0 ? null : p)),
        ),
      ),
      moves: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.option(fc.nat({ max: n - 1 }), { nil: null })), {
        maxLength: 15,
      }),
    }),
  )

  let run = 0
  const seen = { moves: 0, loops: 0 }
  it('keeps the closure table equal to its recomputation from parent_id, and refuses loops unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(forest, async ({ parents, moves }) => {
        run++
        const ids: number[] = []
        for (let i = 0; i < parents.length; i++) {
          const p = parents[i]!
          const a = await t.core.store.affiliates.create(
            {
              code: `R${run}N${i}`,
              name: `n${i}`,
              email: `n${i}@x.example`,
              parentId: p === null ? null : ids[p]!,
              tier: 'standard',
              overrideRateBps: null,
              paymentMethod: 'paypal',
              paymentEmail: null,
              bankDetails: null,
              minPayoutMinor: null,
              payoutCurrency: 'USD',
            },
            'test',
          )
          ids.push(a.id)
        }
        for (const [node, target] of moves) {
          const id = ids[node]!
          const parentId = target === null ? null : ids[target]!
          const before = snapshot(t.core.dbFile)
          // A loop: the target is the node itself or somewhere in its downline (per the model).
          let loop = false
          for (let x: number | null = parentId; x !== null; x = before.parents.get(x) ?? null) {
            if (x === id) loop = true
          }
          const res = await t.raw('affiliates.move', { id, parentId })
          if (loop) {
            expect(res).toMatchObject({ ok: false, error: { code: 'conflict' } })
            expect(snapshot(t.core.dbFile)).toEqual(before)
            seen.loops++
          } else {
            expect(res).toMatchObject({ ok: true, value: { id, parentId } })
            expectClosureMatchesParents(t.core.dbFile)
            seen.moves++
          }
        }
        expectClosureMatchesParents(t.core.dbFile)
      }),
      { numRuns: 40 },
    )
    // The generator must reach both branches, or the property proves little.
    expect(seen.moves).toBeGreaterThan(20)
    expect(seen.loops).toBeGreaterThan(5)
  })
})

describe('affiliates.move, upline and downline through the contract', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ now: () => T0 })
  })
  afterEach(async () => {
    await t.close()
  })

  const chain = (codes: string[], parentId: number | null = null) =>
    affiliateChain(t, codes, { parentId, approve: false })

  it('refuses moving an affiliate under itself or its downline, with a clear conflict, changing nothing', async () => {
    const [a, b, c] = await chain(['AA', 'BB', 'CC'])
    const before = snapshot(t.core.dbFile)
    expect(await t.raw('affiliates.move', { id: a, parentId: c })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `Affiliate ${c} is in the downline of affiliate ${a}; moving ${a} under it would make a loop`,
        issues: [],
      },
    })
    expect(await t.raw('affiliates.move', { id: b, parentId: b })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `Affiliate ${b} cannot be its own parent` },
    })
    expect(await t.raw('affiliates.move', { id: b, parentId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Affiliate 999 does not exist' },
    })
    expect(await t.raw('affiliates.move', { id: 998, parentId: null })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(snapshot(t.core.dbFile)).toEqual(before)
  })

  it('moves a subtree in one step, writes one audit row, and answers upline/downline by depth', async () => {
    const [a, b, c, d] = await chain(['AA', 'BB', 'CC', 'DD'])
    const [x] = await chain(['XX'])
    const auditBefore = snapshot(t.core.dbFile).audit

    const moved = await t.call('affiliates.move', { id: c!, parentId: x! })
    expect(moved).toMatchObject({ id: c, parentId: x, parentCode: 'XX', downlineCount: 1 })
    expect((await t.call('affiliates.upline', { id: d! })).map((n) => [n.code, n.depth])).toEqual([
      ['CC', 1],
      ['XX', 2],
    ])
    expect(await t.call('affiliates.upline', { id: a! })).toEqual([])
    expect(await t.call('affiliates.downline', { id: a!, page: 0, pageSize: 10 })).toEqual({
      rows: [{ id: b, code: 'BB', name: 'BB', status: 'pending', parentId: a, depth: 1 }],
      total: 1,
    })
    expect(snapshot(t.core.dbFile).audit).toBe(auditBefore + 1)
    const audit = await t.call('audit.list', { entity: 'affiliate', page: 0, pageSize: 1 })
    expect(audit.rows[0]).toMatchObject({
      action: 'affiliate.move',
      entityId: String(c),
      before: { parentId: b },
      after: { parentId: x, affiliatesMoved: 2 },
    })

    // To the top level, and a repeat of the same move is a no-op without an audit row.
    await t.call('affiliates.move', { id: c!, parentId: null })
    await t.call('affiliates.move', { id: c!, parentId: null })
    expect(await t.call('affiliates.upline', { id: d! })).toMatchObject([{ code: 'CC', depth: 1 }])
    expect(snapshot(t.core.dbFile).audit).toBe(auditBefore + 2)
    expectClosureMatchesParents(t.core.dbFile)
  })

  it('pages the downline by depth, and limits it to maxDepth', async () => {
    const [root] = await chain(['ROOT'])
    const kids: number[] = []
    for (let i = 0; i < 5; i++) kids.push(...(await chain([`K${i}`, `G${i}`], root!)))
    const all = await t.call('affiliates.downline', { id: root!, page: 0, pageSize: 500 })
    expect(all.total).toBe(10)
    expect(all.rows.map((r) => r.depth)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2])
    const page = await t.call('affiliates.downline', { id: root!, page: 1, pageSize: 3 })
    expect(page.rows.map((r) => r.code)).toEqual(all.rows.slice(3, 6).map((r) => r.code))
    const near = await t.call('affiliates.downline', { id: root!, maxDepth: 1, page: 0, pageSize: 50 })
    expect(near.total).toBe(5)
    expect(near.rows.every((r) => r.depth === 1 && r.parentId === root)).toBe(true)
    expect(await t.raw('affiliates.downline', { id: 12345, page: 0, pageSize: 5 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })
})

describe('commissions after a move', () => {
  let t: TestCore
  let program: TestProgram
  beforeEach(async () => {
    t = await startTestCore({ now: () => T0 })
    program = await createProgram(t, {
      campaign: { name: 'MLM' },
      plan: { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }, { rateBps: 200 }] },
      chain: [],
    })
  })
  afterEach(async () => {
    await t.close()
  })

  const approved = async (code: string, parentId: number | null) =>
    (await affiliateChain(t, [code], { parentId }))[0]!
  const sale = (affiliateId: number, orderId: string) =>
    program.intent({ affiliateId, orderId, status: 'approved' })
  const lines = (conversionId: number) =>
    t
      .call('conversions.get', { id: conversionId })
      .then((d) => d.lines.map((l) => [l.affiliateCode, l.level, l.amountMinor]))

  it('pays the new upline from the next conversion on, and leaves rows already written alone', async () => {
    const a = await approved('AA', null)
    const b = await approved('BB', a)
    const c = await approved('CC', b)
    const x = await approved('XX', null)

    const first = await t.core.store.conversions.ingest(sale(c, 'O1'))
    if (!first.ok) throw new Error(first.reason)
    const firstLines = await lines(first.conversionId)
    expect(firstLines).toEqual([
      ['CC', 1, 1000],
      ['BB', 2, 500],
      ['AA', 3, 200],
    ])

    // A conversion queued before the move is written first, on the tree it arrived under.
    const queued = t.core.store.conversions.ingest(sale(c, 'O2'))
    await t.call('affiliates.move', { id: b, parentId: x })
    const second = await queued
    const third = await t.core.store.conversions.ingest(sale(c, 'O3'))
    if (!second.ok || !third.ok) throw new Error('ingest failed')

    expect(await lines(second.conversionId)).toEqual(firstLines)
    expect(await lines(third.conversionId)).toEqual([
      ['CC', 1, 1000],
      ['BB', 2, 500],
      ['XX', 3, 200],
    ])
    expect(await lines(first.conversionId)).toEqual(firstLines)

    // Moving C itself to the top level: its next sale pays level 1 only.
    await t.call('affiliates.move', { id: c, parentId: null })
    const fourth = await t.core.store.conversions.ingest(sale(c, 'O4'))
    if (!fourth.ok) throw new Error(fourth.reason)
    expect(await lines(fourth.conversionId)).toEqual([['CC', 1, 1000]])
  })

  it('counts the downline and the net earned per level', async () => {
    const r = await approved('RR', null)
    const x = await approved('XX', r)
    await approved('YY', r)
    const z = await approved('ZZ', x)

    await t.core.store.conversions.ingest(sale(r, 'OWN'))
    await t.core.store.conversions.ingest(sale(x, 'L1'))
    await t.core.store.conversions.ingest(sale(z, 'L2'))
    const refunded = await t.core.store.conversions.ingest(sale(z, 'L2-REFUNDED'))
    if (!refunded.ok) throw new Error(refunded.reason)
    await t.call('conversions.setStatus', {
      id: refunded.conversionId,
      status: 'refunded',
      reason: 'chargeback',
    })

    expect(await t.call('affiliates.levelStats', { id: r })).toEqual({
      own: [{ currency: 'USD', amountMinor: 1000 }],
      levels: [
        { level: 1, affiliates: 2, earnings: [{ currency: 'USD', amountMinor: 500 }] },
        // 200 from L2, and 200 − 200 from the refunded one.
        { level: 2, affiliates: 1, earnings: [{ currency: 'USD', amountMinor: 200 }] },
      ],
    })
    expect(await t.call('affiliates.levelStats', { id: z })).toEqual({
      own: [{ currency: 'USD', amountMinor: 1000 }],
      levels: [],
    })
  })
})

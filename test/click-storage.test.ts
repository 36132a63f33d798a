// Clicks are stored under the rowid their id carries (tracking/click-id.ts). Two generators can
// issue the same rowid; the store must then re-key the click before its id is handed out, never
// drop it.
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { ClickRecord } from '../src/main/tracking/types'
import { clickRowid, createClickIdGenerator } from '../src/main/tracking/click-id'
import { clickRecord, startTestCore, type TestCore } from './support/core'
import { createProgram } from './support/program'
import { sqlRows } from './support/sql'

const T0 = Date.UTC(2026, 10, 25, 12)
let t: TestCore
let ids: { campaign: number; affiliate: number; link: number }

beforeEach(async () => {
  t = await startTestCore()
  const program = await createProgram(t)
  const affiliate = program.affiliateIds[0]!
  const link = await t.call('links.create', {
    affiliateId: affiliate,
    campaignId: program.campaignId,
    code: 'K1',
  })
  ids = { campaign: program.campaignId, affiliate, link: link.id }
})
afterEach(async () => {
  await t.close()
})

function click(clickId: string): ClickRecord {
  return clickRecord({
    clickId,
    linkId: ids.link,
    affiliateId: ids.affiliate,
    campaignId: ids.campaign,
    createdAt: T0,
  })
}

const stored = () =>
  sqlRows<{ id: number; clickId: string }>(
    t.core.dbFile,
    'SELECT id, click_id AS clickId FROM clicks ORDER BY id',
  )

it('re-keys a click whose rowid another generator took, in one batch and across batches', async () => {
  const one = createClickIdGenerator({ now: () => T0 })
  const two = createClickIdGenerator({ now: () => T0 })
  const a = click(one())
  const b = click(two())
  expect(clickRowid(b.clickId)).toBe(clickRowid(a.clickId))

  // Same batch: both are queued before the writer runs.
  const [idA, idB] = await Promise.all([
    t.core.store.tracking.recordClick(a),
    t.core.store.tracking.recordClick(b),
  ])
  expect(idA).toBe(a.clickId)
  expect(idB).not.toBe(b.clickId)
  expect(idB.slice(12)).toBe(b.clickId.slice(12))
  // A later batch: `two` issues the rowid b was moved to, so it moves again.
  const c = click(two())
  const idC = await t.core.store.tracking.recordClick(c)
  expect(idC).not.toBe(c.clickId)

  const all = [idA, idB, idC]
  expect(new Set(all).size).toBe(3)
  expect(stored()).toEqual(
    all.map((clickId) => ({ id: clickRowid(clickId), clickId })).sort((x, y) => x.id! - y.id!),
  )
  for (const id of all) {
    expect(await t.core.store.tracking.findClick(id)).toMatchObject({
      clickId: id,
      affiliateId: ids.affiliate,
    })
  }
  // The ids that were never stored find nothing, and nothing was counted twice or lost.
  expect(await t.core.store.tracking.findClick(b.clickId)).toBeNull()
  const overview = await t.core.store.stats.overview(T0, 1)
  expect(overview.days.at(-1)?.clicks).toBe(3)
})

it('finds a click only by its whole id, not by the rowid part alone', async () => {
  const gen = createClickIdGenerator({ now: () => T0 })
  const id = await t.core.store.tracking.recordClick(click(gen()))
  const sameRowid = id.slice(0, 12) + (id[12] === '0' ? '1' : '0') + id.slice(13)
  expect(clickRowid(sameRowid)).toBe(clickRowid(id))
  expect(await t.core.store.tracking.findClick(sameRowid)).toBeNull()
  expect(await t.core.store.tracking.attachFingerprint(sameRowid, 'fp')).toBe(false)
  expect(await t.core.store.tracking.attachFingerprint(id, 'fp')).toBe(true)
  expect(await t.core.store.tracking.findClick(id)).toMatchObject({ fingerprint: 'fp' })
})

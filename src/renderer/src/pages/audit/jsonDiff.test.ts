import { describe, expect, it } from 'vitest'
import { diffJson } from './jsonDiff'

describe('diffJson', () => {
  it('lists changed, added, removed and unchanged leaves by dotted path', () => {
    const rows = diffJson(
      { name: 'A', status: 'pending', plan: { rateBps: 1000, upline: [{ rateBps: 1 }] }, gone: 1 },
      {
        name: 'A',
        status: 'approved',
        plan: { rateBps: 1250, upline: [{ rateBps: 1 }, { rateBps: 2 }] },
        extra: true,
      },
    )
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r.kind]))
    expect(byPath).toEqual({
      name: 'unchanged',
      status: 'changed',
      'plan.rateBps': 'changed',
      'plan.upline.0.rateBps': 'unchanged',
      'plan.upline.1.rateBps': 'added',
      gone: 'removed',
      extra: 'added',
    })
  })

  it('handles creations and deletions (null on one side)', () => {
    expect(diffJson(null, { a: 1 })).toEqual([{ path: 'a', kind: 'added', after: 1 }])
    expect(diffJson({ a: 1 }, null)).toEqual([{ path: 'a', kind: 'removed', before: 1 }])
    expect(diffJson(null, null)).toEqual([])
  })

  it('keeps empty objects and scalars visible', () => {
    expect(diffJson({ list: [] }, { list: [] })).toEqual([
      { path: 'list', kind: 'unchanged', before: [], after: [] },
    ])
    expect(diffJson(1, 2)).toEqual([{ path: '', kind: 'changed', before: 1, after: 2 }])
  })
})

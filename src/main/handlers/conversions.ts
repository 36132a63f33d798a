import { AppError, invalid, notFound } from '../../shared/errors'
import type { HandlerContext, HandlerGroup } from './types'

export function conversionHandlers(
  ctx: HandlerContext,
): HandlerGroup<'conversions.list' | 'conversions.get' | 'conversions.setStatus'> {
  const { store, actor } = ctx
  const get = async (id: number) => {
    const detail = await store.conversions.get(id)
    if (!detail) throw notFound('Conversion', id)
    return detail
  }
  return {
    'conversions.list': async (q) => {
      if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
        throw invalid('The date range ends before it starts', [
          { path: 'to', message: 'Must not be before from' },
        ])
      }
      return store.conversions.list(q)
    },
    'conversions.get': ({ id }) => get(id),
    // The review queue's decision. The store refuses what the status machine forbids (a rejected
    // conversion cannot be approved, paid only comes from a payout run) without changing anything.
    'conversions.setStatus': async ({ id, status, reason }) => {
      const result = await store.conversions.setStatus(id, status, actor, reason ?? null)
      if (!result.ok) throw new AppError(result.code, result.reason)
      return get(id)
    },
  }
}

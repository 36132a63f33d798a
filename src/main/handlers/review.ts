import type { ReviewDecisionResult } from '../../shared/contract'
import { notFound } from '../../shared/errors'
import type { HandlerContext, HandlerGroup } from './types'

const TARGET = { approve: 'approved', reject: 'rejected' } as const

export function reviewHandlers(
  ctx: HandlerContext,
): HandlerGroup<'review.list' | 'review.detail' | 'review.decide'> {
  const { store, actor } = ctx
  return {
    'review.list': (q) => store.review.list(q),
    'review.detail': async ({ id }) => {
      const detail = await store.review.detail(id)
      if (!detail) throw notFound('Conversion', id)
      return detail
    },
    // One decision per conversion, in turn, each through the status path a single decision takes
    // (its own transaction, audit row and ledger rows). One that cannot be decided is that id's
    // error, and the rest still go through.
    'review.decide': async ({ ids, decision, reason }) => {
      const to = TARGET[decision]
      const results: ReviewDecisionResult[] = []
      for (const id of ids) {
        const r = await store.conversions.setStatus(id, to, actor, reason ?? null)
        if (!r.ok) {
          results.push({ id, ok: false, code: r.code, message: r.reason })
        } else if (r.duplicate && (r.status === 'rejected' || r.status === 'refunded')) {
          // Rejected and refunded are final: deciding one again changes nothing, and saying "done"
          // would hide that the manager's decision was not the one that counted.
          results.push({
            id,
            ok: false,
            code: 'conflict',
            message: `Conversion ${id} is already ${r.status}, which is final`,
          })
        } else {
          results.push({ id, ok: true, status: r.status, note: r.note })
        }
      }
      return { results }
    },
  }
}

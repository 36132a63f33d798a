import { notFound } from '../../shared/errors'
import { withCode } from './codes'
import type { HandlerContext, HandlerGroup } from './types'

export function affiliateHandlers(
  ctx: HandlerContext,
): HandlerGroup<
  'affiliates.list' | 'affiliates.get' | 'affiliates.create' | 'affiliates.update' | 'affiliates.setStatus'
> {
  const { store, actor } = ctx
  return {
    'affiliates.list': (q) => store.affiliates.list(q),
    'affiliates.get': async ({ id }) => {
      const a = await store.affiliates.get(id)
      if (!a) throw notFound('Affiliate', id)
      return a
    },
    'affiliates.create': (input) =>
      withCode(input.code, (code) => store.affiliates.create({ ...input, code }, actor)),
    'affiliates.update': ({ id, ...patch }) => store.affiliates.update(id, patch, actor),
    'affiliates.setStatus': ({ id, status }) => store.affiliates.setStatus(id, status, actor),
  }
}

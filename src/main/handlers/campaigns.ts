import { notFound } from '../../shared/errors'
import type { HandlerContext, HandlerGroup } from './types'

export function campaignHandlers(
  ctx: HandlerContext,
): HandlerGroup<'campaigns.list' | 'campaigns.get' | 'campaigns.create' | 'campaigns.update'> {
  const { store, actor } = ctx
  return {
    'campaigns.list': (q) => store.campaigns.list(q),
    'campaigns.get': async ({ id }) => {
      const c = await store.campaigns.get(id)
      if (!c) throw notFound('Campaign', id)
      return c
    },
    'campaigns.create': (input) => store.campaigns.create(input, actor),
    'campaigns.update': ({ id, ...patch }) => store.campaigns.update(id, patch, actor),
  }
}

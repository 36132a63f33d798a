import type { HandlerContext, HandlerGroup } from './types'

export function hierarchyHandlers(
  ctx: HandlerContext,
): HandlerGroup<'affiliates.move' | 'affiliates.upline' | 'affiliates.downline' | 'affiliates.levelStats'> {
  const { store, actor } = ctx
  return {
    'affiliates.move': ({ id, parentId }) => store.hierarchy.move(id, parentId, actor),
    'affiliates.upline': ({ id }) => store.hierarchy.upline(id),
    'affiliates.downline': (q) => store.hierarchy.downline(q),
    'affiliates.levelStats': ({ id }) => store.hierarchy.levelStats(id),
  }
}

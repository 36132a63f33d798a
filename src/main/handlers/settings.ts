import type { HandlerContext, HandlerGroup } from './types'

export function settingsHandlers(
  ctx: HandlerContext,
): HandlerGroup<'settings.get' | 'settings.update' | 'audit.list' | 'app.info' | 'stats.overview'> {
  const { store, actor } = ctx
  return {
    'app.info': () => ctx.info(),
    'settings.get': () => store.settings.get(),
    'settings.update': async (patch) => {
      const next = await store.settings.update(patch, actor)
      await ctx.onSettingsChanged()
      return next
    },
    'audit.list': (q) => store.audit.list(q),
    'stats.overview': ({ days }) => store.stats.overview(ctx.now(), days),
  }
}

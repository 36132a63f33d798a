import { withCode } from './codes'
import type { HandlerContext, HandlerGroup } from './types'

export function linkHandlers(
  ctx: HandlerContext,
): HandlerGroup<'links.list' | 'links.create' | 'links.setActive'> {
  const { store, actor } = ctx
  const base = async () => (await store.settings.get()).publicBaseUrl
  return {
    'links.list': async (q) => store.links.list(q, await base()),
    'links.create': async (input) => {
      const url = await base()
      return withCode(input.code, (code) => store.links.create({ ...input, code }, actor, url))
    },
    'links.setActive': async ({ id, active }) => store.links.setActive(id, active, actor, await base()),
  }
}

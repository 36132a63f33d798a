import { randomBytes } from 'node:crypto'
import { notFound } from '../../shared/errors'
import type { HandlerContext, HandlerGroup } from './types'

export function campaignHandlers(
  ctx: HandlerContext,
): HandlerGroup<
  | 'campaigns.list'
  | 'campaigns.get'
  | 'campaigns.create'
  | 'campaigns.update'
  | 'advertisers.list'
  | 'advertisers.create'
> {
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
    'advertisers.list': () => store.advertisers.list(),
    'advertisers.create': (input) =>
      store.advertisers.create(
        {
          ...input,
          // 32 random bytes: the HMAC key advertisers sign postbacks with, and a separate token for senders that cannot sign.
          postbackSecret: randomBytes(32).toString('hex'),
          postbackToken: randomBytes(24).toString('base64url'),
        },
        actor,
      ),
  }
}

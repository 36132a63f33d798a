import { randomBytes } from 'node:crypto'
import { notFound } from '../../shared/errors'
import type { HandlerContext, HandlerGroup } from './types'

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Short, unambiguous codes (no 0/O, 1/I) because affiliates read them out and type them. */
export function generateAffiliateCode(): string {
  const bytes = randomBytes(8)
  let out = ''
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length]
  return out
}

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
    'affiliates.create': async (input) => {
      if (input.code) return store.affiliates.create({ ...input, code: input.code }, actor)
      // A generated code can collide (rarely): try a few before giving up.
      for (let attempt = 0; ; attempt++) {
        try {
          return await store.affiliates.create({ ...input, code: generateAffiliateCode() }, actor)
        } catch (err) {
          if (attempt >= 4 || (err as { code?: string }).code !== 'conflict') throw err
        }
      }
    },
    'affiliates.update': ({ id, ...patch }) => store.affiliates.update(id, patch, actor),
    'affiliates.setStatus': ({ id, status }) => store.affiliates.setStatus(id, status, actor),
  }
}

import { randomBytes } from 'node:crypto'
import { invalid, notFound } from '../../shared/errors'
import { compileIpList } from '../tracking/ip'
import { postbackSetup } from '../tracking/setup/postback-setup'
import { sendTestPostback } from '../tracking/setup/test-postback'
import type { HandlerContext, HandlerGroup } from './types'

/** 32 random bytes for the HMAC key advertisers sign with, and a separate token for senders that cannot sign. */
const newSecrets = () => ({
  postbackSecret: randomBytes(32).toString('hex'),
  postbackToken: randomBytes(24).toString('base64url'),
})

/** The browser sends an Origin (scheme://host[:port]), so store exactly that, whatever was typed. */
const toOrigins = (urls: string[]) => [...new Set(urls.map((u) => new URL(u).origin))]

function checkIps(ips: string[]): string[] {
  try {
    compileIpList(ips)
  } catch (err) {
    throw invalid(`allowedIps: ${(err as Error).message}`, [
      { path: 'allowedIps', message: (err as Error).message },
    ])
  }
  return ips
}

const UNREADABLE =
  "This advertiser's postback secret was sealed with another machine's key (a restore without its key file). " +
  'Put the key file back, or re-enter the secret and token the advertiser uses, or rotate them.'

export function advertiserHandlers(
  ctx: HandlerContext,
): HandlerGroup<
  | 'advertisers.list'
  | 'advertisers.create'
  | 'advertisers.update'
  | 'advertisers.rotateSecret'
  | 'advertisers.replaceSecret'
  | 'advertisers.postbackSetup'
  | 'advertisers.sendTestPostback'
> {
  const { store, actor } = ctx
  const auth = async (id: number) => {
    const a = await store.tracking.advertiserAuth(id)
    if (!a) throw notFound('Advertiser', id)
    return a
  }
  const readableAuth = async (id: number) => {
    const a = await auth(id)
    if (a.postbackSecret === null) throw invalid(UNREADABLE)
    return { ...a, postbackSecret: a.postbackSecret }
  }
  return {
    'advertisers.list': () => store.advertisers.list(),
    'advertisers.create': (input) =>
      store.advertisers.create(
        {
          ...input,
          allowedIps: checkIps(input.allowedIps),
          allowedOrigins: toOrigins(input.allowedOrigins),
          ...newSecrets(),
        },
        actor,
      ),
    'advertisers.update': ({ id, ...patch }) =>
      store.advertisers.update(
        id,
        {
          ...patch,
          ...(patch.allowedIps ? { allowedIps: checkIps(patch.allowedIps) } : {}),
          ...(patch.allowedOrigins ? { allowedOrigins: toOrigins(patch.allowedOrigins) } : {}),
        },
        actor,
      ),
    'advertisers.rotateSecret': ({ id }) => {
      const s = newSecrets()
      return store.advertisers.rotateSecret(id, s.postbackSecret, s.postbackToken, actor)
    },
    'advertisers.replaceSecret': ({ id, secret, token }) =>
      store.advertisers.rotateSecret(id, secret, token, actor),
    'advertisers.postbackSetup': async ({ id }) => {
      const a = await readableAuth(id)
      return postbackSetup((await store.settings.get()).publicBaseUrl, a)
    },
    'advertisers.sendTestPostback': async ({ id }) => {
      const a = await readableAuth(id)
      const listenerUrl = (await ctx.info()).listenerUrl
      if (!listenerUrl) {
        return {
          ok: false,
          steps: [{ step: 'listener', ok: false, detail: 'The tracking listener is not running.' }],
        }
      }
      const linkCode = await store.advertisers.testLinkCode(id)
      if (!linkCode) {
        return {
          ok: false,
          steps: [
            {
              step: 'link',
              ok: false,
              detail: 'Create a tracking link on an active campaign of this advertiser first.',
            },
          ],
        }
      }
      return sendTestPostback({
        listenerUrl,
        linkCode,
        signingMode: a.signingMode,
        secret: a.postbackSecret,
        token: a.postbackToken ?? '',
        now: ctx.now,
      })
    },
  }
}

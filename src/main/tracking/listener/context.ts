// Everything the listener's routes share, built once by createListener.
import type { IncomingMessage } from 'node:http'
import type { AdvertiserAuth, Store } from '../../db/store'
import type { ClickLookup, LinkTarget } from '../types'
import type { CountryLookup } from '../geo'
import type { IpMatcher } from '../ip'
import type { FraudRuntime } from '../../fraud/runtime'

export type CachedAdvertiser = AdvertiserAuth & {
  /** null = no allow-list configured. */
  ipAllowed: IpMatcher | null
  origins: Set<string>
}

export interface ListenerContext {
  store: Store
  now: () => number
  newClickId: () => string
  country: CountryLookup
  trustedProxies: IpMatcher
  /** The visitor's address: the socket's, or the header the tunnel kind vouches for (tracking/ip.ts). */
  clientIp: (req: IncomingMessage) => string
  /** True when this key (client IP) is within its click budget. */
  allowClick: (ip: string) => boolean
  /**
   * Asked only for a click already over budget: true when the IP is also past the flood line
   * (CLICK_FLOOD_MULTIPLE x its budget), so the click is counted, not stored.
   */
  clickFlood: (ip: string) => boolean
  /** True when this key (client IP) is within its postback/script budget. */
  allowPostback: (ip: string) => boolean
  /** Cached for a few seconds: the owner's edits reach the listener without any invalidation plumbing. */
  link: (code: string) => Promise<LinkTarget | null>
  /** The link if it is cached and fresh (null = known unknown), else undefined: no promise, no wait. */
  cachedLink: (code: string) => LinkTarget | null | undefined
  advertiser: (id: number) => Promise<CachedAdvertiser | null>
  /** A click by its public id; cached, because an advertiser posts several events per click. */
  click: (clickId: string) => Promise<ClickLookup | null>
  /** Origins allowed to call the script endpoints (the union over advertisers). */
  allowedOrigins: () => Promise<Set<string>>
  /** Remembers postback signatures for the timestamp window (fast path; the store makes it durable). */
  seenSignature: (signature: string, expiresAt: number) => boolean
  /** Undo seenSignature when we failed to store the postback, so the sender's retry is not a "replay". */
  forgetSignature: (signature: string) => void
  /** Click flooding at click time; the verdict on each conversion report before the store decides. */
  fraud: FraudRuntime
  scriptSource: string
  log: (msg: string, err?: unknown) => void
}

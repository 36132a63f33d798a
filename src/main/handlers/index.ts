import type { Handlers } from '../../shared/contract'
import { affiliateHandlers } from './affiliates'
import { campaignHandlers } from './campaigns'
import { linkHandlers } from './links'
import { settingsHandlers } from './settings'
import type { HandlerContext } from './types'

/** Every contract method, grouped by area. The type makes a missing method a compile error. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...affiliateHandlers(ctx),
    ...campaignHandlers(ctx),
    ...linkHandlers(ctx),
    ...settingsHandlers(ctx),
  }
}

export type { HandlerContext }

import type { Handlers } from '../../shared/contract'
import { affiliateHandlers } from './affiliates'
import { advertiserHandlers } from './advertisers'
import { backupHandlers } from './backups'
import { campaignHandlers } from './campaigns'
import { commissionHandlers } from './commissions'
import { conversionHandlers } from './conversions'
import { fraudHandlers } from './fraud'
import { hierarchyHandlers } from './hierarchy'
import { linkHandlers } from './links'
import { reviewHandlers } from './review'
import { fileHandlers } from './files'
import { payoutHandlers } from './payouts'
import { payoutProviderHandlers } from './payout-providers'
import { settingsHandlers } from './settings'
import type { FileToSave, HandlerContext, PdfPrinter, SaveFile } from './types'

/** Every contract method, grouped by area. The type makes a missing method a compile error. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...affiliateHandlers(ctx),
    ...campaignHandlers(ctx),
    ...advertiserHandlers(ctx),
    ...linkHandlers(ctx),
    ...settingsHandlers(ctx),
    ...hierarchyHandlers(ctx),
    ...conversionHandlers(ctx),
    ...commissionHandlers(ctx),
    ...reviewHandlers(ctx),
    ...backupHandlers(ctx),
    ...fraudHandlers(ctx),
    ...fileHandlers(ctx),
    ...payoutHandlers(ctx),
    ...payoutProviderHandlers(ctx),
  }
}

export type { FileToSave, HandlerContext, PdfPrinter, SaveFile }

// The one contract between the renderer and the main process. Each method has a zod schema for
// its input and output. The main process validates both at the boundary (IPC and HTTP alike), and
// the preload exposes exactly these method names, nothing else.
//
// Each area's file owns its schemas and methods; this file only assembles them, so that
// `shared/contract` stays the one import for callers.
import type { z } from 'zod'
import { advertiserMethods } from './advertisers'
import { affiliateMethods } from './affiliates'
import { appMethods } from './app'
import { auditMethods } from './audit'
import { backupMethods } from './backups'
import { campaignMethods } from './campaigns'
import { commissionMethods } from './commissions'
import { conversionMethods } from './conversions'
import { fraudMethods } from './fraud'
import { hierarchyMethods } from './hierarchy'
import { linkMethods } from './links'
import { reviewMethods } from './review'
import { fileMethods } from './files'
import { payoutMethods } from './payouts'
import { payoutProviderMethods } from './payout-providers'
import { settingsMethods } from './settings'
import { statsMethods } from './stats'

export { advertiserSchema, postbackSetupSchema, type Advertiser, type PostbackSetup } from './advertisers'
export { affiliateSchema, type Affiliate } from './affiliates'
export { auditEntrySchema, type AuditEntry } from './audit'
export {
  backupEntrySchema,
  backupStatusSchema,
  type BackupEntry,
  type BackupRun,
  type BackupStatus,
} from './backups'
export { campaignSchema, type Campaign } from './campaigns'
export {
  balanceSchema,
  ledgerLineSchema,
  simulationSchema,
  type Balance,
  type LedgerLine,
} from './commissions'
export { conversionDetailSchema, conversionSchema, type Conversion } from './conversions'
export {
  fraudModelStatusSchema,
  fraudSettingsViewSchema,
  type FraudModelStatus,
  type FraudSettingsView,
} from './fraud'
export { hierarchyNodeSchema, levelStatsSchema, type HierarchyNode } from './hierarchy'
export { linkSchema, type Link } from './links'
export {
  reviewDetailSchema,
  reviewRowSchema,
  type ReviewDecisionResult,
  type ReviewDetail,
  type ReviewReason,
  type ReviewRow,
  type ReviewSibling,
} from './review'
export {
  payoutExclusionSchema,
  payoutItemSchema,
  payoutPreviewSchema,
  payoutRunDetailSchema,
  payoutRunSchema,
  type PayoutExclusion,
  type PayoutItem,
  type PayoutPreview,
  type PayoutProposal,
  type PayoutRun,
  type PayoutRunDetail,
  type PayoutTotal,
} from './payouts'
export { payoutProviderStatusSchema, type PayoutProviderStatus } from './payout-providers'
export { MAX_MIN_PAYOUT_CURRENCIES, settingsSchema, type Settings } from './settings'
export { statsOverviewSchema, type StatsOverview } from './stats'

export const contract = {
  ...appMethods,
  ...affiliateMethods,
  ...advertiserMethods,
  ...campaignMethods,
  ...linkMethods,
  ...statsMethods,
  ...settingsMethods,
  ...auditMethods,
  ...hierarchyMethods,
  ...conversionMethods,
  ...commissionMethods,
  ...reviewMethods,
  ...backupMethods,
  ...fraudMethods,
  ...fileMethods,
  ...payoutMethods,
  ...payoutProviderMethods,
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>

/** What the main process implements: one async function per method, on already-validated input. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> }

/** What the renderer calls: the same methods, on raw input. */
export type Api = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> }

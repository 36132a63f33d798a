// The contract's method names, alone, so the preload can allow-list them without bundling zod.
// A test checks this list equals the keys of `contract`.
export const METHOD_NAMES = [
  'app.info',
  'affiliates.list',
  'affiliates.get',
  'affiliates.create',
  'affiliates.update',
  'affiliates.setStatus',
  'advertisers.list',
  'advertisers.create',
  'advertisers.update',
  'advertisers.rotateSecret',
  'advertisers.replaceSecret',
  'advertisers.postbackSetup',
  'advertisers.sendTestPostback',
  'campaigns.list',
  'campaigns.get',
  'campaigns.create',
  'campaigns.update',
  'links.list',
  'links.create',
  'links.setActive',
  'stats.overview',
  'settings.get',
  'settings.update',
  'audit.list',
  'affiliates.move',
  'affiliates.upline',
  'affiliates.downline',
  'affiliates.levelStats',
  'conversions.list',
  'conversions.get',
  'conversions.setStatus',
  'commissions.list',
  'commissions.balances',
  'commissions.simulate',
  'files.save',
  'payouts.preview',
  'payouts.commit',
  'payouts.cancel',
  'payouts.list',
  'payouts.get',
  'payouts.markItem',
  'payouts.importReport',
  'payouts.export',
  'payouts.affiliate',
  'payouts.statement',
  'payouts.yearlyTotals',
  'payouts.providers.get',
  'payouts.providers.update',
  'payouts.send',
  'payouts.refresh',
] as const

export const IPC_PREFIX = 'contract:'

/** The name under which the preload exposes the API on `window`. */
export const BRIDGE_KEY = 'affiliateDesk'

/** Result envelope, identical over IPC and HTTP, so the renderer's transport is one code path. */
export type Envelope<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string; issues: { path: string; message: string }[] } }

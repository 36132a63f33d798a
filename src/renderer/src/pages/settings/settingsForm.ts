import type { MethodInput, Settings } from '../../../../shared/contract'
import type { ErrorIssue } from '../../../../shared/errors'
import { IssueCollector } from '../../forms/fieldErrors'
import { formatMinor } from '../../../../shared/money'
import { parseAmount, parseWhole } from '../../forms/parse'

export interface SettingsFormValues {
  listenerPort: string
  publicBaseUrl: string
  /** One IP or CIDR per line. */
  trustedProxies: string
  tunnelKind: Settings['tunnelKind']
  durability: Settings['durability']
  defaultCurrency: string
  clicksPerMinutePerIp: string
  postbacksPerMinutePerIp: string
  /** Empty = the bundled country data. */
  geoipFile: string
  timeZone: string
  /** Money text; read with the default currency's decimals (the setting itself is minor units). */
  minPayout: string
  paypalDecimalStyle: Settings['paypalDecimalStyle']
  /** Money text in USD (the 1099 limit is a dollar amount). */
  taxThreshold: string
}

/** The yearly tax-report threshold is a US rule, so it is entered in dollars. */
export const TAX_THRESHOLD_CURRENCY = 'USD'

const MAX_PER_MINUTE = 10_000_000

export function settingsToForm(s: Settings): SettingsFormValues {
  return {
    listenerPort: String(s.listenerPort),
    publicBaseUrl: s.publicBaseUrl,
    trustedProxies: s.trustedProxies.join('\n'),
    tunnelKind: s.tunnelKind,
    durability: s.durability,
    defaultCurrency: s.defaultCurrency,
    clicksPerMinutePerIp: String(s.clicksPerMinutePerIp),
    postbacksPerMinutePerIp: String(s.postbacksPerMinutePerIp),
    geoipFile: s.geoipFile ?? '',
    timeZone: s.timeZone,
    minPayout: formatMinor(s.minPayoutMinor, s.defaultCurrency),
    paypalDecimalStyle: s.paypalDecimalStyle,
    taxThreshold: formatMinor(s.taxThresholdMinor, TAX_THRESHOLD_CURRENCY),
  }
}

export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Only what changed goes to settings.update: saving one setting must not rewrite the others, and
 * an untouched empty public URL must not be sent (the contract requires a URL when one is given).
 */
export function toSettingsUpdate(
  saved: Settings,
  v: SettingsFormValues,
): { input: MethodInput<'settings.update'>; issues: ErrorIssue[] } {
  const c = new IssueCollector()
  const input: MethodInput<'settings.update'> = {}
  const port = c.take('listenerPort', parseWhole(v.listenerPort, 1, 65535))
  if (port !== undefined && port !== saved.listenerPort) input.listenerPort = port
  const url = v.publicBaseUrl.trim()
  if (url !== saved.publicBaseUrl) {
    if (url === '') c.add('publicBaseUrl', 'The public URL cannot be cleared once set; enter the new URL')
    else input.publicBaseUrl = url
  }
  const proxies = splitList(v.trustedProxies)
  if (!sameList(proxies, saved.trustedProxies)) input.trustedProxies = proxies
  if (v.tunnelKind !== saved.tunnelKind) input.tunnelKind = v.tunnelKind
  if (v.durability !== saved.durability) input.durability = v.durability
  const currency = v.defaultCurrency.trim().toUpperCase()
  if (currency !== saved.defaultCurrency) input.defaultCurrency = currency
  const clicks = c.take('clicksPerMinutePerIp', parseWhole(v.clicksPerMinutePerIp, 1, MAX_PER_MINUTE))
  if (clicks !== undefined && clicks !== saved.clicksPerMinutePerIp) input.clicksPerMinutePerIp = clicks
  const postbacks = c.take(
    'postbacksPerMinutePerIp',
    parseWhole(v.postbacksPerMinutePerIp, 1, MAX_PER_MINUTE),
  )
  if (postbacks !== undefined && postbacks !== saved.postbacksPerMinutePerIp) {
    input.postbacksPerMinutePerIp = postbacks
  }
  const geoip = v.geoipFile.trim() === '' ? null : v.geoipFile.trim()
  if (geoip !== saved.geoipFile) input.geoipFile = geoip
  const timeZone = v.timeZone.trim()
  if (timeZone !== saved.timeZone) input.timeZone = timeZone
  const minPayout = c.take('minPayoutMinor', parseAmount(v.minPayout, saved.defaultCurrency))
  if (minPayout !== undefined && minPayout !== saved.minPayoutMinor) input.minPayoutMinor = minPayout
  if (v.paypalDecimalStyle !== saved.paypalDecimalStyle) input.paypalDecimalStyle = v.paypalDecimalStyle
  const tax = c.take('taxThresholdMinor', parseAmount(v.taxThreshold, TAX_THRESHOLD_CURRENCY))
  if (tax !== undefined && tax !== saved.taxThresholdMinor) input.taxThresholdMinor = tax
  return { input, issues: c.issues }
}

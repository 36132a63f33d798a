import { MAX_MIN_PAYOUT_CURRENCIES, type MethodInput, type Settings } from '../../../../shared/contract'
import type { ErrorIssue } from '../../../../shared/errors'
import { IssueCollector } from '../../forms/fieldErrors'
import { CURRENCY_RE, formatMinor } from '../../../../shared/money'
import { newRowKey } from '../../domain/planForm'
import { parseAmount, parseWhole } from '../../forms/parse'

/** One currency's own minimum payout, as typed: the amount in that currency's major units. */
export interface MinPayoutRow {
  key: number
  currency: string
  amount: string
}

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
  /** Minimums of their own, one currency a row; each amount is read with its row's currency decimals. */
  minPayouts: MinPayoutRow[]
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
    minPayouts: Object.entries(s.minPayoutByCurrency)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, minor]) => ({ key: newRowKey(), currency, amount: formatMinor(minor, currency) })),
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

/** Where a row's problem shows: the row's own fields, by position (the contract keys by currency). */
export const minPayoutRowPath = (index: number, field: 'currency' | 'amount') =>
  `minPayoutByCurrency.${index}.${field}`

/**
 * The rows as the settings map, each amount in minor units of its own currency (¥3000 is 3000,
 * $25.50 is 2550, 1.5 KWD is 1500). A fully empty row is ignored; a currency twice is refused rather
 * than letting the last row win silently.
 */
export function minPayoutsToMap(
  rows: readonly MinPayoutRow[],
  c: IssueCollector,
): Record<string, number> | undefined {
  const map: Record<string, number> = {}
  let ok = true
  rows.forEach((row, i) => {
    const currency = row.currency.trim().toUpperCase()
    if (currency === '' && row.amount.trim() === '') return
    if (!CURRENCY_RE.test(currency)) {
      c.add(minPayoutRowPath(i, 'currency'), 'Use a 3-letter ISO currency code such as JPY')
      ok = false
      return
    }
    if (Object.prototype.hasOwnProperty.call(map, currency)) {
      c.add(minPayoutRowPath(i, 'currency'), `${currency} already has a minimum above`)
      ok = false
      return
    }
    const minor = c.take(minPayoutRowPath(i, 'amount'), parseAmount(row.amount, currency))
    if (minor === undefined) ok = false
    else map[currency] = minor
  })
  if (Object.keys(map).length > MAX_MIN_PAYOUT_CURRENCIES) {
    c.add('minPayoutByCurrency', `At most ${MAX_MIN_PAYOUT_CURRENCIES} currencies`)
    ok = false
  }
  return ok ? map : undefined
}

const sameMap = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => Object.prototype.hasOwnProperty.call(b, k) && b[k] === v)

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
  const byCurrency = minPayoutsToMap(v.minPayouts, c)
  if (byCurrency !== undefined && !sameMap(byCurrency, saved.minPayoutByCurrency)) {
    input.minPayoutByCurrency = byCurrency
  }
  if (v.paypalDecimalStyle !== saved.paypalDecimalStyle) input.paypalDecimalStyle = v.paypalDecimalStyle
  const tax = c.take('taxThresholdMinor', parseAmount(v.taxThreshold, TAX_THRESHOLD_CURRENCY))
  if (tax !== undefined && tax !== saved.taxThresholdMinor) input.taxThresholdMinor = tax
  return { input, issues: c.issues }
}

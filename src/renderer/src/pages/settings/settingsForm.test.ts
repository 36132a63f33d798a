import { describe, expect, it } from 'vitest'
import type { Settings } from '../../../../shared/contract'
import { settingsToForm, toSettingsUpdate, type MinPayoutRow, type SettingsFormValues } from './settingsForm'

const saved: Settings = {
  listenerPort: 8080,
  listenerHost: '0.0.0.0',
  publicBaseUrl: '',
  trustedProxies: ['127.0.0.1'],
  tunnelKind: 'proxy',
  durability: 'normal',
  defaultCurrency: 'USD',
  clicksPerMinutePerIp: 600,
  postbacksPerMinutePerIp: 60_000,
  geoipFile: null,
  timeZone: 'UTC',
  backupFolder: null,
  backupEveryHours: 24,
  backupKeepDaily: 7,
  backupKeepWeekly: 4,
  minPayoutMinor: 5_000,
  minPayoutByCurrency: {},
  paypalDecimalStyle: 'dot',
  taxThresholdMinor: 60_000,
}

describe('toSettingsUpdate', () => {
  it('sends nothing when nothing changed (and never an empty URL)', () => {
    expect(toSettingsUpdate(saved, settingsToForm(saved))).toEqual({ input: {}, issues: [] })
  })

  it('sends only what changed', () => {
    const v = {
      ...settingsToForm(saved),
      durability: 'full' as const,
      tunnelKind: 'cloudflared' as const,
      trustedProxies: '127.0.0.1\n10.0.0.0/8, ::1',
    }
    expect(toSettingsUpdate(saved, v).input).toEqual({
      durability: 'full',
      tunnelKind: 'cloudflared',
      trustedProxies: ['127.0.0.1', '10.0.0.0/8', '::1'],
    })
  })

  it('sends the listener budgets and the GeoIP file, empty meaning the bundled data', () => {
    const v = { ...settingsToForm(saved), clicksPerMinutePerIp: '1200', geoipFile: ' /data/country.mmdb ' }
    expect(toSettingsUpdate(saved, v).input).toEqual({
      clicksPerMinutePerIp: 1200,
      geoipFile: '/data/country.mmdb',
    })
    const back = { ...settingsToForm({ ...saved, geoipFile: '/x.mmdb' }), geoipFile: '' }
    expect(toSettingsUpdate({ ...saved, geoipFile: '/x.mmdb' }, back).input).toEqual({ geoipFile: null })
    expect(
      toSettingsUpdate(saved, { ...settingsToForm(saved), postbacksPerMinutePerIp: '0' }).issues,
    ).toEqual([{ path: 'postbacksPerMinutePerIp', message: 'Enter a number from 1 to 10000000' }])
  })

  it('checks the port', () => {
    expect(toSettingsUpdate(saved, { ...settingsToForm(saved), listenerPort: '70000' }).issues).toEqual([
      { path: 'listenerPort', message: 'Enter a number from 1 to 65535' },
    ])
  })

  it('shows and takes the payout minimum and tax threshold as money, in minor units', () => {
    const v = settingsToForm(saved)
    expect([v.minPayout, v.taxThreshold, v.paypalDecimalStyle]).toEqual(['50.00', '600.00', 'dot'])
    expect(
      toSettingsUpdate(saved, { ...v, minPayout: '25', taxThreshold: '2000.5', paypalDecimalStyle: 'comma' })
        .input,
    ).toEqual({ minPayoutMinor: 2_500, taxThresholdMinor: 200_050, paypalDecimalStyle: 'comma' })
    // A zero-decimal default currency: the minimum is whole units.
    const yen = { ...saved, defaultCurrency: 'JPY', minPayoutMinor: 3_000 }
    expect(settingsToForm(yen).minPayout).toBe('3000')
    expect(toSettingsUpdate(yen, { ...settingsToForm(yen), minPayout: '3000.5' }).issues).toEqual([
      { path: 'minPayoutMinor', message: '"3000.5" has more decimals than JPY allows (0)' },
    ])
    expect(toSettingsUpdate(saved, { ...v, taxThreshold: '-1' }).issues).toEqual([
      { path: 'taxThresholdMinor', message: 'An amount cannot be negative' },
    ])
  })

  describe('minimums per currency', () => {
    const multi: Settings = { ...saved, minPayoutByCurrency: { USD: 2_500, JPY: 3_000, KWD: 1_500 } }
    let k = 1_000
    const row = (currency: string, amount: string): MinPayoutRow => ({ key: ++k, currency, amount })
    const withRows = (s: Settings, rows: MinPayoutRow[]): SettingsFormValues => ({
      ...settingsToForm(s),
      minPayouts: rows,
    })

    it("shows each minimum in its own currency's decimals, sorted by currency", () => {
      expect(settingsToForm(multi).minPayouts.map((r) => [r.currency, r.amount])).toEqual([
        ['JPY', '3000'],
        ['KWD', '1.500'],
        ['USD', '25.00'],
      ])
      expect(toSettingsUpdate(multi, settingsToForm(multi))).toEqual({ input: {}, issues: [] })
    })

    it("sends the whole map in minor units of each row's currency when a row changes", () => {
      const input = toSettingsUpdate(
        saved,
        withRows(saved, [row(' jpy ', '5000'), row('USD', '25.5'), row('KWD', '0.125'), row('', ' ')]),
      )
      expect(input).toEqual({
        input: { minPayoutByCurrency: { JPY: 5_000, USD: 2_550, KWD: 125 } },
        issues: [],
      })
      // Removing every row sends the empty map: the default applies again everywhere.
      expect(toSettingsUpdate(multi, withRows(multi, [])).input).toEqual({ minPayoutByCurrency: {} })
      // Same map typed differently (order, trailing zeros) is no change.
      expect(
        toSettingsUpdate(multi, withRows(multi, [row('USD', '25'), row('KWD', '1.5'), row('JPY', '3000')]))
          .input,
      ).toEqual({})
    })

    it('refuses a bad code, a currency twice, decimals the currency lacks and negatives, per row', () => {
      const { input, issues } = toSettingsUpdate(
        saved,
        withRows(saved, [
          row('YEN', '1'),
          row('JP', '5000'),
          row('JPY', '5000.5'),
          row('USD', '-1'),
          row('EUR', '10'),
          row('eur', '20'),
          row('GBP', ''),
        ]),
      )
      expect(input).toEqual({})
      expect(issues).toEqual([
        { path: 'minPayoutByCurrency.1.currency', message: 'Use a 3-letter ISO currency code such as JPY' },
        {
          path: 'minPayoutByCurrency.2.amount',
          message: '"5000.5" has more decimals than JPY allows (0)',
        },
        { path: 'minPayoutByCurrency.3.amount', message: 'An amount cannot be negative' },
        { path: 'minPayoutByCurrency.5.currency', message: 'EUR already has a minimum above' },
        { path: 'minPayoutByCurrency.6.amount', message: 'Enter an amount' },
      ])
    })

    it('refuses more currencies than the contract takes', () => {
      const letters = (i: number) =>
        [Math.floor(i / 676), Math.floor(i / 26) % 26, i % 26]
          .map((n) => String.fromCharCode(65 + n))
          .join('')
      const rows = Array.from({ length: 201 }, (_, i) => row(letters(i), '1'))
      expect(toSettingsUpdate(saved, withRows(saved, rows)).issues).toEqual([
        { path: 'minPayoutByCurrency', message: 'At most 200 currencies' },
      ])
      expect(toSettingsUpdate(saved, withRows(saved, rows.slice(0, 200))).issues).toEqual([])
    })
  })
})

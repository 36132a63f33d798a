import { describe, expect, it } from 'vitest'
import type { Settings } from '../../../../shared/contract'
import { settingsToForm, toSettingsUpdate } from './settingsForm'

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
})

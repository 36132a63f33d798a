import { describe, expect, it } from 'vitest'
import { cleanClick, cleanInput, T0 } from '../../../test/support/fraud-input'
import { DEFAULT_FRAUD_SETTINGS, fraudSettingsSchema } from '../../shared/fraud-settings'
import { assessConversion, combineScore, fraudAction } from './assess'
import { trainModel } from './model'

const S = DEFAULT_FRAUD_SETTINGS

describe('assessConversion', () => {
  it('without a model the score is the rules points, capped at 100', () => {
    const v = assessConversion(cleanInput({ trust: 'client', country: 'FR' }), S, null)
    expect(v).toEqual({
      score: 35,
      reasons: [
        { code: 'geo_mismatch', weight: 15, detail: 'Clicked from DE, converted from FR' },
        { code: 'low_trust', weight: 20, detail: 'Reported by the browser only, not by the advertiser' },
      ],
      model: null,
    })
  })

  it('combines like two alarms: the model raises, never lowers', () => {
    expect(combineScore(0, null)).toBe(0)
    expect(combineScore(35, null)).toBe(35)
    expect(combineScore(0, 0.3)).toBe(30)
    expect(combineScore(40, 0.5)).toBe(70) // 1 − 0.6 × 0.5
    expect(combineScore(100, 0)).toBe(100)
    expect(combineScore(90, 0.0001)).toBe(90)
    expect(combineScore(150, 2)).toBe(100)
  })

  it('uses the model only once it has learned from the minimum of decisions', () => {
    const examples = Array.from({ length: 60 }, (_, i) => ({
      fraud: i % 3 === 0,
      input: cleanInput({
        datacenter: i % 3 === 0,
        click: cleanClick({ at: T0 - (i % 3 === 0 ? 5 : 600) * 1000 }),
      }),
    }))
    const model = trainModel(examples, { trainedAt: T0 })
    const input = cleanInput({ datacenter: true, click: cleanClick({ at: T0 - 5000 }) })
    const used = assessConversion(input, S, model)
    expect(used.model).not.toBeNull()
    expect(used.score).toBe(combineScore(35 + 40, used.model!.probability))
    expect(used.model!.top[0]!.feature).toMatch(/datacenter|click_to_conversion_log_seconds|ctit_under/)
    expect(assessConversion(input, { ...S, minDecisionsForModel: 61 }, model).model).toBeNull()
  })

  it('thresholds: at the review threshold it is held, at the reject threshold rejected', () => {
    expect(fraudAction(39, S)).toBe('none')
    expect(fraudAction(40, S)).toBe('review')
    expect(fraudAction(89, S)).toBe('review')
    expect(fraudAction(90, S)).toBe('reject')
  })
})

describe('fraud settings schema', () => {
  it('accepts the defaults and normalises domains', () => {
    expect(fraudSettingsSchema.parse(S)).toEqual(S)
    const parsed = fraudSettingsSchema.parse({
      ...S,
      rules: { ...S.rules, disposableEmail: { ...S.rules.disposableEmail, denyDomains: [' Spam.Example '] } },
    })
    expect(parsed.rules.disposableEmail.denyDomains).toEqual(['spam.example'])
  })

  it('refuses a reject threshold at or below the review threshold, and weights over 100', () => {
    expect(fraudSettingsSchema.safeParse({ ...S, rejectThreshold: 40 }).success).toBe(false)
    const heavy = { ...S, rules: { ...S.rules, bot: { enabled: true, weight: 101 } } }
    expect(fraudSettingsSchema.safeParse(heavy).success).toBe(false)
  })
})

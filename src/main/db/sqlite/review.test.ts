import { describe, expect, it } from 'vitest'
import { decodeFraudReasons, encodeFraudReasons } from './fraud-reasons'
import { explain, reasonOf } from './review'

describe('review reasons', () => {
  it('reads a flag as a code, a code with its detail, or the words of an older flag', () => {
    expect(reasonOf('suspicious_click')).toEqual({ code: 'suspicious_click', detail: '', weight: null })
    expect(reasonOf('ip_velocity: 7 in 24 h')).toEqual({
      code: 'ip_velocity',
      detail: '7 in 24 h',
      weight: null,
    })
    expect(reasonOf('order claimed by another click')).toMatchObject({ code: 'order_claimed' })
    expect(reasonOf('Something: odd')).toEqual({ code: 'other', detail: 'Something: odd', weight: null })
  })

  it('prefers the stored verdict, keeps flags it does not explain, and passes the model through', () => {
    const verdict = JSON.stringify([{ code: 'ip_velocity', weight: 30, detail: '7 conversions (limit 5)' }])
    const model = JSON.stringify({ probability: 0.9, top: [{ feature: 'ip_conv_24h', contribution: 1.5 }] })
    expect(explain('["ip_velocity","order claimed by another click"]', verdict, model)).toEqual({
      reasons: [
        { code: 'ip_velocity', detail: '7 conversions (limit 5)', weight: 30 },
        { code: 'order_claimed', detail: 'order claimed by another click', weight: null },
      ],
      modelTop: [{ feature: 'ip_conv_24h', contribution: 1.5 }],
    })
    expect(explain('["suspicious_click"]', null, null)).toEqual({
      reasons: [{ code: 'suspicious_click', detail: '', weight: null }],
      modelTop: null,
    })
    expect(explain('[]', '[]', 'null').modelTop).toBeNull()
  })

  it('reads the reasons as written now ([code, weight, detail]) and as rows before them held them (keyed)', () => {
    const reasons = [
      { code: 'bot', weight: 60, detail: 'The user agent is a known bot' },
      { code: 'cookie_stuffing', weight: 10, detail: 'The click had no referring page' },
    ]
    const now = encodeFraudReasons(reasons)
    expect(JSON.parse(now)).toEqual([
      ['bot', 60, 'The user agent is a known bot'],
      ['cookie_stuffing', 10, 'The click had no referring page'],
    ])
    const before = JSON.stringify(reasons)
    expect(now.length).toBeLessThan(before.length * 0.75)
    for (const stored of [now, before])
      expect(explain('["bot"]', stored, null)).toEqual({ reasons, modelTop: null })
    expect(decodeFraudReasons(encodeFraudReasons([]))).toEqual([])
    expect(() => decodeFraudReasons('{"code":"bot"}')).toThrow(/not a list/)
  })
})

import { describe, expect, it } from 'vitest'
import { DEFAULT_FRAUD_SETTINGS } from '../../../shared/fraud-settings'
import { evaluateRules, rulesScore } from '../rules'
import { evaluate } from './evaluate'
import { generateTraffic, toJsonLines } from './generate'
import { parseTraffic } from './records'
import { replay } from './replay'

const S = DEFAULT_FRAUD_SETTINGS

describe('synthetic traffic', () => {
  const records = parseTraffic(toJsonLines(generateTraffic({ seed: 5 })))
  const labelled = replay(records, S)

  it('is the same for the same seed and different for another', () => {
    const a = toJsonLines(generateTraffic({ seed: 9, days: 2, honestClicksPerDay: 500 }))
    expect(toJsonLines(generateTraffic({ seed: 9, days: 2, honestClicksPerDay: 500 }))).toBe(a)
    expect(toJsonLines(generateTraffic({ seed: 10, days: 2, honestClicksPerDay: 500 }))).not.toBe(a)
  })

  it('mixes fraud into honest traffic, and neither side is clean-cut for the rules', () => {
    const fraud = labelled.filter((l) => l.fraud)
    expect(fraud.length / labelled.length).toBeGreaterThan(0.05)
    expect(fraud.length / labelled.length).toBeLessThan(0.35)
    const score = (l: (typeof labelled)[number]) => rulesScore(evaluateRules(l.input, S))
    const missed = fraud.filter((l) => evaluateRules(l.input, S).length === 0)
    const honestFlagged = labelled.filter((l) => !l.fraud && score(l) >= S.reviewThreshold)
    expect(missed.length).toBeGreaterThan(0)
    expect(honestFlagged.length).toBeGreaterThan(0)
    // Every rule trips somewhere, on honest and on fraudulent traffic alike (except self-referral,
    // which is fraud by definition here).
    const tripped = (want: boolean) =>
      new Set(
        labelled.filter((l) => l.fraud === want).flatMap((l) => evaluateRules(l.input, S).map((r) => r.code)),
      )
    for (const code of [
      'click_flood',
      'ip_velocity',
      'disposable_email',
      'click_injection',
      'cookie_stuffing',
      'fingerprint_reuse',
      'bot',
      'datacenter',
      'geo_mismatch',
      'low_trust',
    ])
      expect([code, tripped(false).has(code)]).toEqual([code, true])
    for (const code of [
      'click_flood',
      'self_referral',
      'disposable_email',
      'click_injection',
      'cookie_stuffing',
      'fingerprint_reuse',
      'bot',
      'datacenter',
      'geo_mismatch',
    ])
      expect([code, tripped(true).has(code)]).toEqual([code, true])
  })

  it('replays in time order with the counters the runtime would see', () => {
    for (let i = 1; i < labelled.length; i++)
      expect(labelled[i]!.input.at).toBeGreaterThanOrEqual(labelled[i - 1]!.input.at)
    // A conversion's own click is counted.
    expect(
      labelled
        .filter((l) => l.input.click)
        .every(
          (l) => l.input.counters.ipClicksLastHour >= (l.input.at - l.input.click!.at < 55 * 60_000 ? 1 : 0),
        ),
    ).toBe(true)
  })
})

describe('evaluation on the default synthetic traffic (what npm run eval:fraud prints)', () => {
  it('the model reaches AUC ≥ 0.95 on held-out later traffic and beats the rules alone', () => {
    const report = evaluate(parseTraffic(toJsonLines(generateTraffic({ seed: 1 }))), { settings: S })
    expect(report.test.n).toBeGreaterThan(500)
    expect(report.model!.auc).toBeGreaterThanOrEqual(0.95)
    expect(report.model!.auc).toBeGreaterThan(report.rules.auc)
    expect(report.combined!.auc).toBeGreaterThan(report.rules.auc)
    // Training never saw the held-out part.
    expect(report.train.until!).toBeLessThanOrEqual(report.test.from!)
  })
})

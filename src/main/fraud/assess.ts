// One conversion's verdict: the rules' reasons and, once enough decisions taught it, the model.
//
// The combination rule: the rules' points R (their weights added up, at most 100) and the model's
// probability p combine like two independent alarms (noisy-OR):
//     score = round(100 × (1 − (1 − R/100) × (1 − p)))
// so the model can raise a score the rules left low, but never lower what the owner's rules said: a
// rule weighted at or above the reject threshold still rejects, and a conversion no rule flags needs
// p ≥ review threshold / 100 to be held. Without a model (or one trained on fewer decisions than
// `minDecisionsForModel`) the score is R.
import type { FraudSettings } from '../../shared/fraud-settings'
import type { FraudModel } from './model'
import { evaluateRules, rulesScore } from './rules'
import type { FraudInput, FraudVerdict } from './types'

export function combineScore(rulePoints: number, probability: number | null): number {
  const r = Math.min(100, Math.max(0, rulePoints)) / 100
  if (probability === null) return Math.round(r * 100)
  const p = Math.min(1, Math.max(0, probability))
  return Math.round(100 * (1 - (1 - r) * (1 - p)))
}

/** Whether this model may take part: trained on at least the owner's minimum of decisions. */
export function modelIsUsable(model: FraudModel | null, settings: FraudSettings): model is FraudModel {
  return model !== null && model.params.n >= settings.minDecisionsForModel
}

export function assessConversion(
  input: FraudInput,
  settings: FraudSettings,
  model: FraudModel | null,
): FraudVerdict {
  const reasons = evaluateRules(input, settings)
  const points = rulesScore(reasons)
  if (!modelIsUsable(model, settings)) return { score: combineScore(points, null), reasons, model: null }
  const explained = model.explain(input)
  return { score: combineScore(points, explained.probability), reasons, model: explained }
}

/** What the ledger does with a score: nothing, hold for review, or reject. */
export function fraudAction(score: number, settings: FraudSettings): 'none' | 'review' | 'reject' {
  if (score >= settings.rejectThreshold) return 'reject'
  if (score >= settings.reviewThreshold) return 'review'
  return 'none'
}

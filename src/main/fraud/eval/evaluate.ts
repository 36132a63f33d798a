// The evaluation: replay in time order, train the model on the earlier part, score the later part
// with the rules alone, the model alone and the combined verdict, and report ROC AUC and precision
// at the review threshold for each. Nothing from the held-out part reaches training.
import type { FraudSettings } from '../../../shared/fraud-settings'
import { combineScore } from '../assess'
import { type FraudModel, trainModel } from '../model'
import { evaluateRules, rulesScore } from '../rules'
import { atThreshold, rocAuc, type ThresholdStats } from './metrics'
import type { TrafficRecord } from './records'
import { replay } from './replay'

export interface EvalOptions {
  settings: FraudSettings
  /** Share of conversions (the earliest) to train on; the rest is held out. */
  trainFraction?: number
  lambda?: number
}

export interface ScoreStats {
  auc: number
  atReview: ThresholdStats
}

export interface EvalReport {
  conversions: number
  train: { n: number; fraud: number; until: number | null }
  test: { n: number; fraud: number; from: number | null }
  reviewThreshold: number
  rules: ScoreStats
  /** Null when the training part lacks fraud or honest examples. */
  model: ScoreStats | null
  combined: ScoreStats | null
  modelInfo: { n: number; iterations: number; topWeights: { feature: string; weight: number }[] } | null
  /** The runtime would not use a model trained on fewer decisions than the settings ask for. */
  belowMinimum: boolean
}

function stats(scores: number[], labels: boolean[], threshold: number): ScoreStats {
  return { auc: rocAuc(scores, labels), atReview: atThreshold(scores, labels, threshold) }
}

export function evaluate(records: readonly TrafficRecord[], options: EvalOptions): EvalReport {
  const { settings } = options
  const all = replay(records, settings)
  const cut = Math.floor(all.length * (options.trainFraction ?? 0.6))
  const train = all.slice(0, cut)
  const test = all.slice(cut)
  const labels = test.map((t) => t.fraud)
  const threshold = settings.reviewThreshold

  const rulePoints = test.map((t) => rulesScore(evaluateRules(t.input, settings)))
  const trainFraud = train.filter((t) => t.fraud).length
  let model: FraudModel | null = null
  if (trainFraud > 0 && trainFraud < train.length)
    model = trainModel(train, { trainedAt: train[train.length - 1]!.input.at, lambda: options.lambda })

  let modelStats: ScoreStats | null = null
  let combinedStats: ScoreStats | null = null
  if (model) {
    const m = model
    const probabilities = test.map((t) => m.probability(t.input))
    modelStats = stats(
      probabilities.map((p) => 100 * p),
      labels,
      threshold,
    )
    // The combined verdict as the runtime computes it, minimum of decisions aside (reported below).
    combinedStats = stats(
      test.map((t, i) => combineScore(rulePoints[i]!, probabilities[i]!)),
      labels,
      threshold,
    )
  }
  return {
    conversions: all.length,
    train: { n: train.length, fraud: trainFraud, until: train.at(-1)?.input.at ?? null },
    test: { n: test.length, fraud: labels.filter(Boolean).length, from: test[0]?.input.at ?? null },
    reviewThreshold: threshold,
    rules: stats(rulePoints, labels, threshold),
    model: modelStats,
    combined: combinedStats,
    modelInfo: model
      ? {
          n: model.params.n,
          iterations: model.params.iterations,
          topWeights: model.params.features
            .map((feature, j) => ({ feature, weight: model.params.weights[j]! }))
            .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
            .slice(0, 8),
        }
      : null,
    belowMinimum: model !== null && model.params.n < settings.minDecisionsForModel,
  }
}

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)} %`)
const num = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(4))
const day = (t: number | null) =>
  t === null ? '-' : new Date(t).toISOString().slice(0, 16).replace('T', ' ')

export function formatReport(r: EvalReport): string {
  const lines = [
    `Conversions: ${r.conversions}; trained on the earliest ${r.train.n} (${r.train.fraud} fraud, until ${day(r.train.until)}),`,
    `held out the later ${r.test.n} (${r.test.fraud} fraud, from ${day(r.test.from)}).`,
    '',
    `                      ROC AUC   precision at review threshold ${r.reviewThreshold}   recall   flagged`,
  ]
  const row = (name: string, s: ScoreStats | null) => {
    if (!s) return `${name.padEnd(22)}n/a (the training part needs both fraud and honest conversions)`
    return `${name.padEnd(22)}${num(s.auc).padEnd(10)}${pct(s.atReview.precision).padEnd(36)}${pct(s.atReview.recall).padEnd(9)}${s.atReview.flagged}`
  }
  lines.push(
    row('rules alone', r.rules),
    row('model alone', r.model),
    row('rules + model (score)', r.combined),
  )
  if (r.modelInfo) {
    lines.push(
      '',
      `Model: logistic regression on ${r.modelInfo.n} labelled conversions, ${r.modelInfo.iterations} Newton steps.`,
      `Largest weights (per standard deviation): ${r.modelInfo.topWeights.map((w) => `${w.feature} ${w.weight >= 0 ? '+' : ''}${w.weight.toFixed(2)}`).join(', ')}`,
    )
  }
  if (r.belowMinimum)
    lines.push(
      'Note: the app uses the model only after the minimum of manager decisions in Settings; this file has fewer.',
    )
  return lines.join('\n')
}

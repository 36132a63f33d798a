import { describe, expect, it } from 'vitest'
import { cleanClick, cleanInput, T0 } from '../../../test/support/fraud-input'
import { extractFeatures, FEATURE_NAMES } from './features'
import { FraudModel, trainModel } from './model'
import type { FraudInput } from './types'

/** Fraud leans on hosting networks and fast conversions, with overlap both ways. */
function examples(n: number, seed = 3): { input: FraudInput; fraud: boolean }[] {
  let x = seed
  const rnd = () => (x = (x * 48271) % 2147483647) / 2147483647
  return Array.from({ length: n }, (_, i) => {
    const fraud = rnd() < 0.3
    const seconds = fraud ? 5 + rnd() * 120 : 60 + rnd() * 7200
    return {
      fraud,
      input: cleanInput({
        at: T0 + i * 60_000,
        datacenter: rnd() < (fraud ? 0.6 : 0.05),
        click: cleanClick({
          at: T0 + i * 60_000 - seconds * 1000,
          referer: rnd() < 0.3 ? '' : 'https://x.example',
        }),
      }),
    }
  })
}

/** The penalised log-likelihood's gradient at the fitted parameters, from the raw features. */
function gradient(model: FraudModel, data: { input: FraudInput; fraud: boolean }[]): number[] {
  const { features, means, stds, weights, intercept, lambda } = model.params
  const g = new Array<number>(features.length + 1).fill(0)
  for (const { input, fraud } of data) {
    const raw = extractFeatures(input) as Record<string, number>
    const z = features.map((f, j) => (raw[f]! - means[j]!) / stds[j]!)
    const p = 1 / (1 + Math.exp(-(intercept + z.reduce((s, v, j) => s + v * weights[j]!, 0))))
    g[0]! += p - (fraud ? 1 : 0)
    z.forEach((v, j) => (g[j + 1]! += (p - (fraud ? 1 : 0)) * v))
  }
  weights.forEach((w, j) => (g[j + 1]! += lambda * w))
  return g
}

describe('logistic fraud model', () => {
  const data = examples(400)
  const model = trainModel(data, { trainedAt: T0, lambda: 1 })

  it('reaches the penalised optimum: the gradient vanishes (Newton converged)', () => {
    for (const g of gradient(model, data)) expect(Math.abs(g)).toBeLessThan(1e-6)
    expect(model.params.iterations).toBeLessThan(30)
    expect(model.params).toMatchObject({ n: 400, trainedAt: T0, lambda: 1, features: [...FEATURE_NAMES] })
  })

  it('learns the signal: datacenter up, seconds to convert down; constant features weigh nothing', () => {
    const w = Object.fromEntries(model.params.features.map((f, j) => [f, model.params.weights[j]!]))
    expect(w.datacenter).toBeGreaterThan(0.5)
    expect(w.click_to_conversion_log_seconds).toBeLessThan(-0.5)
    expect(w.self_email).toBe(0)
    const dc = model.probability(cleanInput({ datacenter: true, click: cleanClick({ at: T0 - 8000 }) }))
    const clean = model.probability(cleanInput({ click: cleanClick({ at: T0 - 3_600_000 }) }))
    expect(dc).toBeGreaterThan(0.8)
    expect(clean).toBeLessThan(0.1)
  })

  it('explains: contributions are weight × standardised value and add up to the logit', () => {
    const input = data[5]!.input
    const all = model.explain(input, FEATURE_NAMES.length)
    const logit = Math.log(all.probability / (1 - all.probability))
    const sum = all.top.reduce((s, c) => s + c.contribution, model.params.intercept)
    expect(sum).toBeCloseTo(logit, 9)
    const top = model.explain(input).top
    expect(top.length).toBeLessThanOrEqual(5)
    for (let i = 1; i < top.length; i++)
      expect(Math.abs(top[i - 1]!.contribution)).toBeGreaterThanOrEqual(Math.abs(top[i]!.contribution))
  })

  it('more L2 shrinks the weights; perfectly separable data still gives finite weights', () => {
    const norm = (m: FraudModel) => Math.hypot(...m.params.weights)
    expect(norm(trainModel(data, { trainedAt: T0, lambda: 50 }))).toBeLessThan(norm(model))
    const separable = data.map((d) => ({ ...d, input: { ...d.input, datacenter: d.fraud } }))
    const m = trainModel(separable, { trainedAt: T0, lambda: 0.1 })
    expect(m.params.weights.every(Number.isFinite)).toBe(true)
  })

  it('survives a JSON round trip with the same answers, and refuses a malformed one', () => {
    const copy = FraudModel.fromJSON(JSON.parse(JSON.stringify(model)))
    for (const d of data.slice(0, 20)) expect(copy.probability(d.input)).toBe(model.probability(d.input))
    expect(() => FraudModel.fromJSON({ ...model.toJSON(), weights: [1] })).toThrow(/one weight/)
    expect(() => FraudModel.fromJSON({ version: 2 })).toThrow()
  })
})

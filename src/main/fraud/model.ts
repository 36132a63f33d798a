// The learned score: L2-regularised logistic regression with an intercept, fitted by Newton steps
// (IRLS) on standardised features. Our own ~100 lines rather than a package: the one on npm
// (ml-logistic-regression) is plain gradient descent without L2 or an intercept kept out of the
// penalty, so it needs a learning rate tuned per data set and does not converge to the same answer
// twice; Newton steps on a few dozen features converge in a handful of exact iterations.
import { z } from 'zod'
import { extractFeatures, FEATURE_NAMES } from './features'
import type { FeatureContribution, FraudInput } from './types'

export const fraudModelJsonSchema = z.object({
  version: z.literal(1),
  features: z.array(z.string()),
  weights: z.array(z.number()),
  means: z.array(z.number()),
  stds: z.array(z.number()),
  intercept: z.number(),
  lambda: z.number(),
  trainedAt: z.number(),
  /** Examples trained on, and how many of them were fraud. */
  n: z.number().int(),
  positives: z.number().int(),
  iterations: z.number().int(),
})
export type FraudModelJson = z.infer<typeof fraudModelJsonSchema>

export interface Explanation {
  probability: number
  top: FeatureContribution[]
}

const sigmoid = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)))

export class FraudModel {
  constructor(readonly params: FraudModelJson) {
    const k = params.features.length
    if (params.weights.length !== k || params.means.length !== k || params.stds.length !== k)
      throw new Error('A fraud model needs one weight, mean and std per feature')
  }

  static fromJSON(json: unknown): FraudModel {
    return new FraudModel(fraudModelJsonSchema.parse(json))
  }

  toJSON(): FraudModelJson {
    return this.params
  }

  /** Standardised values in the model's feature order; a feature it does not know reads 0 (the mean). */
  private standardise(input: FraudInput): number[] {
    const raw = extractFeatures(input) as Record<string, number>
    const { features, means, stds } = this.params
    return features.map((f, j) => (f in raw ? (raw[f]! - means[j]!) / stds[j]! : 0))
  }

  probability(input: FraudInput): number {
    return this.explain(input, 0).probability
  }

  /** The probability, and the features that moved it most: weight × standardised value, largest |.| first. */
  explain(input: FraudInput, topN = 5): Explanation {
    const z = this.standardise(input)
    const { weights, features, intercept } = this.params
    let t = intercept
    const parts: FeatureContribution[] = []
    for (let j = 0; j < z.length; j++) {
      const contribution = weights[j]! * z[j]!
      t += contribution
      parts.push({ feature: features[j]!, contribution })
    }
    parts.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    return {
      probability: sigmoid(t),
      top: parts.slice(0, topN).filter((p) => Math.abs(p.contribution) > 1e-9),
    }
  }
}

export interface TrainOptions {
  /** When it was trained (ms), passed in so training stays pure. */
  trainedAt: number
  /** L2 penalty on the standardised weights (not the intercept). */
  lambda?: number
  maxIterations?: number
}

/** Solves A x = b for a symmetric positive definite A (Cholesky); A is (k×k) row-major. */
function solveSpd(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j]!
      for (let m = 0; m < j; m++) s -= l[i * k + m]! * l[j * k + m]!
      if (i === j) l[i * k + i] = Math.sqrt(Math.max(s, 1e-12))
      else l[i * k + j] = s / l[j * k + j]!
    }
  }
  const y = new Float64Array(k)
  for (let i = 0; i < k; i++) {
    let s = b[i]!
    for (let m = 0; m < i; m++) s -= l[i * k + m]! * y[m]!
    y[i] = s / l[i * k + i]!
  }
  const x = new Float64Array(k)
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i]!
    for (let m = i + 1; m < k; m++) s -= l[m * k + i]! * x[m]!
    x[i] = s / l[i * k + i]!
  }
  return x
}

export function trainModel(
  examples: readonly { input: FraudInput; fraud: boolean }[],
  options: TrainOptions,
): FraudModel {
  const features = [...FEATURE_NAMES]
  const k = features.length
  const n = examples.length
  if (n === 0) throw new Error('Nothing to train on')
  const lambda = options.lambda ?? 1
  const rows = examples.map((e) => {
    const f = extractFeatures(e.input)
    return features.map((name) => f[name])
  })
  const y: number[] = examples.map((e) => (e.fraud ? 1 : 0))
  const means = features.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n)
  const stds = features.map((_, j) => {
    const v = rows.reduce((s, r) => s + (r[j]! - means[j]!) ** 2, 0) / n
    // A feature that never varies carries nothing; std 1 keeps its standardised value at 0.
    return v > 1e-12 ? Math.sqrt(v) : 1
  })
  const z = rows.map((r) => r.map((x, j) => (x - means[j]!) / stds[j]!))

  // Parameters: [intercept, w_1..w_k]; the penalty skips the intercept.
  const d = k + 1
  /** Penalised negative log-likelihood. */
  const loss = (b: Float64Array): number => {
    let sum = 0
    for (let i = 0; i < n; i++) {
      const zi = z[i]!
      let t = b[0]!
      for (let j = 0; j < k; j++) t += b[j + 1]! * zi[j]!
      // log(1 + e^t) − y·t, computed without overflow.
      sum += (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))) - y[i]! * t
    }
    for (let j = 1; j < d; j++) sum += (lambda / 2) * b[j]! ** 2
    return sum
  }
  let beta = new Float64Array(d)
  const positives = y.reduce((s, v) => s + v, 0)
  beta[0] = Math.log((positives + 0.5) / (n - positives + 0.5))
  let iterations = 0
  for (; iterations < (options.maxIterations ?? 50); iterations++) {
    const grad = new Float64Array(d)
    const hess = new Float64Array(d * d)
    for (let i = 0; i < n; i++) {
      const zi = z[i]!
      let t = beta[0]!
      for (let j = 0; j < k; j++) t += beta[j + 1]! * zi[j]!
      const p = sigmoid(t)
      const w = Math.max(p * (1 - p), 1e-10)
      const r = p - y[i]!
      grad[0] = grad[0]! + r
      hess[0] = hess[0]! + w
      for (let a = 0; a < k; a++) {
        const za = zi[a]!
        grad[a + 1] = grad[a + 1]! + r * za
        hess[a + 1] = hess[a + 1]! + w * za
        for (let c = 0; c <= a; c++) hess[(a + 1) * d + c + 1] = hess[(a + 1) * d + c + 1]! + w * za * zi[c]!
      }
    }
    for (let a = 1; a < d; a++) {
      grad[a] = grad[a]! + lambda * beta[a]!
      hess[a * d + a] = hess[a * d + a]! + lambda
      hess[a * d] = hess[a]! // first column mirrors the first row
      for (let c = 1; c < a; c++) hess[c * d + a] = hess[a * d + c]!
    }
    for (let c = 1; c < d; c++) hess[c] = hess[c * d]!
    const step = solveSpd(hess, grad, d)
    // Backtracking: a full Newton step can overshoot far from the optimum (rare, strong features);
    // halve it until the penalised loss goes down.
    const before = loss(beta)
    let scale = 1
    let next = beta.map((v, j) => v - step[j]!)
    while (loss(next) > before && scale > 1e-6) {
      scale /= 2
      next = beta.map((v, j) => v - scale * step[j]!)
    }
    const moved = step.reduce((m, s) => Math.max(m, Math.abs(scale * s)), 0)
    beta = next
    if (moved < 1e-8) {
      iterations++
      break
    }
  }
  return new FraudModel({
    version: 1,
    features,
    weights: Array.from(beta.subarray(1)),
    means,
    stds,
    intercept: beta[0]!,
    lambda,
    trainedAt: options.trainedAt,
    n,
    positives,
    iterations,
  })
}

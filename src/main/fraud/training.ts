// Training the learned score on the managers' decisions, on demand (the Settings page) and on a
// schedule (jobs/), entirely on this machine. Until there are enough decisions the rules alone
// decide; the status says so in words the Settings page shows as they are.
import type { Store } from '../db/store'
import type { FraudModelStatus } from '../../shared/contract'
import { type FraudModel, modelIsUsable, trainModel } from './index'
import type { FraudRuntime } from './runtime'

export async function fraudModelStatus(store: Store, runtime: FraudRuntime): Promise<FraudModelStatus> {
  const decisions = await store.fraud.labelCount()
  const needed = runtime.settings.minDecisionsForModel
  const model: FraudModel | null = runtime.model
  const active = modelIsUsable(model, runtime.settings)
  let message: string
  if (active) message = `Rules and the learned model decide (trained on ${model.params.n} decisions)`
  else if (decisions < needed) message = `Rules only until ${needed} decisions (have ${decisions})`
  else message = `Rules only: ${decisions} decisions are enough, train the model to use them`
  return {
    active,
    decisions,
    needed,
    message,
    model: model
      ? {
          trainedAt: model.params.trainedAt,
          examples: model.params.n,
          positives: model.params.positives,
          topWeights: model.params.features
            .map((feature, j) => ({ feature, weight: model.params.weights[j]! }))
            .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
            .slice(0, 8),
        }
      : null,
  }
}

/** Trains on every label when there are enough of both kinds; stores the model and starts scoring with it. */
export async function trainFraudModel(
  store: Store,
  runtime: FraudRuntime,
  at: number,
  actor: string,
): Promise<{ trained: boolean; message: string }> {
  const examples = await store.fraud.trainingExamples()
  const needed = runtime.settings.minDecisionsForModel
  if (examples.length < needed)
    return { trained: false, message: `Rules only until ${needed} decisions (have ${examples.length})` }
  const positives = examples.filter((e) => e.fraud).length
  if (positives === 0 || positives === examples.length)
    return { trained: false, message: 'Needs both approved and rejected decisions to learn from' }
  const model = trainModel(examples, { trainedAt: at })
  await store.fraud.saveModel(model.toJSON(), examples.length, actor)
  await runtime.reload()
  return { trained: true, message: `Trained on ${examples.length} decisions (${positives} fraud)` }
}

import type { FraudSettingsView } from '../../shared/contract'
import { fraudModelStatus, trainFraudModel } from '../fraud/training'
import type { HandlerContext, HandlerGroup } from './types'

export function fraudHandlers(
  ctx: HandlerContext,
): HandlerGroup<'fraud.settings.get' | 'fraud.settings.update' | 'fraud.model.status' | 'fraud.model.train'> {
  const { store, actor, fraud } = ctx
  const view = async (): Promise<FraudSettingsView> => {
    const stored = await store.fraud.settings()
    return { ...stored, asnError: stored.asnFile === fraud.asn.file ? fraud.asn.loadError : null }
  }
  return {
    'fraud.settings.get': view,
    'fraud.settings.update': async (patch) => {
      await store.fraud.updateSettings(patch, actor)
      await fraud.reload()
      return view()
    },
    'fraud.model.status': () => fraudModelStatus(store, fraud),
    'fraud.model.train': async () => {
      const r = await trainFraudModel(store, fraud, ctx.now(), actor)
      return { ...r, status: await fraudModelStatus(store, fraud) }
    },
  }
}

import { AppError } from '../../shared/errors'
import type { HandlerContext, HandlerGroup } from './types'

type PayoutMethod =
  | 'payouts.preview'
  | 'payouts.commit'
  | 'payouts.cancel'
  | 'payouts.list'
  | 'payouts.get'
  | 'payouts.markItem'
  | 'payouts.importReport'
  | 'payouts.export'
  | 'payouts.affiliate'
  | 'payouts.statement'
  | 'payouts.yearlyTotals'

const notYet = async (): Promise<never> => {
  throw new AppError('internal', 'Payouts are being built')
}

export function payoutHandlers(_ctx: HandlerContext): HandlerGroup<PayoutMethod> {
  return {
    'payouts.preview': notYet,
    'payouts.commit': notYet,
    'payouts.cancel': notYet,
    'payouts.list': notYet,
    'payouts.get': notYet,
    'payouts.markItem': notYet,
    'payouts.importReport': notYet,
    'payouts.export': notYet,
    'payouts.affiliate': notYet,
    'payouts.statement': notYet,
    'payouts.yearlyTotals': notYet,
  }
}

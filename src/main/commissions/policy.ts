// The engine's rules, bundled for the store, which applies them inside its transactions.
import type { LedgerPolicy } from './ports'
import { computeCommissionLines } from './compute'
import { earningRows, planApproval, planReversal } from './ledger'
import { transition } from './status'

export const ledgerPolicy: LedgerPolicy = {
  computeLines: computeCommissionLines,
  earningRows,
  planApproval,
  planReversal,
  transition,
}

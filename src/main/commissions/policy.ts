// The engine's rules, bundled for the store, which applies their decisions inside its transactions.
import { decideIngest, decideStatusChange } from './attribution'
import { zonedMonths } from './month'
import type { LedgerRules } from './ports'

export const ledgerRules: LedgerRules = { decideIngest, decideStatusChange, months: zonedMonths }

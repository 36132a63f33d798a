// Provider and bookkeeping files for a payout run: pure functions from items to text, and from a
// provider's report back to outcomes. No database, no files, no Electron.
import { writeBookkeepingCsv, writeBookkeepingJson } from './bookkeeping'
import { writePaypalCsv } from './paypal-csv'
import { writePaypalJson } from './paypal-json'
import type { PayoutFile, PayoutFileFormat, PayoutFileItem, PayoutFileOptions, PayoutRunInfo } from './types'
import { writeWiseCsv } from './wise-csv'

export * from './types'
export { PayoutFileValidationError, type ItemProblem } from './validate'
export { parseProviderReport, MAX_REPORT_CHARS } from './report'
export { renderStatement, type StatementInput, type StatementLine } from './statement'
export { yearlyTotalsCsv, type YearlyPaidRow } from './yearly-totals'
export { senderBatchId } from './paypal-json'
export { itemRef, parseItemRef } from './cells'

export const DEFAULT_FILE_OPTIONS: PayoutFileOptions = { decimalStyle: 'dot', note: 'Commission payout' }

/**
 * The files of one format for a run. Only the items the format pays are used (PayPal: method
 * paypal; Wise: wise and bank; csv/json: all). Throws PayoutFileValidationError listing every
 * refused item, so no file is ever half valid. No items for the format gives no files.
 */
export function writePayoutFiles(
  format: PayoutFileFormat,
  run: PayoutRunInfo,
  items: Iterable<PayoutFileItem>,
  options: PayoutFileOptions = DEFAULT_FILE_OPTIONS,
): PayoutFile[] {
  switch (format) {
    case 'paypal':
      return writePaypalCsv(run, items, options)
    case 'paypal-json':
      return writePaypalJson(run, items, options)
    case 'wise':
      return writeWiseCsv(run, items)
    case 'csv':
      return writeBookkeepingCsv(run, items)
    case 'json':
      return writeBookkeepingJson(run, items)
  }
}

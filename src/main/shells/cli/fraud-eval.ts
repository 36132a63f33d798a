// `affiliate-desk fraud eval --data FILE`: the same evaluation as `npm run eval:fraud`, on the
// owner's own labelled history. Needs no data folder: it reads only the file.
import { readFileSync } from 'node:fs'
import { evaluate, formatReport } from '../../fraud/eval/evaluate'
import { parseTraffic } from '../../fraud/eval/records'
import { DEFAULT_FRAUD_SETTINGS, fraudSettingsSchema } from '../../../shared/fraud-settings'

interface Out {
  log(text: string): void
  error(text: string): void
}

export function runFraudEval(cmd: { data: string; settings?: string }, out: Out): number {
  let text: string
  let settings = DEFAULT_FRAUD_SETTINGS
  try {
    text = readFileSync(cmd.data, 'utf8')
    if (cmd.settings) {
      const parsed = fraudSettingsSchema.safeParse(JSON.parse(readFileSync(cmd.settings, 'utf8')))
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        out.error(`${cmd.settings}: not valid fraud settings: ${issue.path.join('.')}: ${issue.message}`)
        return 1
      }
      settings = parsed.data
    }
  } catch (err) {
    out.error(`Cannot read ${(err as NodeJS.ErrnoException).path ?? cmd.settings}: ${(err as Error).message}`)
    return 1
  }
  try {
    const records = parseTraffic(text)
    const report = evaluate(records, { settings })
    if (report.conversions === 0) {
      out.error(`${cmd.data} holds no conversions to evaluate.`)
      return 1
    }
    out.log(`Labelled traffic from ${cmd.data}: ${records.length} records.`)
    out.log(formatReport(report))
    return 0
  } catch (err) {
    out.error(`${cmd.data}: ${(err as Error).message}`)
    return 1
  }
}

// `npm run eval:fraud`: generates seeded synthetic traffic, evaluates rules and model on its
// held-out later part and prints the figures: in full for the first seed, then one line per seed
// so a lucky draw cannot pass for the rule. `--seeds 1-5`, `--days N` vary the traffic;
// `--write FILE` saves the first seed's traffic as JSON lines (what `affiliate-desk fraud eval
// --data` reads).
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_FRAUD_SETTINGS } from '../../../shared/fraud-settings'
import { evaluate, formatReport, type EvalReport } from './evaluate'
import { generateTraffic, toJsonLines } from './generate'
import { parseTraffic } from './records'

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1-5' },
    days: { type: 'string', default: '14' },
    write: { type: 'string' },
  },
})
const [from, to = from] = values.seeds.split('-').map(Number) as [number, number?]
const days = Number(values.days)
if (!Number.isInteger(from) || !Number.isInteger(to) || to < from || !(days > 0)) {
  console.error('Usage: npm run eval:fraud -- [--seeds A-B] [--days N] [--write FILE]')
  process.exit(2)
}

const reports: { seed: number; report: EvalReport }[] = []
for (let seed = from; seed <= to; seed++) {
  const text = toJsonLines(generateTraffic({ seed, days }))
  if (seed === from && values.write) writeFileSync(values.write, text)
  // Through the same parser as an owner's file, so the CLI and this script read identical records.
  const records = parseTraffic(text)
  const report = evaluate(records, { settings: DEFAULT_FRAUD_SETTINGS })
  reports.push({ seed, report })
  if (seed === from) {
    console.log(`Synthetic traffic, seed ${seed}, ${days} days: ${records.length} records.`)
    console.log(formatReport(report), '\n')
  }
}

const f = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '  n/a ' : x.toFixed(4))
console.log(
  `Held-out ROC AUC and precision at the review threshold (${DEFAULT_FRAUD_SETTINGS.reviewThreshold}), per seed:`,
)
console.log('seed  held out (fraud)   AUC rules  model   score    precision rules  model   score')
for (const { seed, report: r } of reports)
  console.log(
    `${String(seed).padEnd(6)}${`${r.test.n} (${r.test.fraud})`.padEnd(19)}${f(r.rules.auc)}     ${f(r.model?.auc)}  ${f(r.combined?.auc)}   ${f(r.rules.atReview.precision)}           ${f(r.model?.atReview.precision)}  ${f(r.combined?.atReview.precision)}`,
  )
const mean = (pick: (r: EvalReport) => number | undefined) =>
  reports.reduce((s, { report }) => s + (pick(report) ?? Number.NaN), 0) / reports.length
console.log(
  `${'mean'.padEnd(25)}${f(mean((r) => r.rules.auc))}     ${f(mean((r) => r.model?.auc))}  ${f(mean((r) => r.combined?.auc))}   ${f(mean((r) => r.rules.atReview.precision))}           ${f(mean((r) => r.model?.atReview.precision))}  ${f(mean((r) => r.combined?.atReview.precision))}`,
)
const beats = reports.filter(({ report: r }) => r.model && r.model.auc > r.rules.auc).length
console.log(`The model beats the rules alone on ${beats} of ${reports.length} seeds.`)

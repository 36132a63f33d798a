// `npm run eval:fraud`: generates the seeded synthetic traffic, evaluates rules and model on its
// held-out later part, and prints the figures. `--seed N`, `--days N` vary the traffic;
// `--write FILE` also saves it as JSON lines (the format `affiliate-desk fraud eval --data` reads).
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_FRAUD_SETTINGS } from '../../../shared/fraud-settings'
import { evaluate, formatReport } from './evaluate'
import { generateTraffic, toJsonLines } from './generate'
import { parseTraffic } from './records'

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    days: { type: 'string', default: '14' },
    write: { type: 'string' },
  },
})
const seed = Number(values.seed)
const days = Number(values.days)
const text = toJsonLines(generateTraffic({ seed, days }))
if (values.write) writeFileSync(values.write, text)
// Through the same parser as an owner's file, so the CLI and this script read identical records.
const records = parseTraffic(text)
const started = performance.now()
const report = evaluate(records, { settings: DEFAULT_FRAUD_SETTINGS })
console.log(`Synthetic traffic, seed ${seed}, ${days} days: ${records.length} records.`)
console.log(formatReport(report))
console.log(`(replay, training and scoring took ${((performance.now() - started) / 1000).toFixed(1)} s)`)

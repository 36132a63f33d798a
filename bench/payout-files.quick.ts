// Quick measurement of the pure payout file writers (the full flow is `npm run bench:payouts`):
// 50,000 items (half PayPal in USD/EUR, half Wise bank in EUR/GBP/USD/AUD) through every format,
// against a baseline of csv-stringify writing as many 10-column rows as the CSV formats write, interleaved, medians.
// Run: npx tsx --import ./test/support/raw-import.mjs bench/payout-files.quick.ts
import { stringify } from 'csv-stringify/sync'
import { writePayoutFiles } from '../src/main/payouts/files'
import { BANKS, RUN, item } from '../src/main/payouts/files/test-items'
import type { PayoutFileFormat, PayoutFileItem } from '../src/main/payouts/files/types'

const N = 50_000
const FORMATS: PayoutFileFormat[] = ['paypal', 'paypal-json', 'wise', 'csv', 'json']
const items: PayoutFileItem[] = Array.from({ length: N }, (_, i) => {
  const id = i + 1
  if (id % 2 === 0)
    return item(id, { currency: id % 4 === 0 ? 'USD' : 'EUR', amountMinor: 1 + ((id * 7919) % 500_000) })
  const currency = ['EUR', 'GBP', 'USD', 'AUD'][id % 4]!
  return item(id, {
    method: 'bank',
    currency,
    bank: BANKS[currency]!,
    amountMinor: 1 + ((id * 104_729) % 900_000),
  })
})

// CPU time of this process (user + system): on a shared, loaded machine wall time mostly measures the neighbours.
const ms = (fn: () => void): number => {
  const t = process.cpuUsage()
  fn()
  const d = process.cpuUsage(t)
  return (d.user + d.system) / 1000
}
const wall = (fn: () => void): number => {
  const t = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - t) / 1e6
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const all: number[] = []
const allWall: number[] = []
const per: Record<string, number[]> = Object.fromEntries(FORMATS.map((f) => [f, []]))
const base: number[] = []
const rows = items.map((i) => [
  i.email ?? '',
  String(i.amountMinor),
  i.currency,
  `PI-${i.itemId}`,
  'note',
  'PAYPAL',
  '',
  '',
  '',
  'SERVICES',
])
// The CSV formats write every item twice (its provider file, and the bookkeeping CSV).
const baseRows = [...rows, ...rows]
for (let round = 0; round < 7; round++) {
  base.push(ms(() => stringify(baseRows, { record_delimiter: 'windows' })))
  const run = (): void => {
    for (const f of FORMATS)
      per[f]!.push(
        ms(() => writePayoutFiles(f, RUN, items, { decimalStyle: 'dot', note: 'Commission payout' })),
      )
  }
  let cpu = 0
  allWall.push(wall(() => (cpu = ms(run))))
  all.push(cpu)
}
const b = median(base)
console.log(`items: ${N}; CPU ms, medians of 7 interleaved rounds`)
console.log(`baseline (csv-stringify, ${baseRows.length} rows x 10 columns): ${b.toFixed(1)} ms`)
for (const f of FORMATS) console.log(`  ${f.padEnd(12)} ${median(per[f]!).toFixed(1)} ms`)
console.log(`all formats: ${median(all).toFixed(1)} ms CPU (${(median(all) / b).toFixed(2)}x baseline)`)
console.log(
  `all formats, wall: ${median(allWall).toFixed(1)} ms; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
)

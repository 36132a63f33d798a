// Memory of the fraud engine's sliding windows with 1,000,000 distinct IPs (the bound:
// under 200 MB). Every IP clicks, every fourth converts with a fingerprint; measured as the heap and
// typed-array growth after a forced GC, next to the state's own estimate (approxBytes).
// Run: npm run bench:fraud-state   (IPS=100000 for a smoke run)
import { FraudState } from '../src/main/fraud/state'

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('Run with --expose-gc (npm run bench:fraud-state does)')
const ips = Number(process.env.IPS ?? 1_000_000)
const used = () => {
  gc()
  gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

const T = Date.UTC(2026, 0, 5)
const before = used()
const state = new FraudState()
const started = performance.now()
for (let i = 0; i < ips; i++) {
  // Spread over 24 h, as a day of traffic would be.
  const at = T + Math.floor((i / ips) * 86_400_000)
  const ip = `${10 + (i >>> 24)}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`
  state.observeClick({ at, ip })
  if (i % 4 === 0) state.observeConversion({ at, ip, fingerprint: `fp-${i % 50_000}`, affiliateId: i % 500 })
}
const elapsed = performance.now() - started
const after = used()
const mb = (b: number) => `${(b / 1_048_576).toFixed(1)} MB`
console.log(
  `FraudState with ${state.size().ips.toLocaleString('en')} IPs, ${state.size().fingerprints} fingerprints, ${state.size().affiliates} affiliates:`,
)
console.log(
  `  measured heap + typed arrays: ${mb(after - before)} (${((after - before) / ips).toFixed(0)} bytes per IP)`,
)
console.log(`  approxBytes() estimate:       ${mb(state.approxBytes())}`)
console.log(`  bound: 200 MB -> ${after - before < 200 * 1_048_576 ? 'within' : 'OVER'}`)
console.log(`  ${(ips / (elapsed / 1000)).toFixed(0)} observations of new IPs per second while filling`)

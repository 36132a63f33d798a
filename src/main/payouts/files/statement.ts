// The self-billing statement: what one payout item pays one affiliate, line by line, as a
// self-contained printable HTML page (inline CSS, no scripts, no outside resources, all text escaped).
import { displayMoney } from '../../../shared/money'
import { itemRef, sumMinor } from './cells'

export interface StatementLine {
  conversionId: number
  /** When the conversion happened (ms). */
  date: number
  orderRef: string | null
  /** 0 for the affiliate's own sale, 1+ for upline levels. */
  level: number
  /** e.g. "commission", "clawback", "bonus". */
  kind: string
  /** Negative for clawbacks netted in this payout. */
  amountMinor: number
}

export interface StatementInput {
  program: { name: string; ownerName: string; ownerAddress?: string }
  affiliate: { name: string; code: string; email: string | null }
  itemId: number
  runId: number
  /** The statement's date (ms), usually the run's. */
  date: number
  currency: string
  method: string
  lines: StatementLine[]
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)
}

function day(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : ''
}

const CSS = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  .sub { color: #555; margin: 0 0 1.5rem; }
  .parties { display: flex; gap: 2rem; margin-bottom: 1.5rem; }
  .parties div { flex: 1; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1.5rem; }
  dt { color: #555; }
  dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ddd; }
  th { background: #f3f3f3; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tfoot td { font-weight: 600; border-top: 2px solid #111; border-bottom: none; }
  .note { color: #555; font-size: .85rem; margin-top: 1.5rem; }
  @page { size: A4; margin: 15mm; }
  @media print { body { margin: 0; max-width: none; } th { background: none; } tr { break-inside: avoid; } }
`

export function renderStatement(input: StatementInput): string {
  const e = escapeHtml
  const money = (minor: number): string => e(displayMoney(minor, input.currency))
  const lines = [...input.lines].sort((a, b) => a.date - b.date || a.conversionId - b.conversionId)
  const total = sumMinor(lines)
  const ref = itemRef(input.itemId)
  const body = lines
    .map(
      (l) => `      <tr>
        <td>${l.conversionId}</td>
        <td>${e(day(l.date))}</td>
        <td>${e(l.orderRef ?? '')}</td>
        <td class="num">${l.level}</td>
        <td>${e(l.kind)}</td>
        <td class="num">${money(l.amountMinor)}</td>
      </tr>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
  <title>Statement ${e(ref)} — ${e(input.affiliate.name)}</title>
  <style>${CSS}</style>
</head>
<body>
  <h1>Self-billing statement ${e(ref)}</h1>
  <p class="sub">Issued by ${e(input.program.ownerName)} on behalf of ${e(input.affiliate.name)}, ${e(day(input.date))}</p>
  <div class="parties">
    <div><strong>Program</strong><br>${e(input.program.name)}<br>${e(input.program.ownerName)}${
      input.program.ownerAddress ? `<br>${e(input.program.ownerAddress)}` : ''
    }</div>
    <div><strong>Affiliate</strong><br>${e(input.affiliate.name)}<br>Code ${e(input.affiliate.code)}${
      input.affiliate.email ? `<br>${e(input.affiliate.email)}` : ''
    }</div>
  </div>
  <dl>
    <dt>Payout item</dt><dd>${e(ref)}</dd>
    <dt>Payout run</dt><dd>${input.runId}</dd>
    <dt>Date</dt><dd>${e(day(input.date))}</dd>
    <dt>Currency</dt><dd>${e(input.currency)}</dd>
    <dt>Paid by</dt><dd>${e(input.method)}</dd>
  </dl>
  <table>
    <thead>
      <tr><th>Conversion</th><th>Date</th><th>Order</th><th class="num">Level</th><th>Kind</th><th class="num">Amount</th></tr>
    </thead>
    <tbody>
${body}
    </tbody>
    <tfoot>
      <tr><td colspan="5">Total (${lines.length} ${lines.length === 1 ? 'line' : 'lines'})</td><td class="num">${money(total)}</td></tr>
    </tfoot>
  </table>
  <p class="note">This statement is issued under a self-billing arrangement: the program prepares it on the affiliate's behalf for the commissions listed above.</p>
</body>
</html>
`
}

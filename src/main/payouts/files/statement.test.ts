import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { renderStatement, yearlyTotalsCsv, type StatementInput, type YearlyPaidRow } from './index'

const input: StatementInput = {
  program: { name: 'Acme <Partners>', ownerName: 'Acme & Co' },
  affiliate: { name: '<script>alert(1)</script>', code: 'AFF"1', email: 'a@example.com' },
  itemId: 42,
  runId: 7,
  date: Date.UTC(2026, 10, 1),
  currency: 'EUR',
  method: 'paypal',
  lines: [
    {
      conversionId: 12,
      date: Date.UTC(2026, 9, 5),
      orderRef: 'ORD-2',
      level: 1,
      kind: 'commission',
      amountMinor: 250,
    },
    {
      conversionId: 11,
      date: Date.UTC(2026, 9, 3),
      orderRef: "O'1",
      level: 0,
      kind: 'commission',
      amountMinor: 10050,
    },
    {
      conversionId: 9,
      date: Date.UTC(2026, 9, 9),
      orderRef: null,
      level: 0,
      kind: 'clawback',
      amountMinor: -300,
    },
  ],
}

describe('self-billing statement', () => {
  const html = renderStatement(input)

  it('lists every line by date and the netted total', () => {
    const rows = [...html.matchAll(/<tr>\s*<td>(\d+)<\/td>\s*<td>([\d-]+)<\/td>/g)].map((m) => [m[1], m[2]])
    expect(rows).toEqual([
      ['11', '2026-10-03'],
      ['12', '2026-10-05'],
      ['9', '2026-10-09'],
    ])
    expect(html).toContain('Total (3 lines)</td><td class="num">€100.00</td>')
    expect(html).toContain('-€3.00')
    expect(html).toContain('PI-42')
  })

  it('escapes every piece of text and loads nothing from outside', () => {
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Acme &amp; Co')
    expect(html).toContain('AFF&quot;1')
    expect(html).toContain('O&#39;1')
    expect(html).not.toMatch(/\b(src|href)=/)
    expect(html).toContain("default-src 'none'")
    expect(html).toContain('@media print')
  })
})

describe('yearly totals', () => {
  const rows: YearlyPaidRow[] = [
    {
      affiliateId: 2,
      affiliateCode: 'B',
      name: '=evil',
      email: null,
      currency: 'USD',
      amountMinor: 30000,
      paidAt: Date.UTC(2026, 0, 1),
    },
    {
      affiliateId: 2,
      affiliateCode: 'B',
      name: '=evil',
      email: null,
      currency: 'USD',
      amountMinor: 30000,
      paidAt: Date.UTC(2026, 11, 31, 23, 59),
    },
    {
      affiliateId: 2,
      affiliateCode: 'B',
      name: '=evil',
      email: null,
      currency: 'USD',
      amountMinor: 99999,
      paidAt: Date.UTC(2027, 0, 1),
    },
    {
      affiliateId: 1,
      affiliateCode: 'A',
      name: 'Ann',
      email: 'a@x.io',
      currency: 'USD',
      amountMinor: 59999,
      paidAt: Date.UTC(2026, 5, 1),
    },
    {
      affiliateId: 1,
      affiliateCode: 'A',
      name: 'Ann',
      email: 'a@x.io',
      currency: 'EUR',
      amountMinor: 90000,
      paidAt: Date.UTC(2026, 5, 1),
    },
    {
      affiliateId: 3,
      affiliateCode: 'C',
      name: 'Cy',
      email: null,
      currency: 'USD',
      amountMinor: 70000,
      paidAt: Date.UTC(2025, 11, 31, 23, 59),
    },
  ]

  it('sums per affiliate and currency within the UTC year and flags totals at or over the threshold', () => {
    const file = yearlyTotalsCsv(2026, rows, 60000)
    const records = parse(file.content, { bom: true, columns: true }) as Record<string, string>[]
    expect(
      records.map((r) => [r.affiliate_id, r.currency, r.total, r.total_minor, r.payments, r.over_threshold]),
    ).toEqual([
      ['1', 'EUR', '900.00', '90000', '1', ''],
      ['1', 'USD', '599.99', '59999', '1', 'no'],
      ['2', 'USD', '600.00', '60000', '2', 'yes'],
    ])
    expect(records[2]!.name).toBe("'=evil")
    expect(file.name).toBe('payout-totals-2026.csv')
    expect(file.rows).toBe(3)
  })
})

import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { describe, expect, it } from 'vitest'
import { MAX_REPORT_CHARS, parseProviderReport, writePayoutFiles } from './index'
import { mapStatus, reportAmount } from './report'
import { item, RUN } from './test-items'

describe('PayPal payouts report', () => {
  it('reads BOM, CRLF, preamble lines, any header case, debit amounts; lists unreadable rows by line', () => {
    const text =
      '\ufeffPayouts report\r\n' +
      'Generated 2026-11-02\r\n' +
      'TRANSACTION ID,Recipient,Amount,Currency,Status,Customer ID,Reason\r\n' +
      '5TY0,a1@example.com,"-1,234.50",USD,Success,PI-1,\r\n' +
      '5TY1,a2@example.com,-42.00,usd,FAILED,PI-2,Receiver account locked\r\n' +
      '5TY2,a3@example.com,5.45,EUR,Unclaimed,PI-3,\r\n' +
      '5TY3,a4@example.com,1000,JPY,REVERSED,PI-0004,\r\n' +
      '5TY4,a5@example.com,1.250,BHD,On hold,PI-5,\r\n' +
      '5TY5,a6@example.com,1.00,USD,Exploded,PI-6,\r\n' +
      '5TY6,a7@example.com,1.00,USD,SUCCESS,INV-9,\r\n' +
      '\r\n' +
      '5TY7,a8@example.com,abc,USD,BLOCKED,PI-8\r\n'
    const report = parseProviderReport('paypal', text)
    expect(report.rows).toEqual([
      {
        itemId: 1,
        outcome: 'paid',
        providerRef: '5TY0',
        amountMinor: 123450,
        currency: 'USD',
        detail: 'Success',
      },
      {
        itemId: 2,
        outcome: 'failed',
        providerRef: '5TY1',
        amountMinor: 4200,
        currency: 'USD',
        detail: 'FAILED: Receiver account locked',
      },
      {
        itemId: 3,
        outcome: 'unclaimed',
        providerRef: '5TY2',
        amountMinor: 545,
        currency: 'EUR',
        detail: 'Unclaimed',
      },
      {
        itemId: 4,
        outcome: 'returned',
        providerRef: '5TY3',
        amountMinor: 1000,
        currency: 'JPY',
        detail: 'REVERSED',
      },
      {
        itemId: 5,
        outcome: 'pending',
        providerRef: '5TY4',
        amountMinor: 1250,
        currency: 'BHD',
        detail: 'On hold',
      },
      {
        itemId: 8,
        outcome: 'failed',
        providerRef: '5TY7',
        amountMinor: null,
        currency: 'USD',
        detail: 'BLOCKED',
      },
    ])
    expect(report.problems).toEqual([
      { line: 9, message: 'PI-6: unknown status "Exploded"' },
      { line: 10, message: 'no payout item reference (PI-…) in "INV-9"' },
    ])
  })

  it('maps every documented transaction status', () => {
    const expected = {
      SUCCESS: 'paid',
      FAILED: 'failed',
      BLOCKED: 'failed',
      DENIED: 'failed',
      UNCLAIMED: 'unclaimed',
      RETURNED: 'returned',
      REFUNDED: 'returned',
      REVERSED: 'returned',
      PENDING: 'pending',
      ONHOLD: 'pending',
    } as const
    for (const [status, outcome] of Object.entries(expected))
      expect(mapStatus('paypal', status)).toBe(outcome)
    expect(mapStatus('paypal', 'whatever')).toBeNull()
  })

  it('reads back a report built from our own upload file', () => {
    const items = [1, 2, 3].map((id) => item(id, { amountMinor: id * 1001 }))
    const [upload] = writePayoutFiles('paypal', RUN, items, { decimalStyle: 'dot', note: 'n' })
    const uploaded = parse(upload!.content) as string[][]
    const text = stringify([
      ['Transaction ID', 'Recipient', 'Amount', 'Currency', 'Status', 'Customer ID'],
      ...uploaded.map((r, i) => [`T${i}`, r[0]!, `-${r[1]}`, r[2]!, 'SUCCESS', r[3]!]),
    ])
    const report = parseProviderReport('paypal', text)
    expect(report.problems).toEqual([])
    expect(report.rows.map((r) => [r.itemId, r.amountMinor, r.outcome])).toEqual(
      items.map((i) => [i.itemId, i.amountMinor, 'paid']),
    )
  })
})

describe('Wise batch status report', () => {
  it('maps states and finds the reference', () => {
    const text =
      'id,paymentReference,status,targetAmount,targetCurrency\n' +
      '901,PI-11,outgoing_payment_sent,12.34,EUR\n' +
      '902,PI-12,cancelled,1.00,GBP\n' +
      '903,PI-13,funds_refunded,1.00,GBP\n' +
      '904,PI-14,bounced_back,1.00,GBP\n' +
      '905,PI-15,charged_back,1.00,GBP\n' +
      '906,PI-16,processing,1.00,GBP\n' +
      '907,Invoice PI-17 Oct,Incoming Payment Waiting,1.00,GBP\n' +
      '908,PI-18,,1.00,GBP\n'
    const report = parseProviderReport('wise', text)
    expect(report.rows.map((r) => [r.itemId, r.outcome, r.providerRef])).toEqual([
      [11, 'paid', '901'],
      [12, 'failed', '902'],
      [13, 'returned', '903'],
      [14, 'returned', '904'],
      [15, 'returned', '905'],
      [16, 'pending', '906'],
      [17, 'pending', '907'],
    ])
    expect(report.rows[0]!.amountMinor).toBe(1234)
    expect(report.problems).toEqual([{ line: 9, message: 'PI-18: unknown status ""' }])
  })
})

describe('hostile report files never throw', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['only a BOM', '\ufeff'],
    ['no header', 'a,b,c\n1,2,3\n'],
    ['binary', '\u0000\u0001\uffff\ud800,"\n\u0000'],
    ['unclosed quote', 'Customer ID,Status\nPI-1,SUCCESS\nPI-2,"SUCC\nPI-3,SUCCESS\n'],
    ['stray quotes', 'Customer ID,Status\nPI-1,SUC"CESS"\n"PI-2"x,SUCCESS\nPI-3,SUCCESS\n'],
    ['huge cell', `Customer ID,Status\nPI-1,${'X'.repeat(200_000)}\nPI-2,SUCCESS\n`],
    ['ragged rows', 'Customer ID,Status\nPI-1\nPI-2,SUCCESS,extra,extra\n,,\n'],
    ['formula cells', 'Customer ID,Status\n=cmd|calc,SUCCESS\n'],
    ['huge id', 'Customer ID,Status\nPI-99999999999999999999,SUCCESS\n'],
  ]
  for (const [name, text] of cases) {
    it(name, () => {
      const report = parseProviderReport('paypal', text)
      expect(Array.isArray(report.rows)).toBe(true)
      for (const p of report.problems) {
        expect(Number.isInteger(p.line)).toBe(true)
        expect(p.message.length).toBeLessThanOrEqual(300)
      }
      for (const r of report.rows) expect(r.itemId).toBeGreaterThan(0)
    })
  }

  it('says where an unclosed quote starts and keeps the rows before it', () => {
    const report = parseProviderReport(
      'paypal',
      'Customer ID,Status\r\nPI-1,SUCCESS\r\nPI-2,"SUCC\r\nPI-3,SUCCESS\r\n',
    )
    expect(report.rows.map((r) => r.itemId)).toEqual([1])
    expect(report.problems).toEqual([
      {
        line: 3,
        message: 'a quote opened on line 3 is never closed: nothing from this line to the end could be read',
      },
    ])
  })

  it('reads the rows after a huge cell', () => {
    const report = parseProviderReport(
      'paypal',
      `Customer ID,Status\nPI-1,${'X'.repeat(200_000)}\nPI-2,SUCCESS\n`,
    )
    expect(report.rows.map((r) => r.itemId)).toEqual([2])
    expect(report.problems).toHaveLength(1)
    expect(report.problems[0]!.line).toBe(2)
    expect(report.problems[0]!.message.length).toBeLessThanOrEqual(300)
  })

  it('lists short rows and an out-of-range id, keeps ragged but readable rows', () => {
    const report = parseProviderReport(
      'paypal',
      'Customer ID,Status\nPI-1\nPI-2,SUCCESS,extra,extra\n,,\nPI-99999999999999999999,SUCCESS\n',
    )
    expect(report.rows.map((r) => r.itemId)).toEqual([2])
    expect(report.problems.map((p) => p.line)).toEqual([2, 5])
  })

  it('keeps the readable rows around an unreadable one', () => {
    const report = parseProviderReport(
      'paypal',
      'Customer ID,Status\nPI-1,SUCCESS\nPI-2,SUC"CESS\nPI-3,FAILED\n',
    )
    expect(report.rows.map((r) => [r.itemId, r.outcome])).toEqual([
      [1, 'paid'],
      [3, 'failed'],
    ])
    expect(report.problems.map((p) => p.line)).toEqual([3])
  })

  it('refuses a file above the size bound without parsing it', () => {
    const report = parseProviderReport('wise', 'x'.repeat(MAX_REPORT_CHARS + 1))
    expect(report.rows).toEqual([])
    expect(report.problems).toHaveLength(1)
    expect(report.problems[0]!.message).toMatch(/larger than/)
  })

  it('caps the problem list', () => {
    const text = 'Customer ID,Status\n' + 'nope,SUCCESS\n'.repeat(5_000)
    const report = parseProviderReport('paypal', text)
    expect(report.problems).toHaveLength(1_001)
  })

  it('reads amounts in both grouping styles and refuses guesses', () => {
    expect(reportAmount('1.234,56', 'EUR')).toBe(123456)
    expect(reportAmount('(12.00)', 'USD')).toBe(1200)
    expect(reportAmount('12.345', 'USD')).toBeNull()
    expect(reportAmount('12', null)).toBeNull()
  })
})

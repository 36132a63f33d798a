import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { parseDecimalToMinor } from '../../../shared/money'
import { stringify } from 'csv-stringify/sync'
import { toCsv } from './cells'
import { PayoutFileValidationError, writePayoutFiles } from './index'
import type { PaypalBatch } from './paypal-json'
import { bankItem, item, RUN } from './test-items'
import type { PayoutFile, PayoutFileItem, PayoutFileOptions } from './types'

const DOT: PayoutFileOptions = { decimalStyle: 'dot', note: 'Commission payout 2026-10' }
const COMMA: PayoutFileOptions = { decimalStyle: 'comma', note: 'Commission payout 2026-10' }

const rowsOf = (file: PayoutFile): string[][] => parse(file.content, { bom: true }) as string[][]

function refused(fn: () => unknown): PayoutFileValidationError {
  try {
    fn()
  } catch (err) {
    if (err instanceof PayoutFileValidationError) return err
    throw err
  }
  throw new Error('expected a PayoutFileValidationError')
}

const range = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => from + i)

describe('CSV cells', () => {
  it('quotes a lone CR or LF, so a CRLF reader never splits a row inside a cell', () => {
    expect(toCsv([['a\rb', 'c\nd', 'e,f', 'g']])).toBe('"a\rb","c\nd","e,f",g\r\n')
  })

  it('writes in blocks exactly what one csv-stringify call writes, with one BOM at the start', () => {
    for (const n of [0, 1, 2047, 2048, 2049, 5000]) {
      const rows = range(n).map((i) => [
        `r${i}`,
        i % 7 === 0 ? 'a,"b"' : String(i),
        i % 11 === 0 ? 'x\ny' : '',
      ])
      for (const bom of [false, true])
        expect(toCsv(rows.values(), { bom }), `${n} rows, bom ${bom}`).toBe(
          stringify(rows, { record_delimiter: 'windows', quote_record_delimiter: true, bom }),
        )
    }
  })
})

describe('PayPal web upload CSV', () => {
  const items: PayoutFileItem[] = [
    item(1, { amountMinor: 10050 }),
    item(2, { amountMinor: 4200 }),
    item(3, { currency: 'EUR', amountMinor: 545 }),
    item(4, { currency: 'JPY', amountMinor: 1234 }),
    item(5, { currency: 'BHD', amountMinor: 1250 }),
    bankItem(6, 'EUR'),
    item(7, { method: 'wise' }),
  ]

  it('writes ten columns, no header, one currency per file, only PayPal items, totals equal the input', () => {
    const files = writePayoutFiles('paypal', RUN, items, DOT)
    expect(files.map((f) => f.name)).toEqual([
      'payouts-run7-paypal-BHD-1.csv',
      'payouts-run7-paypal-EUR-1.csv',
      'payouts-run7-paypal-JPY-1.csv',
      'payouts-run7-paypal-USD-1.csv',
    ])
    for (const file of files) {
      const rows = rowsOf(file)
      expect(rows).toHaveLength(file.rows)
      let total = 0
      for (const row of rows) {
        expect(row).toHaveLength(10)
        expect(row[2]).toBe(file.currency)
        expect(row[3]).toMatch(/^PI-\d+$/)
        expect(row[5]).toBe('PAYPAL')
        expect(row[9]).toBe('SERVICES')
        expect(row.slice(6, 9)).toEqual(['', '', ''])
        total += parseDecimalToMinor(row[1]!, file.currency!)
      }
      expect(total).toBe(file.totalMinor)
      const expected = items
        .filter((i) => i.method === 'paypal' && i.currency === file.currency)
        .reduce((s, i) => s + i.amountMinor, 0)
      expect(total).toBe(expected)
    }
    const usd = files.find((f) => f.currency === 'USD')!
    expect(usd.content).toBe(
      'a1@example.com,100.50,USD,PI-1,Commission payout 2026-10,PAYPAL,,,,SERVICES\r\n' +
        'a2@example.com,42.00,USD,PI-2,Commission payout 2026-10,PAYPAL,,,,SERVICES\r\n',
    )
    expect(files.find((f) => f.currency === 'JPY')!.content).toContain(',1234,JPY,')
    expect(files.find((f) => f.currency === 'BHD')!.content).toContain(',1.250,BHD,')
  })

  it('quotes comma decimals and nothing else changes', () => {
    const files = writePayoutFiles('paypal', RUN, items, COMMA)
    const eur = files.find((f) => f.currency === 'EUR')!
    expect(eur.content).toBe(
      'a3@example.com,"5,45",EUR,PI-3,Commission payout 2026-10,PAYPAL,,,,SERVICES\r\n',
    )
    expect(rowsOf(eur)[0]![1]).toBe('5,45')
    expect(files.find((f) => f.currency === 'JPY')!.content).toContain(',1234,JPY,')
  })

  it('splits at exactly 5,000 rows, each item once, ids in order', () => {
    const many = range(12_001).map((id) => item(id))
    const files = writePayoutFiles('paypal', RUN, many, DOT)
    expect(files.map((f) => f.rows)).toEqual([5000, 5000, 2001])
    expect(files.map((f) => f.name)).toEqual([
      'payouts-run7-paypal-USD-1.csv',
      'payouts-run7-paypal-USD-2.csv',
      'payouts-run7-paypal-USD-3.csv',
    ])
    const refs = files.flatMap((f) => rowsOf(f).map((r) => r[3]))
    expect(refs).toEqual(range(12_001).map((id) => `PI-${id}`))
    const total = files.reduce((s, f) => s + f.totalMinor, 0)
    expect(total).toBe(many.reduce((s, i) => s + i.amountMinor, 0))
  })

  it('clips the note to 400 characters and guards it against formulas', () => {
    const long = writePayoutFiles('paypal', RUN, [item(1)], { decimalStyle: 'dot', note: 'x'.repeat(500) })
    expect(rowsOf(long[0]!)[0]![4]).toHaveLength(400)
    const evil = writePayoutFiles('paypal', RUN, [item(1)], {
      decimalStyle: 'dot',
      note: '=HYPERLINK("http://x")',
    })
    expect(rowsOf(evil[0]!)[0]![4]).toBe(`'=HYPERLINK("http://x")`)
  })

  it('refuses the whole file, listing every bad item', () => {
    const err = refused(() =>
      writePayoutFiles(
        'paypal',
        RUN,
        [
          item(1),
          item(2, { amountMinor: 0 }),
          item(3, { amountMinor: -5 }),
          item(4, { email: null }),
          item(5, { email: 'not an email' }),
          item(6, { email: '=cmd@example.com' }),
          item(7, { runId: 8 }),
          item(8, { currency: 'usd' }),
          item(9, { amountMinor: 1.5 }),
          item(1),
        ],
        DOT,
      ),
    )
    expect([...new Set(err.problems.map((p) => p.itemId))].sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ])
    expect(err.problems.find((p) => p.itemId === 4)!.reason).toBe('no email address')
    expect(err.message).toContain('PI-2')
  })
})

describe('PayPal API batch JSON', () => {
  it('per currency, at most 15,000 items, deterministic sender_batch_id, string amounts', () => {
    const many = [...range(15_001).map((id) => item(id)), item(20_000, { currency: 'EUR', amountMinor: 99 })]
    const files = writePayoutFiles('paypal-json', RUN, many, DOT)
    expect(files.map((f) => [f.name, f.rows])).toEqual([
      ['payouts-run7-paypal-EUR-1.json', 1],
      ['payouts-run7-paypal-USD-1.json', 15_000],
      ['payouts-run7-paypal-USD-2.json', 1],
    ])
    const batches = files.map((f) => JSON.parse(f.content) as PaypalBatch)
    expect(batches.map((b) => b.sender_batch_header.sender_batch_id)).toEqual([
      'run-7-EUR-1',
      'run-7-USD-1',
      'run-7-USD-2',
    ])
    const again = writePayoutFiles('paypal-json', RUN, [...many].reverse(), DOT)
    expect(again.map((f) => f.content)).toEqual(files.map((f) => f.content))
    batches.forEach((batch, i) => {
      const total = batch.items.reduce(
        (s, it) => s + parseDecimalToMinor(it.amount.value, it.amount.currency),
        0,
      )
      expect(total).toBe(files[i]!.totalMinor)
    })
    expect(batches[0]!.items[0]).toEqual({
      recipient_type: 'EMAIL',
      amount: { value: '0.99', currency: 'EUR' },
      receiver: 'a20000@example.com',
      note: 'Commission payout 2026-10',
      sender_item_id: 'PI-20000',
      recipient_wallet: 'PAYPAL',
      purpose: 'SERVICES',
    })
    const allIds = batches.flatMap((b) => b.items.map((it) => it.sender_item_id))
    expect(new Set(allIds).size).toBe(many.length)
  })
})

describe('Wise batch CSV', () => {
  it('has the right bank columns per currency', () => {
    const files = writePayoutFiles(
      'wise',
      RUN,
      [bankItem(1, 'EUR'), bankItem(2, 'GBP'), bankItem(3, 'USD'), bankItem(4, 'AUD'), item(5)],
      DOT,
    )
    const byName = Object.fromEntries(files.map((f) => [f.name, rowsOf(f)]))
    const common =
      'name,recipientEmail,paymentReference,referenceNumber,receiverType,amountCurrency,amount,sourceCurrency,targetCurrency'
    expect(Object.keys(byName)).toEqual([
      'payouts-run7-wise-AUD-bank-1.csv',
      'payouts-run7-wise-EUR-bank-1.csv',
      'payouts-run7-wise-GBP-bank-1.csv',
      'payouts-run7-wise-USD-bank-1.csv',
    ])
    expect(byName['payouts-run7-wise-EUR-bank-1.csv']).toEqual([
      [...common.split(','), 'IBAN', 'BIC'],
      [
        'Eva Müller',
        '',
        'PI-1',
        'PI-1',
        'PERSON',
        'target',
        '1.01',
        'EUR',
        'EUR',
        'DE89370400440532013000',
        'COBADEFFXXX',
      ],
    ])
    expect(byName['payouts-run7-wise-GBP-bank-1.csv']![0]!.slice(9)).toEqual(['accountNumber', 'sortCode'])
    expect(byName['payouts-run7-wise-GBP-bank-1.csv']![1]!.slice(9)).toEqual(['31926819', '601613'])
    expect(byName['payouts-run7-wise-USD-bank-1.csv']![0]!.slice(9)).toEqual([
      'accountNumber',
      'abartn',
      'accountType',
      'addressCountryCode',
      'addressCity',
      'addressFirstLine',
      'addressState',
      'addressPostCode',
    ])
    expect(byName['payouts-run7-wise-USD-bank-1.csv']![1]!.slice(9)).toEqual([
      '123456789',
      '026009593',
      'CHECKING',
      'US',
      'New York',
      '1 Main St',
      'NY',
      '10001',
    ])
    expect(byName['payouts-run7-wise-AUD-bank-1.csv']![1]!.slice(9)).toEqual(['12345678', '062000'])
  })

  it('writes Wise email recipients in their own file with type EMAIL', () => {
    const files = writePayoutFiles('wise', RUN, [item(1, { method: 'wise', currency: 'CHF' })], DOT)
    expect(files.map((f) => f.name)).toEqual(['payouts-run7-wise-CHF-email-1.csv'])
    expect(rowsOf(files[0]!)).toEqual([
      [
        'name',
        'recipientEmail',
        'paymentReference',
        'referenceNumber',
        'receiverType',
        'amountCurrency',
        'amount',
        'sourceCurrency',
        'targetCurrency',
        'type',
      ],
      ['Affiliate 1', 'a1@example.com', 'PI-1', 'PI-1', 'PERSON', 'target', '1.01', 'CHF', 'CHF', 'EMAIL'],
    ])
  })

  it('splits at exactly 1,000 rows with a header in every file', () => {
    const many = range(12_001).map((id) => bankItem(id, 'EUR'))
    const files = writePayoutFiles('wise', RUN, many, DOT)
    expect(files.map((f) => f.rows)).toEqual([...Array(12).fill(1000), 1])
    let total = 0
    const refs: string[] = []
    for (const file of files) {
      const [header, ...rows] = rowsOf(file)
      expect(header![0]).toBe('name')
      expect(rows).toHaveLength(file.rows)
      for (const row of rows) {
        total += parseDecimalToMinor(row[6]!, row[8]!)
        refs.push(row[2]!)
      }
    }
    expect(total).toBe(many.reduce((s, i) => s + i.amountMinor, 0))
    expect(new Set(refs).size).toBe(12_001)
  })

  it('refuses missing or wrong bank fields for the currency', () => {
    const err = refused(() =>
      writePayoutFiles(
        'wise',
        RUN,
        [
          bankItem(1, 'EUR', {
            bank: { accountHolder: 'X', receiverType: 'PERSON', iban: 'DE89370400440532013001' },
          }),
          bankItem(2, 'GBP', {
            bank: { accountHolder: 'X', receiverType: 'PERSON', accountNumber: '31926819' },
          }),
          bankItem(3, 'USD', { bank: { accountHolder: 'X', receiverType: 'PERSON', accountNumber: '1234' } }),
          bankItem(4, 'AUD', {
            bank: { accountHolder: '', receiverType: 'PERSON', accountNumber: '1', bsbCode: '1' },
          }),
          bankItem(5, 'CHF', {
            bank: { accountHolder: 'X', receiverType: 'PERSON', iban: 'CH9300762011623852957' },
          }),
          bankItem(6, 'EUR', { bank: null }),
          item(7, { method: 'wise', email: null }),
          bankItem(8, 'EUR'),
        ],
        DOT,
      ),
    )
    const reasons = (id: number): string[] => err.problems.filter((p) => p.itemId === id).map((p) => p.reason)
    expect(reasons(1)).toEqual(['EUR needs a valid IBAN'])
    expect(reasons(2)).toEqual(['GBP needs a 6-digit sort code'])
    expect(reasons(3)).toContain('USD needs a valid 9-digit ABA routing number')
    expect(reasons(3)).toContain('USD needs the account type (CHECKING or SAVINGS)')
    expect(reasons(4)).toEqual([
      'no account holder name',
      'AUD needs an account number of 4 to 10 digits',
      'AUD needs a 6-digit BSB code',
    ])
    expect(reasons(5)[0]).toMatch(/no Wise bank template for CHF/)
    expect(reasons(6)).toEqual(['no bank details'])
    expect(reasons(7)).toEqual(['no email address'])
    expect(reasons(8)).toEqual([])
  })
})

describe('bookkeeping CSV and JSON', () => {
  const items = [
    item(2, { name: '=1+2', affiliateCode: '@code', amountMinor: 500 }),
    item(1, { name: '-10', currency: 'EUR', amountMinor: 250 }),
    bankItem(3, 'GBP', { name: 'Tab\there' }),
    item(4, { name: '+lead', method: 'wise', amountMinor: 1 }),
  ]

  it('CSV: header, one row per item, guarded text, unchanged amounts', () => {
    const [file] = writePayoutFiles('csv', RUN, items, DOT)
    expect(file!.name).toBe('payouts-run7.csv')
    expect(file!.content.startsWith('\ufeff')).toBe(true)
    const records = parse(file!.content, { bom: true, columns: true }) as Record<string, string>[]
    expect(records.map((r) => r.item_id)).toEqual(['1', '2', '3', '4'])
    expect(records.map((r) => r.name)).toEqual(["'-10", "'=1+2", 'Tab here', "'+lead"])
    expect(records[1]!.affiliate_code).toBe("'@code")
    for (const r of records) {
      const source = items.find((it) => String(it.itemId) === r.item_id)!
      expect(parseDecimalToMinor(r.amount!, r.currency!)).toBe(source.amountMinor)
      expect(Number(r.amount_minor)).toBe(source.amountMinor)
      expect(r.reference).toBe(`PI-${source.itemId}`)
    }
    expect(file!.currency).toBeNull()
  })

  it('JSON: per currency and method totals equal the items', () => {
    const [file] = writePayoutFiles('json', RUN, items, DOT)
    const doc = JSON.parse(file!.content) as {
      run: { runId: number }
      totals: { currency: string; method: string; items: number; amountMinor: number; amount: string }[]
      items: { itemId: number; amountMinor: number; name: string }[]
    }
    expect(doc.run.runId).toBe(7)
    expect(doc.items.map((i) => i.itemId)).toEqual([1, 2, 3, 4])
    expect(doc.items[1]!.name).toBe('=1+2')
    for (const t of doc.totals) {
      const sum = items
        .filter((i) => i.currency === t.currency && i.method === t.method)
        .reduce((s, i) => s + i.amountMinor, 0)
      expect(t.amountMinor).toBe(sum)
      expect(parseDecimalToMinor(t.amount, t.currency)).toBe(sum)
    }
  })

  it('writes no file for no items', () => {
    for (const format of ['paypal', 'paypal-json', 'wise', 'csv', 'json'] as const)
      expect(writePayoutFiles(format, RUN, [], DOT)).toEqual([])
  })
})

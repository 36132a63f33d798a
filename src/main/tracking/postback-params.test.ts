import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { POSTBACK_LIMITS, collectPostbackParams, parsePostbackParams, type Postback } from './postback-params'

function ok(input: Parameters<typeof parsePostbackParams>[0], defaultCurrency?: string): Postback {
  const r = parsePostbackParams(input, defaultCurrency ? { defaultCurrency } : {})
  if (!r.ok) throw new Error(`expected ok, got: ${r.reason}`)
  return r.value
}

function reason(input: Parameters<typeof parsePostbackParams>[0], defaultCurrency?: string): string {
  const r = parsePostbackParams(input, defaultCurrency ? { defaultCurrency } : {})
  if (r.ok) throw new Error('expected a refusal')
  return r.reason
}

describe('collectPostbackParams', () => {
  it('refuses a repeated key, whichever way the input arrives', () => {
    const r = collectPostbackParams(new URLSearchParams('clickid=a&amount=1&amount=2'))
    expect(r).toEqual({ ok: false, reason: '"amount" is repeated' })
    expect(
      collectPostbackParams([
        ['a', '1'],
        ['a', '1'],
      ]).ok,
    ).toBe(false)
  })

  it('accepts records, maps and URLSearchParams alike', () => {
    const expected = new Map([
      ['clickid', 'x'],
      ['amount', '1'],
    ])
    expect(collectPostbackParams({ clickid: 'x', amount: '1' })).toEqual({ ok: true, value: expected })
    expect(collectPostbackParams(new URLSearchParams('clickid=x&amount=1'))).toEqual({
      ok: true,
      value: expected,
    })
    expect(collectPostbackParams(expected)).toEqual({ ok: true, value: expected })
  })

  it('bounds value length, key length, key characters and parameter count', () => {
    const max = POSTBACK_LIMITS.maxValueLength
    expect(collectPostbackParams({ adv1: 'x'.repeat(max) }).ok).toBe(true)
    expect(collectPostbackParams({ adv1: 'x'.repeat(max + 1) })).toEqual({
      ok: false,
      reason: `adv1 is longer than ${max} characters`,
    })
    expect(collectPostbackParams({ ['k'.repeat(65)]: '1' }).ok).toBe(false)
    for (const key of ['', 'a&b', 'a=b', 'a b', 'é', 'a\nb'])
      expect(collectPostbackParams({ [key]: '1' }).ok, key).toBe(false)
    const many = Array.from({ length: POSTBACK_LIMITS.maxParams + 1 }, (_, i) => [`k${i}`, 'v'] as const)
    expect(collectPostbackParams(many.slice(0, -1)).ok).toBe(true)
    expect(collectPostbackParams(many)).toEqual({
      ok: false,
      reason: `more than ${POSTBACK_LIMITS.maxParams} parameters`,
    })
  })

  it('refuses control characters in values', () => {
    expect(collectPostbackParams({ sub1: 'a\u0000b' })).toEqual({
      ok: false,
      reason: 'sub1 contains control characters',
    })
    expect(collectPostbackParams({ sub1: 'line\r\nbreak' }).ok).toBe(false)
  })

  it('never throws, whatever the strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 80 }), fc.string({ maxLength: 1100 })), { maxLength: 70 }),
        (pairs) => {
          const r = parsePostbackParams(pairs, { defaultCurrency: 'USD' })
          expect(typeof r.ok).toBe('boolean')
          if (!r.ok) expect(r.reason.length).toBeLessThan(120)
        },
      ),
    )
  })
})

describe('parsePostbackParams', () => {
  it('parses a full sale', () => {
    const v = ok(
      new URLSearchParams(
        'clickid=01JABC&order_id=ORD-77&amount=129.90&currency=eur&payout=12.99&event=SALE&status=approved' +
          '&customer_id=cus_9&email=Jane.Doe%40Example.COM&timestamp=1700000000&hash=abc&adv1=a&sub3=s&foo=bar',
      ),
    )
    expect(v).toMatchObject({
      clickId: '01JABC',
      orderId: 'ORD-77',
      orderIdDerived: false,
      event: 'sale',
      status: 'approved',
      currency: 'EUR',
      amountMinor: 12990,
      payoutMinor: 1299,
      customerId: 'cus_9',
      email: 'jane.doe@example.com',
      customerKey: 'cus_9',
      timestamp: 1700000000,
      hash: 'abc',
      token: null,
      adv: { adv1: 'a' },
      subs: { sub3: 's' },
    })
    // Unknown keys are kept for the signature but not interpreted.
    expect(v.raw.get('foo')).toBe('bar')
    expect(Object.keys(v).includes('foo')).toBe(false)
  })

  it('leaves an unnamed event unnamed (a new conversion is then a sale) and defaults status to pending', () => {
    const v = ok({ clickid: 'c', order_id: 'o' })
    expect([v.event, v.status, v.amountMinor, v.payoutMinor, v.currency]).toEqual([
      null,
      'pending',
      null,
      null,
      null,
    ])
  })

  it('requires a click id of a sane shape, accepting foreign ids', () => {
    expect(reason({ order_id: 'o' })).toBe('clickid is missing')
    expect(reason({ clickid: '', order_id: 'o' })).toBe('clickid is missing')
    expect(reason({ clickid: 'a b', order_id: 'o' })).toMatch(/^clickid must be/)
    expect(reason({ clickid: 'x'.repeat(65), order_id: 'o' })).toMatch(/^clickid must be/)
    expect(ok({ clickid: 'legacy_ID-123', order_id: 'o' }).clickId).toBe('legacy_ID-123')
  })

  it('requires order_id except for leads, whose id derives from the click', () => {
    for (const event of ['sale', 'trial', 'recurring']) {
      expect(reason({ clickid: 'c', event })).toBe(`order_id is required for a ${event}`)
    }
    const lead = ok({ clickid: 'c9', event: 'lead' })
    expect([lead.orderId, lead.orderIdDerived]).toEqual(['lead:c9', true])
    expect(ok({ clickid: 'c9', event: 'lead', order_id: 'L1' }).orderId).toBe('L1')
  })

  it('bounds order_id to 1..128 printable characters', () => {
    expect(ok({ clickid: 'c', order_id: 'x'.repeat(128) }).orderId).toHaveLength(128)
    for (const bad of ['x'.repeat(129), ' padded', 'tab\there', 'ünïcode']) {
      expect(reason({ clickid: 'c', order_id: bad }), bad).toMatch(/order_id|control/)
    }
  })

  it('turns money into minor units with the currency rules', () => {
    expect(ok({ clickid: 'c', order_id: 'o', amount: '10', currency: 'JPY' }).amountMinor).toBe(10)
    expect(ok({ clickid: 'c', order_id: 'o', amount: '1.234', currency: 'KWD' }).amountMinor).toBe(1234)
    expect(ok({ clickid: 'c', order_id: 'o', amount: '0.5', payout: '0.05' }, 'USD')).toMatchObject({
      amountMinor: 50,
      payoutMinor: 5,
      currency: 'USD',
    })
    expect(reason({ clickid: 'c', order_id: 'o', amount: '1.5', currency: 'JPY' })).toMatch(
      /more decimals than JPY allows/,
    )
    expect(reason({ clickid: 'c', order_id: 'o', amount: '12.345' }, 'USD')).toMatch(
      /^amount: .*more decimals/,
    )
    for (const bad of [
      '-1',
      '-0',
      '1e3',
      'NaN',
      'Infinity',
      '1,000',
      ' 1',
      '1.',
      '.5',
      '0x10',
      '{payout}',
      '1'.repeat(16),
    ]) {
      expect(reason({ clickid: 'c', order_id: 'o', amount: bad }, 'USD'), bad).toMatch(/^amount/)
      expect(reason({ clickid: 'c', order_id: 'o', payout: bad }, 'USD'), bad).toMatch(/^payout/)
    }
  })

  it('uses the default currency only when none is sent, and needs one for money', () => {
    expect(ok({ clickid: 'c', order_id: 'o', amount: '1', currency: 'GBP' }, 'USD').currency).toBe('GBP')
    expect(reason({ clickid: 'c', order_id: 'o', amount: '1' })).toBe('amount needs a currency')
    expect(reason({ clickid: 'c', order_id: 'o', currency: 'US' }, 'USD')).toBe('currency must be 3 letters')
    expect(reason({ clickid: 'c', order_id: 'o', currency: 'U$D' })).toBe('currency must be 3 letters')
  })

  it('matches decimal amounts exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 2 }),
        (cents, frac) => {
          // Build the decimal text independently from an exact integer number of cents.
          const whole = cents / 100n
          const text =
            frac === 0 ? `${whole}` : `${whole}.${(cents % 100n).toString().padStart(2, '0').slice(0, frac)}`
          const expected =
            frac === 0 ? whole * 100n : frac === 1 ? whole * 100n + ((cents % 100n) / 10n) * 10n : cents
          const r = parsePostbackParams(
            { clickid: 'c', order_id: 'o', amount: text },
            { defaultCurrency: 'USD' },
          )
          if (expected > BigInt(Number.MAX_SAFE_INTEGER)) return
          expect(r.ok && r.value.amountMinor).toBe(Number(expected))
        },
      ),
    )
  })

  it('validates enums, emails and timestamps', () => {
    expect(reason({ clickid: 'c', order_id: 'o', event: 'purchase' })).toBe(
      'event must be one of lead, trial, sale, recurring',
    )
    expect(reason({ clickid: 'c', order_id: 'o', status: 'paid' })).toBe(
      'status must be one of pending, approved, rejected, refunded',
    )
    for (const bad of ['plain', 'a@b', 'a b@c.d', 'a@@b.c', '@b.c', 'a@b..c', `${'x'.repeat(250)}@b.cd`]) {
      expect(reason({ clickid: 'c', order_id: 'o', email: bad }), bad).toBe('email is not an email address')
    }
    const v = ok({ clickid: 'c', order_id: 'o', email: 'A+tag@Mail.Example.org' })
    expect([v.email, v.customerKey]).toEqual(['a+tag@mail.example.org', 'a+tag@mail.example.org'])
    for (const bad of ['1700000000000', '-1', '1.5', '17e8', 'now']) {
      expect(reason({ clickid: 'c', order_id: 'o', timestamp: bad }), bad).toBe(
        'timestamp must be whole Unix seconds',
      )
    }
  })

  it('treats empty optional values as absent (unfilled tracker macros)', () => {
    const v = ok({ clickid: 'c', order_id: 'o', payout: '', currency: '', email: '', status: '', sub1: '' })
    expect([v.payoutMinor, v.currency, v.email, v.status, v.subs]).toEqual([null, null, null, 'pending', {}])
    expect(v.raw.get('payout')).toBe('')
  })

  it('handles hostile emails quickly', () => {
    const started = performance.now()
    parsePostbackParams({ clickid: 'c', order_id: 'o', email: 'a@' + 'b.'.repeat(120) + '@' })
    parsePostbackParams({ clickid: 'c', order_id: 'o', email: 'a'.repeat(64) + '@' + 'b'.repeat(180) + '.' })
    expect(performance.now() - started).toBeLessThan(50)
  })
})

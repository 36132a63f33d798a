import { describe, expect, it } from 'vitest'
import { moneyListText, signedMoney } from './money'

describe('moneyListText', () => {
  it('lists one amount per currency without adding them up', () => {
    expect(
      moneyListText([
        { currency: 'USD', amountMinor: 123450 },
        { currency: 'EUR', amountMinor: 8000 },
      ]),
    ).toBe('€80.00 · $1,234.50')
    expect(moneyListText([{ currency: 'JPY', amountMinor: 1500 }])).toBe('¥1,500')
  })

  it('leaves zeros out and shows a placeholder when nothing is left', () => {
    expect(moneyListText([{ currency: 'USD', amountMinor: 0 }])).toBe('—')
    expect(moneyListText([], 'none')).toBe('none')
  })
})

describe('signedMoney', () => {
  it('always shows the sign of a change', () => {
    expect(signedMoney(1200, 'USD')).toBe('+$12.00')
    expect(signedMoney(-350, 'USD')).toBe('-$3.50')
    expect(signedMoney(0, 'USD')).toBe('$0.00')
  })
})

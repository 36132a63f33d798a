import { describe, expect, it } from 'vitest'
import { AppError, conflict } from '../../shared/errors'
import { generateCode, withCode } from './codes'

describe('withCode', () => {
  it('uses the given code as is', async () => {
    expect(await withCode('MINE', async (code) => code)).toBe('MINE')
  })

  it('tries another generated code after a conflict, and gives up after five', async () => {
    const tried: string[] = []
    const second = await withCode(undefined, async (code) => {
      tried.push(code)
      if (tried.length === 1) throw conflict('taken')
      return code
    })
    expect(tried).toHaveLength(2)
    expect(second).toBe(tried[1])

    let attempts = 0
    const always = withCode(undefined, async () => {
      attempts++
      throw conflict('taken')
    })
    await expect(always).rejects.toBeInstanceOf(AppError)
    expect(attempts).toBe(5)
  })

  it('rethrows anything but an AppError conflict at once, whatever its shape', async () => {
    for (const err of [new AppError('not_found', 'gone'), new Error('disk full'), { code: 'conflict' }]) {
      let attempts = 0
      await expect(
        withCode(undefined, async () => {
          attempts++
          throw err
        }),
      ).rejects.toBe(err)
      expect(attempts).toBe(1)
    }
  })

  it('generates readable codes', () => {
    expect(generateCode()).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
  })
})

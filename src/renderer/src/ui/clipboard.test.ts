import { describe, expect, it, vi } from 'vitest'
import { copyWith, MANUAL_COPY_MESSAGE } from './clipboard'

describe('copyWith', () => {
  it('uses the async clipboard when it works', async () => {
    const writeText = vi.fn(async () => {})
    const legacyCopy = vi.fn(() => true)
    await expect(copyWith('abc', { writeText, legacyCopy })).resolves.toEqual({ ok: true })
    expect(writeText).toHaveBeenCalledWith('abc')
    expect(legacyCopy).not.toHaveBeenCalled()
  })

  it('falls back to the selection copy when the clipboard refuses or is missing', async () => {
    const legacyCopy = vi.fn(() => true)
    const refused = async () => {
      throw new Error('NotAllowedError')
    }
    await expect(copyWith('x', { writeText: refused, legacyCopy })).resolves.toEqual({ ok: true })
    await expect(copyWith('x', { legacyCopy })).resolves.toEqual({ ok: true })
    expect(legacyCopy).toHaveBeenCalledTimes(2)
  })

  it('says how to copy by hand when nothing works', async () => {
    const failed = { ok: false, message: MANUAL_COPY_MESSAGE }
    await expect(copyWith('x', {})).resolves.toEqual(failed)
    await expect(copyWith('x', { legacyCopy: () => false })).resolves.toEqual(failed)
    await expect(
      copyWith('x', {
        legacyCopy: () => {
          throw new Error('no document')
        },
      }),
    ).resolves.toEqual(failed)
  })
})

import { describe, expect, it, vi } from 'vitest'
import { createFileSaver, describeSave, type FileToSave } from './saveFile'

const file: FileToSave = { name: 'run-1.csv', mediaType: 'text/csv', content: 'a,b\n' }

describe('createFileSaver', () => {
  it('downloads in the browser without calling the app', async () => {
    const call = vi.fn()
    const download = vi.fn()
    const save = createFileSaver({ headless: true, api: { call }, download })
    await expect(save(file)).resolves.toEqual({ kind: 'downloaded' })
    expect(download).toHaveBeenCalledWith(file)
    expect(call).not.toHaveBeenCalled()
  })

  it('asks the desktop shell through files.save, and tells a cancel from a save', async () => {
    const call = vi
      .fn()
      .mockResolvedValueOnce({ saved: true, path: '/home/u/run-1.csv' })
      .mockResolvedValueOnce({ saved: false, path: null })
    const download = vi.fn()
    const save = createFileSaver({ headless: false, api: { call }, download })
    await expect(save(file)).resolves.toEqual({ kind: 'saved', path: '/home/u/run-1.csv' })
    await expect(save(file)).resolves.toEqual({ kind: 'cancelled' })
    expect(call).toHaveBeenCalledWith('files.save', file)
    expect(download).not.toHaveBeenCalled()
    expect(describeSave({ kind: 'saved', path: '/x/y.csv' }, 'y.csv')).toBe('Saved /x/y.csv')
  })
})

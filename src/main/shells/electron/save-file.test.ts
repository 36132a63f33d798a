import { join } from 'node:path'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeDialog } from '../../../../test/support/electron-fakes'
import { createSaveFile } from './save-file'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('createSaveFile (the desktop shell behind files.save)', () => {
  it('asks where to save, suggesting the name in Downloads with a filter for its type, and writes the text there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'affdesk-save-'))
    dirs.push(dir)
    const dialog = new FakeDialog()
    const target = join(dir, 'chosen.csv')
    dialog.saveAnswer = target
    const save = createSaveFile({ dialog, defaultDir: () => '/home/u/Downloads' })
    const content = 'a@example.com,1.00,USD,PI-1,Note,PAYPAL\nb@example.com,"=2",USD,PI-2,ü,PAYPAL\n'
    await expect(
      save({ name: 'payout-run-7-paypal-USD.csv', mediaType: 'text/csv', content }),
    ).resolves.toEqual({
      saved: true,
      path: target,
    })
    expect(readFileSync(target, 'utf8')).toBe(content)
    expect(dialog.saveDialogs).toEqual([
      {
        title: 'Save payout-run-7-paypal-USD.csv',
        defaultPath: join('/home/u/Downloads', 'payout-run-7-paypal-USD.csv'),
        filters: [
          { name: 'CSV', extensions: ['csv'] },
          { name: 'All files', extensions: ['*'] },
        ],
      },
    ])
  })

  it('writes bytes (a printed PDF) as they are, with a PDF filter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'affdesk-save-'))
    dirs.push(dir)
    const dialog = new FakeDialog()
    dialog.saveAnswer = join(dir, 'statement-ANN-42.pdf')
    const save = createSaveFile({ dialog, defaultDir: () => '/d' })
    // Not valid UTF-8: written as text, these bytes would come out changed.
    const pdf = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x0a, 0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff])
    await save({ name: 'statement-ANN-42.pdf', mediaType: 'application/pdf', content: pdf })
    expect([...readFileSync(join(dir, 'statement-ANN-42.pdf'))]).toEqual([...pdf])
    expect(dialog.saveDialogs[0]?.filters[0]).toEqual({ name: 'PDF', extensions: ['pdf'] })
  })

  it('writes nothing when the user cancels', async () => {
    const dialog = new FakeDialog()
    const writes: string[] = []
    const save = createSaveFile({
      dialog,
      defaultDir: () => '/d',
      writeFile: async (path) => {
        writes.push(path)
      },
    })
    await expect(save({ name: 'x.json', mediaType: 'application/json', content: '{}' })).resolves.toEqual({
      saved: false,
      path: null,
    })
    expect(writes).toEqual([])
    expect(dialog.saveDialogs[0]?.filters[0]).toEqual({ name: 'JSON', extensions: ['json'] })
  })

  it('reports a failed write with its path and reason instead of claiming success', async () => {
    const dialog = new FakeDialog()
    dialog.saveAnswer = '/read-only/x.csv'
    const save = createSaveFile({
      dialog,
      defaultDir: () => '/d',
      writeFile: async () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' })
      },
    })
    await expect(save({ name: 'x.csv', mediaType: 'text/csv', content: 'a' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'Could not write /read-only/x.csv (EACCES)',
    })
  })
})

// files.save through the core, as each shell builds it: the desktop passes its save dialog in,
// headless mode has none (the browser downloads instead), and bad names never reach a dialog.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createSaveFile } from '../src/main/shells/electron/save-file'
import { FakeDialog } from './support/electron-fakes'
import { startTestCore, type TestCore } from './support/core'

const open: TestCore[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const t of open.splice(0)) await t.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('files.save', () => {
  it('headless: not_found, so the renderer downloads instead', async () => {
    const t = await startTestCore()
    open.push(t)
    const r = await t.raw('files.save', { name: 'run-1.csv', mediaType: 'text/csv', content: 'x' })
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('desktop: the dialog picks the place and the file holds exactly the content', async () => {
    const out = mkdtempSync(join(tmpdir(), 'affdesk-saved-'))
    dirs.push(out)
    const dialog = new FakeDialog()
    dialog.saveAnswer = join(out, 'mine.csv')
    const t = await startTestCore({ saveFile: createSaveFile({ dialog, defaultDir: () => out }) })
    open.push(t)
    const content = 'pay@example.com,10.00,USD,PI-1,Note,PAYPAL,,,,SERVICES\n'
    await expect(
      t.call('files.save', { name: 'run-1-paypal-USD-1.csv', mediaType: 'text/csv', content }),
    ).resolves.toEqual({
      saved: true,
      path: join(out, 'mine.csv'),
    })
    expect(readFileSync(join(out, 'mine.csv'), 'utf8')).toBe(content)
  })

  it('refuses a name with folders in it before any dialog opens', async () => {
    const dialog = new FakeDialog()
    const t = await startTestCore({ saveFile: createSaveFile({ dialog, defaultDir: () => '/d' }) })
    open.push(t)
    for (const name of ['../x.csv', 'a/b.csv', 'C:\\x.csv', ''])
      expect(await t.raw('files.save', { name, mediaType: 'text/csv', content: '' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      })
    expect(dialog.saveDialogs).toEqual([])
  })
})

// Statements as PDF through the contract, on a real SQLite file: the desktop shell's printer and save
// dialog are stand-ins (Electron is not here); headless mode has neither and says so.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { FileToSave, PdfPrinter, SaveFile } from '../src/main/handlers'
import { createSaveFile } from '../src/main/shells/electron/save-file'
import { AppError } from '../src/shared/errors'
import { FakeDialog } from './support/electron-fakes'
import { startTestCore, type TestCore, wireError } from './support/core'
import { T0 } from './support/intent'
import { payoutProgram } from './support/payouts'

const DAY = 86_400_000
let clock = T0
let t: TestCore | undefined
const dirs: string[] = []
afterEach(async () => {
  await t?.close()
  t = undefined
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A printer that remembers what it was given and answers bytes that name it. */
function fakePrinter(fail?: Error): PdfPrinter & { pages: string[] } {
  const pages: string[] = []
  return {
    pages,
    print: async (html) => {
      pages.push(html)
      if (fail) throw fail
      return new TextEncoder().encode(`%PDF-1.7 page ${pages.length}\n\u00ff`)
    },
  }
}

function recordingSave(answer: { saved: boolean; path: string | null }): SaveFile & { files: FileToSave[] } {
  const files: FileToSave[] = []
  return Object.assign(
    async (file: FileToSave) => {
      files.push(file)
      return answer
    },
    { files },
  )
}

/** A run paying ANN and BEN, in a core with the given shell parts. */
async function paidRun(parts: { pdfPrinter?: PdfPrinter; saveFile?: SaveFile }) {
  clock = T0
  t = await startTestCore({ now: () => clock, jobs: 'manual', ...parts })
  const p = await payoutProgram(t, ['ANN', 'BEN'])
  await p.sale('ANN', 'O1', 100_00)
  await p.sale('BEN', 'O2', 250_00)
  clock += DAY
  const run = await t.call('payouts.commit', { cutoff: clock })
  const ben = run.items.find((i) => i.affiliateCode === 'BEN')!
  return { t, ben }
}

describe('payouts.statementPdf', () => {
  it('headless: refused as unsupported, pointing to the HTML statement; app.info says so', async () => {
    const { t, ben } = await paidRun({})
    expect(await wireError(t.call('payouts.statementPdf', { itemId: ben.id }))).toEqual({
      code: 'unsupported',
      message:
        "This shell cannot print to PDF: open the HTML statement and use the browser's Print → Save as PDF",
      issues: [],
    })
    expect((await t.call('app.info', {})).canPrintPdf).toBe(false)
    // The HTML statement stays available.
    expect((await t.call('payouts.statement', { itemId: ben.id })).html).toContain('O2')
  })

  it('a printer without a save dialog is not enough', async () => {
    const printer = fakePrinter()
    const { t, ben } = await paidRun({ pdfPrinter: printer })
    expect(await wireError(t.call('payouts.statementPdf', { itemId: ben.id }))).toMatchObject({
      code: 'unsupported',
    })
    expect(printer.pages).toEqual([])
    expect((await t.call('app.info', {})).canPrintPdf).toBe(false)
  })

  it('desktop: prints the same statement as the HTML one and hands the bytes to the save dialog', async () => {
    const printer = fakePrinter()
    const save = recordingSave({ saved: true, path: '/home/u/Downloads/statement-BEN.pdf' })
    const { t, ben } = await paidRun({ pdfPrinter: printer, saveFile: save })
    expect((await t.call('app.info', {})).canPrintPdf).toBe(true)

    const out = await t.call('payouts.statementPdf', { itemId: ben.id })
    expect(out).toEqual({
      fileName: `statement-BEN-${ben.id}.pdf`,
      saved: true,
      path: '/home/u/Downloads/statement-BEN.pdf',
    })
    const html = (await t.call('payouts.statement', { itemId: ben.id })).html
    expect(printer.pages).toEqual([html])
    expect(html).toContain('O2')
    expect(html).not.toContain('O1')
    expect(save.files).toHaveLength(1)
    const file = save.files[0]!
    expect(file.name).toBe(`statement-BEN-${ben.id}.pdf`)
    expect(file.mediaType).toBe('application/pdf')
    expect(file.content).toEqual(new TextEncoder().encode('%PDF-1.7 page 1\n\u00ff'))
  })

  it('desktop: the printed bytes land unchanged in the file the user chose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'affdesk-pdf-'))
    dirs.push(dir)
    const dialog = new FakeDialog()
    dialog.saveAnswer = join(dir, 'ben.pdf')
    const saveFile = createSaveFile({ dialog, defaultDir: () => dir })
    const { t, ben } = await paidRun({ pdfPrinter: fakePrinter(), saveFile })
    await expect(t.call('payouts.statementPdf', { itemId: ben.id })).resolves.toMatchObject({
      saved: true,
      path: join(dir, 'ben.pdf'),
    })
    expect(readFileSync(join(dir, 'ben.pdf'))).toEqual(
      Buffer.from(new TextEncoder().encode('%PDF-1.7 page 1\n\u00ff')),
    )
    expect(dialog.saveDialogs[0]?.defaultPath).toBe(join(dir, `statement-BEN-${ben.id}.pdf`))
  })

  it('desktop: a cancelled dialog saves nothing and says so', async () => {
    const save = recordingSave({ saved: false, path: null })
    const { t, ben } = await paidRun({ pdfPrinter: fakePrinter(), saveFile: save })
    expect(await t.call('payouts.statementPdf', { itemId: ben.id })).toEqual({
      fileName: `statement-BEN-${ben.id}.pdf`,
      saved: false,
      path: null,
    })
  })

  it('desktop: a failed print reaches the user and opens no dialog', async () => {
    const save = recordingSave({ saved: true, path: '/x.pdf' })
    const { t, ben } = await paidRun({
      pdfPrinter: fakePrinter(new AppError('conflict', 'Could not print the statement to PDF (boom)')),
      saveFile: save,
    })
    expect(await wireError(t.call('payouts.statementPdf', { itemId: ben.id }))).toMatchObject({
      code: 'conflict',
      message: 'Could not print the statement to PDF (boom)',
    })
    expect(save.files).toEqual([])
  })

  it('an unknown item is not found, before anything is printed', async () => {
    const printer = fakePrinter()
    const { t } = await paidRun({ pdfPrinter: printer, saveFile: recordingSave({ saved: true, path: '/x' }) })
    expect(await wireError(t.call('payouts.statementPdf', { itemId: 999_999 }))).toMatchObject({
      code: 'not_found',
    })
    expect(printer.pages).toEqual([])
  })
})

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeBrowserWindow } from '../../../../test/support/electron-fakes'
import { renderStatement, type StatementInput } from '../../payouts/files'
import {
  createPdfPrinter,
  MAX_URL_CHARS,
  pageSizeForLocale,
  PRINT_PARTITION,
  type PdfPrinterDeps,
} from './pdf-printer'

const statement = (lines: number): string => {
  const input: StatementInput = {
    program: { name: 'Acme', ownerName: 'Acme & Co' },
    affiliate: { name: 'Ann <b>', code: 'ANN', email: 'ann@example.com' },
    itemId: 42,
    runId: 7,
    date: Date.UTC(2026, 10, 1),
    currency: 'EUR',
    method: 'paypal',
    lines: Array.from({ length: lines }, (_, i) => ({
      conversionId: i + 1,
      date: Date.UTC(2026, 9, 1) + i * 60_000,
      orderRef: `ORDER-${i}`,
      level: i % 3,
      kind: 'commission',
      amountMinor: 100 + i,
    })),
  }
  return renderStatement(input)
}

const dirs: string[] = []
let temp: string
beforeEach(() => {
  FakeBrowserWindow.reset()
  temp = mkdtempSync(join(tmpdir(), 'affdesk-print-'))
  dirs.push(temp)
})
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const printer = (deps: Partial<PdfPrinterDeps> = {}) =>
  createPdfPrinter({ BrowserWindow: FakeBrowserWindow, pageSize: () => 'A4', tempDir: () => temp, ...deps })

const onlyWindow = (): FakeBrowserWindow => {
  expect(FakeBrowserWindow.instances).toHaveLength(1)
  return FakeBrowserWindow.instances[0]!
}

const decodeDataUrl = (url: string): string => {
  const prefix = 'data:text/html;charset=utf-8;base64,'
  expect(url.startsWith(prefix)).toBe(true)
  return Buffer.from(url.slice(prefix.length), 'base64').toString('utf8')
}

describe('createPdfPrinter (the desktop shell behind payouts.statementPdf)', () => {
  it('prints the statement in a hidden window that can run nothing, then destroys it', async () => {
    const html = statement(3)
    const bytes = new TextEncoder().encode('%PDF-1.7 statement 42')
    FakeBrowserWindow.pdf = bytes
    const pdf = await printer({ pageSize: () => 'Letter' }).print(html)
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 statement 42')

    const win = onlyWindow()
    expect(win.options.show).toBe(false)
    const prefs = win.options.webPreferences!
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      javascript: false,
      partition: PRINT_PARTITION,
    })
    expect(prefs.preload).toBeUndefined()
    // In memory: a "persist:" partition would keep the print window's data on disk.
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false)
    // The page is exactly the statement, its own CSP included, and nothing else.
    expect(win.loads).toHaveLength(1)
    expect(win.loads[0]!.kind).toBe('url')
    const loaded = decodeDataUrl(win.loads[0]!.target)
    expect(loaded).toBe(html)
    expect(loaded).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`)
    expect(win.webContents.printed).toEqual([
      { pageSize: 'Letter', printBackground: true, preferCSSPageSize: false },
    ])
    expect(win.destroyed).toBe(true)
  })

  it('lets the statement neither navigate nor open windows', async () => {
    await printer().print(statement(1))
    const win = onlyWindow()
    expect(win.webContents.navigate('https://evil.example/')).toBe(true)
    expect(win.webContents.navigate('file:///etc/passwd', 'will-redirect')).toBe(true)
    expect(win.webContents.open('https://evil.example/')).toEqual({ action: 'deny' })
  })

  it('asks for the paper at each print', async () => {
    let size: 'A4' | 'Letter' = 'A4'
    const p = printer({ pageSize: () => size })
    await p.print(statement(1))
    size = 'Letter'
    await p.print(statement(1))
    expect(FakeBrowserWindow.instances.map((w) => w.webContents.printed[0]?.pageSize)).toEqual([
      'A4',
      'Letter',
    ])
  })

  it('destroys the window and says why when printing fails', async () => {
    FakeBrowserWindow.pdf = new Error('Printing failed')
    await expect(printer().print(statement(1))).rejects.toMatchObject({
      code: 'conflict',
      message: 'Could not print the statement to PDF (Printing failed)',
    })
    expect(onlyWindow().destroyed).toBe(true)
  })

  it('destroys the window when the page does not load', async () => {
    FakeBrowserWindow.loadError = new Error('ERR_INVALID_URL (-300)')
    await expect(printer().print(statement(1))).rejects.toMatchObject({
      code: 'conflict',
      message: 'Could not print the statement to PDF (ERR_INVALID_URL (-300))',
    })
    const win = onlyWindow()
    expect(win.destroyed).toBe(true)
    expect(win.webContents.printed).toEqual([])
  })

  it('gives up on a load that never ends, and destroys the window', async () => {
    FakeBrowserWindow.loadHangs = true
    await expect(printer({ timeoutMs: 20 }).print(statement(1))).rejects.toMatchObject({
      code: 'conflict',
      message: 'Printing the statement to PDF took longer than 0.02 s; nothing was saved',
    })
    expect(onlyWindow().destroyed).toBe(true)
  })

  it('gives up on a print that never ends, and destroys the window', async () => {
    FakeBrowserWindow.pdf = null
    await expect(printer({ timeoutMs: 20 }).print(statement(1))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('took longer than'),
    })
    const win = onlyWindow()
    expect(win.webContents.printed).toHaveLength(1)
    expect(win.destroyed).toBe(true)
  })

  it('prints a statement too large for a data: URL from a private temporary file, removed afterwards', async () => {
    const html = statement(12_000)
    expect(Buffer.byteLength(html) * (4 / 3)).toBeGreaterThan(MAX_URL_CHARS)
    const seen: { content: string; mode: number }[] = []
    class ReadingWindow extends FakeBrowserWindow {
      override async loadFile(file: string): Promise<void> {
        seen.push({ content: readFileSync(file, 'utf8'), mode: statSync(file).mode & 0o777 })
        return super.loadFile(file)
      }
    }
    await printer({ BrowserWindow: ReadingWindow }).print(html)
    const win = onlyWindow()
    expect(win.loads.map((l) => l.kind)).toEqual(['file'])
    expect(seen).toEqual([{ content: html, mode: process.platform === 'win32' ? seen[0]!.mode : 0o600 }])
    expect(win.destroyed).toBe(true)
    expect(readdirSync(temp)).toEqual([])
  })

  it('removes the temporary file when printing it fails too', async () => {
    FakeBrowserWindow.pdf = new Error('out of memory')
    await expect(printer().print(statement(12_000))).rejects.toMatchObject({ code: 'conflict' })
    expect(onlyWindow().loads[0]!.kind).toBe('file')
    expect(readdirSync(temp)).toEqual([])
  })
})

describe('pageSizeForLocale', () => {
  it.each([
    ['en-US', 'Letter'],
    ['en_US.UTF-8', 'Letter'],
    ['fr-CA', 'Letter'],
    ['es-MX', 'Letter'],
    ['en-GB', 'A4'],
    ['de-DE', 'A4'],
    ['fr', 'A4'],
    ['es-419', 'A4'],
    ['', 'A4'],
    ['C', 'A4'],
    ['not a locale', 'A4'],
  ] as const)('%j prints on %s', (locale, size) => {
    expect(pageSizeForLocale(locale)).toBe(size)
  })
})

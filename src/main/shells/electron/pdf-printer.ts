// Statements as PDF in the desktop shell: the statement's HTML goes into a hidden window that can run
// nothing, Chromium prints it, and the window is destroyed whatever happened. The window's
// constructor comes in as a parameter, so all of this is tested with fakes under plain Node.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'
import { AppError } from '../../../shared/errors'
import type { PdfPrinter } from '../../handlers'
import { HARDENED_WEB_PREFERENCES, hardenWebContents, type WebContentsLike } from './security'

export type PageSize = 'A4' | 'Letter'

/** The part of Electron's PrintToPDFOptions we set. */
export interface PrintToPdfOptions {
  pageSize: PageSize
  printBackground: boolean
  preferCSSPageSize: boolean
}

export interface PrintWindowLike {
  readonly webContents: WebContentsLike & {
    printToPDF(options: PrintToPdfOptions): Promise<Uint8Array>
  }
  loadURL(url: string): Promise<void>
  loadFile(file: string): Promise<void>
  destroy(): void
  isDestroyed(): boolean
}

export type PrintWindowConstructor = new (options: BrowserWindowConstructorOptions) => PrintWindowLike

export interface PdfPrinterDeps {
  BrowserWindow: PrintWindowConstructor
  /** Read at each print, so a change of the system's region applies without a restart. */
  pageSize: () => PageSize
  /** Load and print together; past it the window is destroyed and the export fails. */
  timeoutMs?: number
  /** Where statements too large for a data: URL are written for the moment of printing. */
  tempDir?: () => string
}

export const DEFAULT_PRINT_TIMEOUT_MS = 60_000

/** Chromium refuses to navigate to a URL longer than this (url::kMaxURLChars, 2 MiB). */
export const MAX_URL_CHARS = 2 * 1024 * 1024

/** In memory (no "persist:" prefix): the app's session, its CSP header hook and its storage stay out of it. */
export const PRINT_PARTITION = 'affiliate-desk-print'

/** Regions whose paper is US Letter (CLDR's paperSize data); everyone else prints on A4. */
const LETTER_REGIONS = new Set([
  'BZ',
  'CA',
  'CL',
  'CO',
  'CR',
  'GT',
  'MX',
  'NI',
  'PA',
  'PH',
  'PR',
  'SV',
  'US',
  'VE',
])

/** A system locale such as "en-US", "fr_CA.UTF-8" or "en" to its paper; A4 when it says nothing usable. */
export function pageSizeForLocale(locale: string): PageSize {
  const tag = locale.split(/[.@]/)[0]!.replace(/_/g, '-')
  let region: string | undefined
  try {
    region = new Intl.Locale(tag).maximize().region
  } catch {
    return 'A4'
  }
  return region !== undefined && LETTER_REGIONS.has(region) ? 'Letter' : 'A4'
}

/**
 * The statement is self-contained and script-free, so its window gets less than the app's own: no
 * preload (nothing to bridge), no JavaScript at all, a private in-memory session.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    // A4 at 96 dpi: only the layout width before printing, which lays the page out again.
    width: 794,
    height: 1123,
    webPreferences: {
      ...HARDENED_WEB_PREFERENCES,
      javascript: false,
      spellcheck: false,
      partition: PRINT_PARTITION,
    },
  }
}

/**
 * A data: URL, because it is not a network response: the app's session rewrites every response's
 * Content-Security-Policy to the app's own, which has no 'unsafe-inline' and would strip the
 * statement's print styles, while a data: page keeps exactly the statement's <meta> policy (nothing
 * loads, inline styles only). It also leaves nothing on disk and gives the page an opaque origin.
 */
export function statementDataUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`
}

type Target = { kind: 'url'; url: string } | { kind: 'file'; dir: string; file: string }

async function prepare(html: string, tempDir: () => string): Promise<Target> {
  const url = statementDataUrl(html)
  if (url.length <= MAX_URL_CHARS) return { kind: 'url', url }
  // Thousands of lines: a private folder (0700) and file (0600), removed right after printing. The
  // print window's own partition has no CSP hook, so the file keeps the statement's policy too.
  const dir = await mkdtemp(join(tempDir(), 'affiliate-desk-statement-'))
  const file = join(dir, 'statement.html')
  try {
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 })
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw err
  }
  return { kind: 'file', dir, file }
}

export function createPdfPrinter(deps: PdfPrinterDeps): PdfPrinter {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS
  const tempDir = deps.tempDir ?? tmpdir
  return {
    print: async (html) => {
      const target = await prepare(html, tempDir)
      let timer: NodeJS.Timeout | undefined
      let win: PrintWindowLike | null = null
      try {
        const w = new deps.BrowserWindow(printWindowOptions())
        win = w
        // Nothing in the statement may navigate or open anything; nothing here is the app's URL.
        hardenWebContents(w.webContents, { isAppUrl: () => false, openExternal: () => undefined })
        const work = (async () => {
          if (target.kind === 'url') await w.loadURL(target.url)
          else await w.loadFile(target.file)
          return w.webContents.printToPDF({
            pageSize: deps.pageSize(),
            printBackground: true,
            // The statement asks for A4 in its CSS; the reader's paper wins.
            preferCSSPageSize: false,
          })
        })()
        const timeout = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new AppError(
                  'conflict',
                  `Printing the statement to PDF took longer than ${timeoutMs / 1000} s; nothing was saved`,
                ),
              ),
            timeoutMs,
          )
        })
        // A late rejection of the abandoned work after a timeout must not surface as unhandled.
        work.catch(() => undefined)
        const bytes = await Promise.race([work, timeout])
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      } catch (err) {
        if (err instanceof AppError) throw err
        const reason = err instanceof Error ? err.message : String(err)
        throw new AppError('conflict', `Could not print the statement to PDF (${reason})`)
      } finally {
        clearTimeout(timer)
        if (win && !win.isDestroyed()) win.destroy()
        if (target.kind === 'file') await rm(target.dir, { recursive: true, force: true })
      }
    },
  }
}

// The desktop shell, end to end: the real Electron binary, the built app (npm run build) and a fresh
// data folder per test. Skipped, with the reason, where the Electron binary is not installed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { BRIDGE_KEY, METHOD_NAMES } from '../src/shared/methods'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const executablePath = electronBinary()

// The renderer's globals, as seen from page.evaluate (this project's Node tsconfig has no DOM types).
type RendererGlobals = Record<string, unknown> & {
  location: { href: string }
  open(url: string): unknown
}

test.describe('desktop app (Electron)', () => {
  test.skip(
    executablePath === null,
    'The Electron binary is not installed (npm package without its download), so the desktop shell cannot run here. ' +
      'Install it with "node node_modules/electron/install.js", then "npm run native:electron".',
  )

  let app: ElectronApplication
  let page: Page
  let dataDir: string

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'affiliate-desk-e2e-'))
    app = await electron.launch({
      executablePath: executablePath ?? undefined,
      cwd: root,
      // --listener-port 0: the tracking listener takes a free port, never the one a real install uses.
      args: ['.', '--data-dir', dataDir, '--listener-port', '0'],
    })
    page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
  })

  test.afterEach(async () => {
    await app?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('opens one window titled Affiliate Desk', async () => {
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle())))
      .toEqual([expect.stringContaining('Affiliate Desk')])
  })

  test('the page gets exactly the contract methods, and no Node', async () => {
    const seen = await page.evaluate((key) => {
      const g = globalThis as unknown as RendererGlobals
      const bridge = g[key] as Record<string, unknown> | undefined
      return {
        methods: bridge ? Object.keys(bridge).sort() : null,
        allFunctions: bridge ? Object.values(bridge).every((f) => typeof f === 'function') : false,
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        electronIpc: typeof g.ipcRenderer,
      }
    }, BRIDGE_KEY)
    expect(seen).toEqual({
      methods: [...METHOD_NAMES].sort(),
      allFunctions: true,
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      electronIpc: 'undefined',
    })
  })

  test('a contract call reaches the core of this data folder', async () => {
    const result = await page.evaluate(async (key) => {
      const bridge = (globalThis as unknown as RendererGlobals)[key] as Record<
        string,
        (i: unknown) => Promise<unknown>
      >
      return bridge['app.info']?.({})
    }, BRIDGE_KEY)
    expect(result).toMatchObject({ ok: true, value: { shell: 'electron', dataDir } })
  })

  test('navigation to another site is blocked', async () => {
    const before = page.url()
    await page.evaluate(() => {
      ;(globalThis as unknown as RendererGlobals).location.href = 'https://example.com/'
    })
    await page.waitForTimeout(1000)
    expect(page.url()).toBe(before)
    expect(
      await page.evaluate((key) => typeof (globalThis as unknown as RendererGlobals)[key], BRIDGE_KEY),
    ).toBe('object')
  })

  test('window.open never creates a window', async () => {
    // about:blank, not a web URL: a web URL would be handed to the OS browser.
    const opened = await page.evaluate(() => (globalThis as unknown as RendererGlobals).open('about:blank'))
    expect(opened).toBeNull()
    await page.waitForTimeout(500)
    expect(app.windows()).toHaveLength(1)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  })
})

// Starts the real headless app (`affiliate-desk serve`, built by `npm run build`) once per spec
// file, on free ports and with a fresh data folder, and hands the test its session URL.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const URL_RE = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/
const START_TIMEOUT_MS = 30_000

export interface HeadlessApp {
  /** The URL the CLI printed, token included: what the owner opens. */
  url: string
  /** http://127.0.0.1:PORT */
  origin: string
  token: string
  dataDir: string
}

export interface AppOptions {
  /** Start with `--demo`: 90 days of believable traffic, conversions and a review queue. */
  demo: boolean
}

interface Running extends HeadlessApp {
  key: string
  child: ChildProcess
}

async function start(key: string, options: AppOptions): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'affiliate-desk-e2e-'))
  const args = [
    'bin/affiliate-desk.js',
    'serve',
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--listener-port',
    '0',
  ]
  if (options.demo) args.push('--demo')
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => fail(`no URL printed within ${START_TIMEOUT_MS / 1000}s`),
      START_TIMEOUT_MS,
    )
    function fail(why: string) {
      clearTimeout(timer)
      child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
      reject(new Error(`affiliate-desk serve did not start: ${why}.\nOutput so far:\n${output}`))
    }
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const match = URL_RE.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[0])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('error', (err) => fail(err.message))
    child.once('exit', (code, signal) => fail(`it exited (code ${code}, signal ${signal})`))
  })
  child.removeAllListeners('exit')
  const parsed = new URL(url)
  return { key, child, url, origin: parsed.origin, token: parsed.hash.replace('#token=', ''), dataDir }
}

async function stop(app: Running): Promise<void> {
  const { child } = app
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  rmSync(app.dataDir, { recursive: true, force: true })
}

/**
 * Playwright has worker and test scopes but no file scope, so the worker keeps one app and swaps it
 * when a test from another file asks: each spec file gets its own app and data, and tests within a
 * file share it (they run in order, like a session of the owner's).
 */
class AppPerFile {
  private current: Running | null = null

  async forFile(file: string, options: AppOptions): Promise<HeadlessApp> {
    const key = `${file}#${options.demo ? 'demo' : 'empty'}`
    if (this.current?.key !== key) {
      await this.close()
      this.current = await start(key, options)
    }
    return this.current
  }

  async close(): Promise<void> {
    const app = this.current
    this.current = null
    if (app) await stop(app)
  }
}

export const test = base.extend<{ app: HeadlessApp } & AppOptions, { appPerFile: AppPerFile }>({
  // `test.use({ demo: true })` in a spec file gives that file a demo-filled app.
  demo: [false, { option: true }],
  appPerFile: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const apps = new AppPerFile()
      await use(apps)
      await apps.close()
    },
    { scope: 'worker' },
  ],
  app: async ({ appPerFile, demo }, use, testInfo) => {
    await use(await appPerFile.forFile(testInfo.file, { demo }))
  },
})

export { expect }

/** Where specs save screenshots for people to look at (ignored by git). */
export function artifact(name: string): string {
  const path = fileURLToPath(new URL(`./artifacts/${name}`, import.meta.url))
  mkdirSync(dirname(path), { recursive: true })
  return path
}

/** Opens the URL the CLI printed, then (optionally) a section from the sidebar, as the owner would. */
export async function openApp(page: Page, app: HeadlessApp, section?: string): Promise<void> {
  await page.goto(app.url)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  if (section) await goTo(page, section)
}

export async function goTo(page: Page, section: string, heading = section): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: section, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
}

export interface RpcBody<T> {
  ok: boolean
  value?: T
  error?: { message: string; issues?: { path: string; message: string }[] }
}

/** A contract call over HTTP with the session token, answered as the envelope (ok or error). */
export async function rpcRaw<T>(
  request: APIRequestContext,
  app: HeadlessApp,
  method: string,
  input: unknown,
): Promise<RpcBody<T>> {
  const res = await request.post(`${app.origin}/api/rpc/${method}`, {
    headers: { 'X-Session-Token': app.token },
    data: input,
  })
  return (await res.json()) as RpcBody<T>
}

/** Ground truth straight from the contract, as a script would read it (the UI is what is tested). */
export async function rpc<T>(
  request: APIRequestContext,
  app: HeadlessApp,
  method: string,
  input: unknown,
): Promise<T> {
  const body = await rpcRaw<T>(request, app, method, input)
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.value as T
}

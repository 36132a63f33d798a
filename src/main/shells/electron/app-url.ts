// The app trusts exactly one page: its own renderer. The navigation guard and the IPC sender check
// both ask "is this URL our page?" through the matcher built here, so the two cannot drift apart.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export type RendererEntry = { kind: 'file'; file: string } | { kind: 'url'; url: string }

export interface RendererEntryOptions {
  /** The built renderer, out/renderer/index.html. */
  rendererFile: string
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  devServerUrl?: string | undefined
  isPackaged: boolean
}

export function rendererEntry(opts: RendererEntryOptions): RendererEntry {
  // A packaged app ignores the variable: an environment setting must never be able to point the
  // window that holds the IPC bridge at somebody else's server.
  if (!opts.isPackaged && opts.devServerUrl) return { kind: 'url', url: new URL(opts.devServerUrl).href }
  return { kind: 'file', file: resolve(opts.rendererFile) }
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

export function appUrlMatcher(entry: RendererEntry): (url: string) => boolean {
  if (entry.kind === 'url') {
    const origin = new URL(entry.url).origin
    return (url) => parse(url)?.origin === origin
  }
  // file: URLs all share the opaque origin "null", so an origin check would trust every file on
  // disk. Compare the decoded path instead: only the renderer's own index.html is the app.
  const target = entry.file
  return (url) => {
    const u = parse(url)
    if (!u || u.protocol !== 'file:') return false
    u.hash = ''
    u.search = ''
    try {
      return fileURLToPath(u) === target
    } catch {
      // e.g. file://some-host/share/index.html
      return false
    }
  }
}

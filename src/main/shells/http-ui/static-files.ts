import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

export interface StaticFile {
  body: Buffer
  type: string
  immutable: boolean
}

/**
 * Resolve a URL path inside `root` only. `..`, encoded separators and absolute paths cannot escape it.
 * Unknown paths fall back to index.html so hash routes and reloads work.
 */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const rel = normalize(decoded).replace(/^([/\\])+/, '')
  const full = join(root, rel)
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  const file = await stat(full).then(
    (s) => (s.isFile() ? full : null),
    () => null,
  )
  const target = file ?? join(root, 'index.html')
  try {
    const body = await readFile(target)
    return {
      body,
      type: TYPES[extname(target)] ?? 'application/octet-stream',
      immutable: file !== null && target.includes(`${sep}assets${sep}`),
    }
  } catch {
    return null
  }
}

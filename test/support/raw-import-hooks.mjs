// Module hooks registered by raw-import.mjs: `import text from './file?raw'` yields the file's text.
import { readFile } from 'node:fs/promises'

export async function load(url, context, nextLoad) {
  const target = new URL(url)
  if (target.protocol !== 'file:' || !target.searchParams.has('raw')) return nextLoad(url, context)
  target.search = ''
  const text = await readFile(target, 'utf8')
  return { format: 'module', source: `export default ${JSON.stringify(text)}`, shortCircuit: true }
}

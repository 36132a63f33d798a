import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { IPC_PREFIX, METHOD_NAMES } from '../shared/methods'
import { buildBridge } from './bridge'

describe('buildBridge', () => {
  it('has exactly one function per contract method', () => {
    const bridge = buildBridge(async () => undefined)
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES].sort())
    for (const name of METHOD_NAMES) expect(typeof bridge[name]).toBe('function')
  })

  it('sends each method, with its input as is, on its own channel and returns the answer', async () => {
    const sent: [string, unknown][] = []
    const bridge = buildBridge(async (channel, input) => {
      sent.push([channel, input])
      return { ok: true, value: channel }
    })
    for (const name of METHOD_NAMES) {
      const input = { for: name }
      expect(await bridge[name](input)).toEqual({ ok: true, value: IPC_PREFIX + name })
      expect(sent.at(-1)).toEqual([IPC_PREFIX + name, input])
      expect(sent.at(-1)?.[1]).toBe(input)
    }
    expect(sent).toHaveLength(METHOD_NAMES.length)
  })

  it('cannot be extended or rewired by the page', () => {
    const bridge = buildBridge(async () => undefined) as unknown as Record<string, unknown>
    expect(Object.isFrozen(bridge)).toBe(true)
    expect(() => {
      bridge.invoke = () => undefined
    }).toThrow(TypeError)
  })
})

// The preload runs sandboxed and is bundled on its own: it must not pull in the contract (zod).
describe('the preload bundle', () => {
  const here = dirname(fileURLToPath(import.meta.url))
  const importsOf = (file: string): string[] =>
    [...readFileSync(file, 'utf8').matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map(
      (m) => m[1] as string,
    )

  it('imports only electron, the bridge and the method list', () => {
    expect(importsOf(join(here, 'index.ts')).sort()).toEqual(['../shared/methods', './bridge', 'electron'])
    expect(importsOf(join(here, 'bridge.ts'))).toEqual(['../shared/methods'])
    expect(importsOf(join(here, '..', 'shared', 'methods.ts'))).toEqual([])
  })
})

import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BRIDGE_KEY, IPC_PREFIX, METHOD_NAMES } from '../shared/methods'

const exposed = new Map<string, unknown>()
const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke },
}))

beforeEach(() => {
  exposed.clear()
  vi.resetModules()
})

describe('preload', () => {
  it('exposes the contract methods, and only them, under the bridge key', async () => {
    await import('./index')
    expect([...exposed.keys()]).toEqual([BRIDGE_KEY])
    const api = exposed.get(BRIDGE_KEY) as Record<string, (input: unknown) => Promise<unknown>>
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort())

    expect(await api['campaigns.get']?.({ id: 7 })).toEqual({
      ok: true,
      value: { channel: `${IPC_PREFIX}campaigns.get`, input: { id: 7 } },
    })
    expect(invoke).toHaveBeenLastCalledWith(`${IPC_PREFIX}campaigns.get`, { id: 7 })
  })
})

import { describe, expect, it } from 'vitest'
import { IPC_PREFIX, METHOD_NAMES } from '../../../shared/methods'
import type { Dispatch } from '../../core/dispatch'
import { FakeIpcMain } from '../../../../test/support/electron-fakes'
import { FORBIDDEN, registerContract } from './ipc'

const APP = 'file:///app/out/renderer/index.html'
const isAppUrl = (url: string): boolean => url.split('#')[0] === APP

function setup() {
  const ipcMain = new FakeIpcMain()
  const calls: { method: string; input: unknown }[] = []
  const dispatch: Dispatch = async (method, input) => {
    calls.push({ method, input })
    return { ok: true, value: `result of ${method}` }
  }
  const logs: string[] = []
  const unregister = registerContract(ipcMain, dispatch, isAppUrl, METHOD_NAMES, (m) => logs.push(m))
  return { ipcMain, calls, logs, unregister }
}

describe('registerContract', () => {
  it('registers one channel per contract method and nothing else', () => {
    const { ipcMain } = setup()
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => IPC_PREFIX + m).sort())
  })

  it('forwards the method name and the single input to dispatch, and returns its envelope', async () => {
    const { ipcMain, calls } = setup()
    const input = { page: 2 }
    const result = await ipcMain.invoke(
      `${IPC_PREFIX}affiliates.list`,
      `${APP}#/affiliates`,
      input,
      'extra arg',
    )
    expect(result).toEqual({ ok: true, value: 'result of affiliates.list' })
    expect(calls).toEqual([{ method: 'affiliates.list', input }])
    expect(calls[0]?.input).toBe(input)
  })

  it.each([
    ['a web page', 'https://evil.example/'],
    ['another local file', 'file:///tmp/index.html'],
    ['the dev server of another project', 'http://localhost:5173/'],
    ['a destroyed frame', null],
  ])('refuses calls from %s without reaching the core', async (_what, frameUrl) => {
    const { ipcMain, calls, logs } = setup()
    const result = await ipcMain.invoke(`${IPC_PREFIX}settings.update`, frameUrl, { listenerPort: 80 })
    expect(result).toStrictEqual(FORBIDDEN)
    expect(calls).toEqual([])
    expect(logs).toHaveLength(1)
  })

  it('refuses a sender whose frame cannot be read', async () => {
    const { ipcMain, calls } = setup()
    const handler = ipcMain.handlers.get(`${IPC_PREFIX}app.info`)
    const event = {
      get senderFrame(): { url: string } {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
    }
    expect(await handler?.(event, {})).toStrictEqual(FORBIDDEN)
    expect(calls).toEqual([])
  })

  it('the forbidden envelope has the wire shape', () => {
    expect(FORBIDDEN).toStrictEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String), issues: [] },
    })
  })

  it('unregister removes exactly its own handlers', () => {
    const { ipcMain, unregister } = setup()
    ipcMain.handle('someone-else', () => 1)
    unregister()
    expect([...ipcMain.handlers.keys()]).toEqual(['someone-else'])
    // and the contract can be registered again afterwards
    expect(() => registerContract(ipcMain, async () => ({ ok: true, value: 1 }), isAppUrl)).not.toThrow()
  })
})

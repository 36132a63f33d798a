// What the renderer gets on window.affiliateDesk: one function per contract method, each bound to
// its own channel. There is deliberately no invoke(channel): a page that could name channels could
// call anything the main process ever registers.
// Only methods.ts is imported, never contract/: the sandboxed preload must not bundle zod.
import { IPC_PREFIX, METHOD_NAMES, type Envelope } from '../shared/methods'

export type MethodName = (typeof METHOD_NAMES)[number]

export type Invoke = (channel: string, input: unknown) => Promise<unknown>

export type Bridge = { readonly [M in MethodName]: (input?: unknown) => Promise<Envelope<unknown>> }

export function buildBridge(invoke: Invoke): Bridge {
  const entries = METHOD_NAMES.map((name) => {
    const channel = IPC_PREFIX + name
    const call = (input?: unknown): Promise<Envelope<unknown>> =>
      invoke(channel, input) as Promise<Envelope<unknown>>
    return [name, call] as const
  })
  return Object.freeze(Object.fromEntries(entries)) as Bridge
}

// Slow clients cannot hold the listener: a slowloris client on loopback opens many sockets and
// sends its headers a byte at a time, forever. A normal visitor is still served meanwhile, every
// slow socket is closed by the server's own timeouts, and sockets past the cap are dropped.
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startListener, type Listener } from '../src/main/tracking/listener/server'
import { click, startProgram, type Program } from './support/listener'

let p: Program
let listener: Listener
const HEADERS_TIMEOUT_MS = 1000
beforeAll(async () => {
  p = await startProgram()
  // A second listener on the same store, with short timeouts so the test does not wait 5 s each.
  listener = await startListener({
    store: p.t.core.store,
    port: 0,
    publicBaseUrl: 'http://127.0.0.1',
    trustedProxies: [],
    connections: {
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: 2000,
      keepAliveTimeoutMs: 1000,
      connectionsCheckingIntervalMs: 200,
      maxConnections: 80,
    },
  })
})
afterAll(async () => {
  await listener.close()
  await p.t.close()
})

interface Slow {
  socket: Socket
  closedAt: number | null
  stop(): void
}

/** A socket that starts a request and then trickles one header byte every `everyMs`, until closed. */
function slowloris(port: number, everyMs: number): Promise<Slow> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const s: Slow = { socket, closedAt: null, stop: () => clearInterval(timer) }
    let timer: ReturnType<typeof setInterval>
    socket.on('error', () => {})
    socket.on('close', () => {
      s.closedAt = Date.now()
      clearInterval(timer)
    })
    socket.on('connect', () => {
      socket.write(`GET /c/${p.linkCode} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `)
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write('a')
      }, everyMs)
      resolve(s)
    })
  })
}

describe('slow clients', () => {
  it('serves a normal request while slow sockets trickle, and closes every slow socket by its timeouts', async () => {
    const started = Date.now()
    const slow = await Promise.all(Array.from({ length: 60 }, () => slowloris(listener.port, 100)))
    try {
      // Headers a byte at a time keep each socket busy; a real visitor is served at once anyway.
      const c = await click(listener.url, p.linkCode)
      expect(c.status).toBe(302)
      expect((await fetch(`${listener.url}/healthz`)).status).toBe(200)

      // Each slow socket would trickle forever; the server closes it after headersTimeout (checked
      // every connectionsCheckingInterval). Generous bound for a loaded machine: 20x the timeout.
      const deadline = started + 20 * HEADERS_TIMEOUT_MS
      while (slow.some((s) => s.closedAt === null) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(slow.filter((s) => s.closedAt === null).length).toBe(0)
      // None closed before the timeout: it is the timeout that closed them, not an error.
      expect(Math.min(...slow.map((s) => s.closedAt! - started))).toBeGreaterThanOrEqual(
        HEADERS_TIMEOUT_MS - 50,
      )
      expect((await click(listener.url, p.linkCode)).status).toBe(302)
    } finally {
      for (const s of slow) {
        s.stop()
        s.socket.destroy()
      }
    }
  }, 60_000)

  it('drops sockets past the connection cap instead of holding them', async () => {
    let drops = 0
    const onDrop = () => drops++
    listener.server.on('drop', onDrop)
    const slow = await Promise.all(Array.from({ length: 100 }, () => slowloris(listener.port, 100)))
    try {
      await new Promise((r) => setTimeout(r, 200))
      expect(drops).toBeGreaterThanOrEqual(20)
    } finally {
      listener.server.off('drop', onDrop)
      for (const s of slow) {
        s.stop()
        s.socket.destroy()
      }
    }
    // Once the flood is gone, the listener serves again.
    await new Promise((r) => setTimeout(r, 300))
    expect((await click(listener.url, p.linkCode)).status).toBe(302)
  }, 60_000)
})

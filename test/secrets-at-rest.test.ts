// Secrets at rest: the database file never holds an advertiser's postback secret or token in plain
// text, the logs of a full run never print them, older databases are sealed on start, and a database
// restored on a machine without the key refuses postbacks cleanly until the secret is re-entered.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from './support/core'
import { nowSeconds, signedQuery } from './support/listener'
import { createProgram } from './support/program'
import { sqlRows } from './support/sql'

let t: TestCore | null = null
afterEach(async () => {
  await t?.close()
  t = null
})

const logs: string[] = []
const log = (msg: string, err?: unknown) =>
  logs.push(err === undefined ? msg : `${msg}: ${inspect(err, { depth: 5 })}`)

async function start() {
  logs.length = 0
  t = await startTestCore({
    noListener: false,
    listenerPort: 0,
    listenerLimits: { clicksPerMinute: 1_000_000, postbacksPerMinute: 1_000_000 },
    log,
  })
  const program = await createProgram(t, { advertiser: { signingMode: 'params' } })
  await t.call('links.create', {
    affiliateId: program.affiliateIds[0]!,
    campaignId: program.campaignId,
    code: 'SEC1',
  })
  return { t, program }
}

async function sale(t: TestCore, secret: string, orderId: string) {
  const base = t.core.listenerUrl!
  const loc = (await fetch(`${base}/c/SEC1`, { redirect: 'manual' })).headers.get('location')!
  const clickId = new URL(loc).searchParams.get('clickid')!
  const q = signedQuery(secret, {
    clickid: clickId,
    order_id: orderId,
    amount: '20.00',
    timestamp: nowSeconds(),
  })
  const res = await fetch(`${base}/postback?${q}`)
  return { status: res.status, body: (await res.json()) as { reason?: string } }
}

/** Every byte the database folder holds: the main file, its WAL and any backup beside it. */
function folderBytes(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n')
}

describe('secrets at rest', () => {
  it('keeps secrets out of the database file, the audit log and the logs of a full run', async () => {
    const { t, program } = await start()
    const first = await t.secrets(program.advertiserId)
    expect((await sale(t, first.secret, 'S-1')).status).toBe(200)
    const setup = await t.call('advertisers.postbackSetup', { id: program.advertiserId })
    expect(setup.secret, 'the owner still sees the secret to hand it over').toBe(first.secret)
    await t.call('advertisers.sendTestPostback', { id: program.advertiserId })
    // Look at the file before the rotation below overwrites the first secret's row.
    await t.restart()
    for (const value of [first.secret, first.token])
      expect(folderBytes(t.dir).includes(value), 'the first secret in plain text in the data folder').toBe(
        false,
      )
    await t.call('advertisers.rotateSecret', { id: program.advertiserId })
    const second = await t.secrets(program.advertiserId)
    expect((await sale(t, first.secret, 'S-2')).status, 'the old secret stopped working').toBe(403)
    expect((await sale(t, second.secret, 'S-3')).status).toBe(200)
    await t.core.close()

    const bytes = folderBytes(t.dir)
    const everyLog = logs.join('\n')
    for (const value of [first.secret, first.token, second.secret, second.token]) {
      expect(bytes.includes(value), 'a secret in plain text in the data folder').toBe(false)
      expect(everyLog.includes(value), 'a secret in the logs').toBe(false)
    }
    const sealed = sqlRows<{ s: string; k: string }>(
      t.core.dbFile,
      'SELECT postback_secret AS s, postback_token AS k FROM advertisers',
    )
    expect(
      sealed.every((r) => r.s.startsWith(`enc:v1:${t.core.secretKeyId}:`) && r.k.startsWith('enc:v1:')),
    ).toBe(true)
  })

  it('seals secrets an older version stored in plain text, and they keep working', async () => {
    const { t, program } = await start()
    const { secret, token } = await t.secrets(program.advertiserId)
    await t.core.close()
    // What a database from before sealing looks like.
    const Database = (await import('better-sqlite3')).default
    const db = new Database(t.core.dbFile)
    db.prepare('UPDATE advertisers SET postback_secret = ?, postback_token = ?').run(secret, token)
    db.close()

    await t.restart()
    expect(logs.join('\n')).toMatch(/sealed the postback secrets of 1 advertiser/)
    const row = sqlRows<{ s: string }>(t.core.dbFile, 'SELECT postback_secret AS s FROM advertisers')[0]!
    expect(row.s).toMatch(/^enc:v1:/)
    expect((await sale(t, secret, 'OLD-1')).status).toBe(200)
    await t.core.close()
    expect(
      folderBytes(t.dir).includes(secret),
      'the old plain text overwritten, not left in free space',
    ).toBe(false)
  })

  it('restored without its key: postbacks are refused (not a 5xx) until the secret is re-entered', async () => {
    const { t, program } = await start()
    const { secret, token } = await t.secrets(program.advertiserId)
    // The same data folder on another machine: a different key file.
    await t.restart({ keyFile: join(t.dir, 'elsewhere.key') })

    const [adv] = await t.call('advertisers.list', {})
    expect(adv?.secretReadable).toBe(false)
    const refused = await sale(t, secret, 'R-1')
    expect(refused.status).toBe(403)
    expect(refused.body.reason).toMatch(/cannot be read on this machine/)
    // An attacker signing with an empty key gets nowhere either.
    expect((await sale(t, '', 'R-2')).status).toBe(403)
    const setup = await t.raw('advertisers.postbackSetup', { id: program.advertiserId })
    expect(setup).toMatchObject({ ok: false, error: { code: 'invalid_input' } })

    await t.call('advertisers.replaceSecret', { id: program.advertiserId, secret, token })
    expect((await t.call('advertisers.list', {}))[0]?.secretReadable).toBe(true)
    expect((await sale(t, secret, 'R-3')).status, "the advertiser's tracker works unchanged").toBe(200)
  })
})

// The fraud checks at work over real HTTP: a verdict on every conversion report (score, reasons,
// held or rejected by the ledger's risk thresholds), click flooding flagged per IP and hour, the
// windows rebuilt after a restart, managers' decisions kept as training labels, and training.
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { decodeFraudInput } from '../src/main/db/sqlite/fraud-input'
import { decodeFraudReasons } from '../src/main/db/sqlite/fraud-reasons'
import { DEFAULT_FRAUD_SETTINGS } from '../src/shared/fraud-settings'
import { postback, signedQuery, startProgram, type Program } from './support/listener'
import { sqlRows } from './support/sql'

const T0 = Date.UTC(2026, 10, 20, 12)
const MINUTE = 60_000
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
/** A public address (the listener trusts loopback's X-Forwarded-For, as behind the owner's tunnel). */
const VISITOR_IP = '81.2.69.160'

let p: Program
let clock = T0
afterEach(async () => {
  await p?.t.close()
})

async function start(): Promise<Program> {
  clock = T0
  p = await startProgram({ now: () => clock, jobs: 'manual', fraud: 'on' })
  return p
}

let seq = 0
function send(params: Record<string, string>) {
  const timestamp = String(Math.floor(clock / 1000) + (seq++ % 200))
  return postback(p.base, signedQuery(p.secret, { currency: 'USD', ...params, timestamp }))
}

async function clickFrom(ip = VISITOR_IP): Promise<string> {
  const res = await fetch(`${p.base}/c/${p.linkCode}`, {
    redirect: 'manual',
    headers: { 'user-agent': BROWSER, referer: 'https://blog.example/review', 'x-forwarded-for': ip },
  })
  await res.arrayBuffer()
  return new URL(res.headers.get('location')!).searchParams.get('clickid')!
}

const balances = async () =>
  (await p.t.call('commissions.balances', {})).rows.map((r) => ({
    affiliate: r.affiliateId,
    pending: r.pendingMinor,
    payable: r.approvedUnpaidMinor,
  }))

const conversion = (id: number) =>
  sqlRows<{
    status: string
    flags: string
    risk_score: number
    reason: string | null
    hold_until: number | null
  }>(
    p.t.core.dbFile,
    'SELECT status, flags, risk_score, reason, hold_until FROM conversions WHERE id = ?',
    id,
  )[0]!

const riskRow = (id: number) =>
  sqlRows<{
    score: number
    input: string
    reasons: string
    review_threshold: number
    reject_threshold: number
  }>(
    p.t.core.dbFile,
    'SELECT score, input, reasons, review_threshold, reject_threshold FROM conversion_risk WHERE conversion_id = ?',
    id,
  )[0]

/** The converting affiliate (CHILD) buying through its own link: a self-referral by email. */
async function selfReferral(order: string, status = 'approved') {
  const clickid = await clickFrom()
  clock += 5 * MINUTE
  const r = await send({ clickid, order_id: order, amount: '100.00', status, email: 'C+shop@x.example' })
  return { ...r, clickid }
}

describe('fraud checks on the listener', () => {
  it('holds a conversion at the review threshold with its reasons as flags; only a manager makes it payable', async () => {
    await start()
    const r = await selfReferral('ORD-SELF')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ ok: true, status: 'pending' })
    const id = r.body.conversion_id as number
    const c = conversion(id)
    expect(JSON.parse(c.flags)).toContain('self_referral')
    expect(c.risk_score).toBeGreaterThanOrEqual(DEFAULT_FRAUD_SETTINGS.reviewThreshold)
    expect(c.risk_score).toBeLessThan(DEFAULT_FRAUD_SETTINGS.rejectThreshold)
    expect(c.hold_until).toBeNull()
    const risk = riskRow(id)!
    expect(risk.score).toBe(c.risk_score)
    expect(decodeFraudReasons(risk.reasons)).toContainEqual(
      expect.objectContaining({ code: 'self_referral' }),
    )
    // The review queue shows the verdict's reasons with their points and words, not bare flags.
    const queued = (await p.t.call('review.list', {})).rows.find((row) => row.id === id)
    expect(queued?.score).toBe(c.risk_score)
    expect(queued?.reasons).toContainEqual({
      code: 'self_referral',
      weight: DEFAULT_FRAUD_SETTINGS.rules.selfReferral.weight,
      detail: expect.stringMatching(/\w/),
    })
    const input = decodeFraudInput(risk.input)
    expect(input.customerEmail).toBe('c+shop@x.example')
    expect(input.click?.userAgent).toBe(BROWSER)
    expect(input.ip).toBe(VISITOR_IP)

    // The advertiser said "approved" (twice now): held all the same, and nothing is payable.
    const again = await send({ clickid: r.clickid, order_id: 'ORD-SELF', status: 'approved' })
    expect(again.body).toMatchObject({ ok: true, status: 'pending' })
    expect((await balances()).every((b) => b.payable === 0)).toBe(true)
    expect((await balances()).some((b) => b.pending > 0)).toBe(true)

    await p.t.call('conversions.setStatus', { id, status: 'approved', reason: 'checked: a real order' })
    expect(conversion(id).status).toBe('approved')
    expect((await balances()).some((b) => b.payable > 0)).toBe(true)
    // The decision is a training label (honest).
    expect(
      sqlRows(p.t.core.dbFile, 'SELECT fraud, actor FROM fraud_labels WHERE conversion_id = ?', id),
    ).toEqual([{ fraud: 0, actor: 'owner' }])
    expect((await p.t.call('fraud.model.status', {})).message).toBe(
      `Rules only until ${DEFAULT_FRAUD_SETTINGS.minDecisionsForModel} decisions (have 1)`,
    )
  })

  it('rejects at the reject threshold with the reason and no commission; a later threshold change re-queues nothing', async () => {
    await start()
    const { settings } = await p.t.call('fraud.settings.get', {})
    await p.t.call('fraud.settings.update', { settings: { ...settings, rejectThreshold: 50 } })
    const rejected = await selfReferral('ORD-REJ')
    expect(rejected.body).toMatchObject({ ok: true, status: 'rejected' })
    const id = rejected.body.conversion_id as number
    expect(conversion(id).reason).toMatch(/^risk score \d+ at or above 50: .*self_referral/)
    expect(riskRow(id)).toMatchObject({ review_threshold: 40, reject_threshold: 50 })
    expect(
      sqlRows(p.t.core.dbFile, 'SELECT count(*) AS n FROM commissions WHERE conversion_id = ?', id)[0],
    ).toEqual({ n: 0 })

    // An ordinary sale stays below the review threshold: pending on its hold, no flags.
    clock += 2 * MINUTE
    const clickid = await clickFrom('81.2.69.161')
    clock += 5 * MINUTE
    const honest = await send({ clickid, order_id: 'ORD-OK', amount: '50.00', email: 'buyer@shop.example' })
    expect(honest.body).toMatchObject({ ok: true, status: 'pending' })
    const ok = conversion(honest.body.conversion_id as number)
    expect(JSON.parse(ok.flags)).toEqual([])
    expect(ok.hold_until).not.toBeNull()

    // Thresholds back up: the rejected conversion stays rejected, the held queue stays as it was.
    await p.t.call('fraud.settings.update', {
      settings: { ...settings, rejectThreshold: 101, reviewThreshold: 100 },
    })
    expect(conversion(id).status).toBe('rejected')
    expect(JSON.parse(conversion(honest.body.conversion_id as number).flags)).toEqual([])
    const audit = await p.t.call('audit.list', { page: 0, pageSize: 50, entity: 'settings' })
    expect(audit.rows.filter((a) => a.action === 'fraud.settings.update')).toHaveLength(2)
  })

  it("takes an IP that followed the affiliate's own link five times in ten minutes for the affiliate's own for a day, after a restart too", async () => {
    await start()
    const own = '81.2.69.180'
    const convertFrom = async (ip: string, order: string) => {
      const clickid = await clickFrom(ip)
      clock += 5 * MINUTE
      const r = await send({ clickid, order_id: order, amount: '30.00' })
      expect(r.body).toMatchObject({ ok: true })
      const reasons = decodeFraudReasons(riskRow(r.body.conversion_id as number)!.reasons)
      return reasons.map((x) => x.detail)
    }
    // Four clicks are a customer looking twice; the fifth within ten minutes makes the IP the affiliate's.
    for (let i = 0; i < 3; i++) {
      await clickFrom(own)
      clock += MINUTE
    }
    expect(await convertFrom(own, 'ORD-OWN-1')).toEqual([])
    await clickFrom(own)
    expect(await convertFrom(own, 'ORD-OWN-2')).toEqual(['Self-referral: the affiliate used this IP'])
    expect(await convertFrom('81.2.69.181', 'ORD-OTHER')).toEqual([])

    await p.t.restart()
    p.base = p.t.core.listenerUrl!
    clock += 2 * MINUTE
    expect(await convertFrom(own, 'ORD-OWN-3')).toEqual(['Self-referral: the affiliate used this IP'])
    clock += 24 * 60 * MINUTE
    expect(await convertFrom(own, 'ORD-OWN-4')).toEqual([])
  })

  it('flags clicks over the per-hour limit of one IP, keeps them out of the unflagged count, and remembers them after a restart', async () => {
    await start()
    const limit = DEFAULT_FRAUD_SETTINGS.rules.clickFlood.maxClicksPerHour
    for (let i = 0; i < limit; i++) {
      await clickFrom('81.2.69.170')
      clock += 1000
    }
    await clickFrom('81.2.69.171')
    const flagged = () =>
      sqlRows<{ ip: string; flag_reason: string | null }>(
        p.t.core.dbFile,
        'SELECT ip, flag_reason FROM clicks WHERE flagged = 1',
      )
    expect(flagged()).toEqual([])
    await clickFrom('81.2.69.170')
    expect(flagged()).toEqual([{ ip: '81.2.69.170', flag_reason: 'click_flood' }])
    const stats = () =>
      sqlRows<{ clicks: number; flagged: number }>(
        p.t.core.dbFile,
        'SELECT sum(clicks) AS clicks, sum(flagged_clicks) AS flagged FROM daily_stats',
      )[0]
    expect(stats()).toEqual({ clicks: limit + 2, flagged: 1 })

    // After a restart the windows are rebuilt from the database: the next click still floods.
    await p.t.restart()
    p.base = p.t.core.listenerUrl!
    clock += 1000
    await clickFrom('81.2.69.170')
    expect(flagged()).toHaveLength(2)
    // An hour later the window has moved on.
    clock += 61 * MINUTE
    await clickFrom('81.2.69.170')
    expect(flagged()).toHaveLength(2)
  })
})

describe('training on managers decisions', () => {
  it('trains once there are enough decisions of both kinds, and the model then takes part in the score', async () => {
    await start()
    const { settings } = await p.t.call('fraud.settings.get', {})
    await p.t.call('fraud.settings.update', {
      settings: { ...settings, minDecisionsForModel: 10, reviewThreshold: 95, rejectThreshold: 101 },
    })
    let train = await p.t.call('fraud.model.train', {})
    expect(train).toMatchObject({ trained: false, message: 'Rules only until 10 decisions (have 0)' })

    // Twelve conversions: self-referrals (rejected by the manager) and honest ones (approved).
    for (let i = 0; i < 12; i++) {
      const fraud = i % 2 === 0
      const clickid = await clickFrom(`81.2.70.${i + 1}`)
      clock += (fraud ? 1 : 30) * MINUTE
      const r = await send({
        clickid,
        order_id: `ORD-T${i}`,
        amount: '20.00',
        email: fraud ? 'c@x.example' : `buyer${i}@shop.example`,
      })
      await p.t.call('conversions.setStatus', {
        id: r.body.conversion_id as number,
        status: fraud ? 'rejected' : 'approved',
        reason: 'model test',
      })
    }
    // Half of them as the release before the array form stored inputs: the keyed FraudInput object,
    // written while the app is closed. Training reads both forms as the same inputs.
    const examples = await p.t.core.store.fraud.trainingExamples()
    await p.t.core.close()
    const db = new Database(p.t.core.dbFile)
    const rows = db
      .prepare('SELECT conversion_id AS id, input FROM conversion_risk ORDER BY conversion_id')
      .all() as {
      id: number
      input: string
    }[]
    const keyed = db.prepare('UPDATE conversion_risk SET input = ? WHERE conversion_id = ?')
    for (const row of rows.slice(0, 6)) keyed.run(JSON.stringify(decodeFraudInput(row.input)), row.id)
    const forms = db.prepare(
      'SELECT substr(input, 1, 1) AS first FROM conversion_risk ORDER BY conversion_id',
    )
    expect(forms.all().map((r) => (r as { first: string }).first)).toEqual([...'{{{{{{[[[[[['])
    db.close()
    await p.t.restart()
    p.base = p.t.core.listenerUrl!
    expect(await p.t.core.store.fraud.trainingExamples()).toEqual(examples)

    train = await p.t.call('fraud.model.train', {})
    expect(train.trained).toBe(true)
    expect(train.status).toMatchObject({ active: true, decisions: 12, needed: 10 })
    expect(train.status.model?.examples).toBe(12)

    const clickid = await clickFrom('81.2.71.1')
    clock += 5 * MINUTE
    const r = await send({ clickid, order_id: 'ORD-AFTER', amount: '20.00', email: 'c@x.example' })
    const model = sqlRows<{ model: string | null }>(
      p.t.core.dbFile,
      'SELECT model FROM conversion_risk WHERE conversion_id = ?',
      r.body.conversion_id,
    )[0]!.model
    const explained = JSON.parse(model!) as { probability: number; top: { feature: string }[] }
    expect(explained.probability).toBeGreaterThan(0.5)
    expect(explained.top.map((t) => t.feature)).toContain('self_email')
  })
})

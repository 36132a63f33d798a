// The ledger's model-based test. A plain reference model of the ledger rules, written from the
// sentences in docs/ARCHITECTURE.md ("Ledger rules") and sharing no code with commissions/, and the
// real store on a real SQLite file receive the same random sequences of clicks, reports from every
// sender, manager decisions, auto-approval ticks, suspensions, subtree moves, affiliates' own
// minimums and payout currencies, and payouts. After every command each affiliate's pending,
// payable and paid balance, every answer and every conversion's status must agree. The model
// re-derives amounts itself (10 % + 5 % upline, or fixed amounts) and keeps, per (affiliate, level)
// of a conversion, only what the balances need.
//
// npm test runs a fixed seed. LEDGER_MODEL_RUNS=1000 explores longer; LEDGER_MODEL_SEED=<n> (or
// `random`) changes the seed; a failure prints the seed and path to replay it.
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ConversionIntent, IngestResult } from '../src/main/commissions/ports'
import { cleanInput } from './support/fraud-input'
import type { MethodInput } from '../src/shared/contract'
import { startTestCore, type TestCore } from './support/core'
import { balancesBesideLedger } from './support/sql'
import { intent as baseIntent, T0 } from './support/intent'
import { affiliateChain } from './support/program'

const DAY = 86_400_000
const COOKIE_DAYS = 20
const HOLD_DAYS = 14
/** The most a browser may report on the percentage campaign (set with SQL: the contract has no field yet). */
const CLIENT_MAX: Record<CampaignKey, number | null> = { pct: 12_000, fixed: null }
/** Each campaign's currency: its conversions and their lines are in it. */
const CURRENCY: Record<CampaignKey, PayCurrency> = { pct: 'USD', fixed: 'EUR' }
const RUNS = Number(process.env.LEDGER_MODEL_RUNS ?? 150)
const SEED_ENV = process.env.LEDGER_MODEL_SEED
const SEED = SEED_ENV === 'random' ? undefined : Number(SEED_ENV ?? 20_261_203)

// Flags as the doc names them.
const SUSPICIOUS = 'suspicious_click'
/** Risk thresholds in force (the owner's fraud settings), and the flag of a score no rule explains. */
const REVIEW_AT = 40
const REJECT_AT = 90
const RISK_SCORE = 'risk_score'
const CLAIMED = 'order claimed by another click'
const NOT_APPROVED = 'affiliate not approved at approval time'

type CampaignKey = 'pct' | 'fixed'
type Trust = 'signed' | 'token' | 'client'
type Status = 'pending' | 'approved' | 'rejected' | 'refunded'
type Event = 'sale' | 'lead' | 'trial'
type AffStatus = 'approved' | 'suspended'

// ---------------------------------------------------------------------------------------------
// The reference model

/** What one (affiliate, level) of a conversion holds: money moved, clawbacks, and one unpaid line. */
interface Slot {
  affiliateId: number
  paidEarnings: number
  clawbackApproved: number
  clawbackPaid: number
  unpaid: { amount: number; status: 'pending' | 'approved' } | null
}

interface MConversion {
  id: number
  order: string
  event: Event
  clickId: string
  affiliateId: number
  campaign: CampaignKey
  trust: Trust
  status: Status
  amount: number
  flags: string[]
  createdAt: number
  holdUntil: number | null
  superseded: boolean
  slots: Map<string, Slot>
  signatures: Set<string>
}

interface MClick {
  clickId: string
  affiliateId: number
  campaign: CampaignKey
  createdAt: number
  flagged: boolean
}

/** The percentage campaign's lines are USD, the fixed campaign's EUR; a payout currency is either. */
type PayCurrency = 'USD' | 'EUR'
const CURRENCIES: readonly PayCurrency[] = ['EUR', 'USD']

interface MAffiliate {
  status: AffStatus
  parent: number | null
  payoutCurrency: PayCurrency
  /** The affiliate's own minimum, in its payout currency. */
  ownMinimum: number | null
}

interface Model {
  clock: number
  advertiserId: number
  campaignIds: Record<CampaignKey, number>
  affiliateIds: number[]
  affiliates: Map<number, MAffiliate>
  clicks: MClick[]
  /** Runs share one database: this run's conversions are numbered from here. */
  firstConversionId: number
  conversions: MConversion[]
  lastIntent: ConversionIntent | null
  signatures: number
  runs: MRun[]
  items: MItem[]
}

type ItemStatus = 'pending' | 'processing' | 'paid' | 'failed' | 'returned' | 'cancelled'
type PayOutcome = 'paid' | 'failed' | 'returned'

/** What an item took from one slot: approved earnings and approved clawbacks, netted in. */
interface Part {
  slot: Slot
  earning: number
  clawback: number
}

interface MItem {
  id: number
  run: MRun
  affiliateId: number
  currency: PayCurrency
  amount: number
  status: ItemStatus
  parts: Part[]
}

interface MRun {
  id: number
  status: 'committed' | 'exported' | 'cancelled' | 'completed'
  items: MItem[]
}

type Outcome = { ok: false; code: string } | { ok: true; id: number; status: Status; duplicate: boolean }

const RANK: Record<Trust, number> = { client: 0, token: 1, signed: 2 }
const isFinal = (s: Status) => s === 'rejected' || s === 'refunded'
// The status machine as the doc says it: rejected and refunded are final, paid only by a payout.
const MOVES: Record<Status, Status[]> = {
  pending: ['approved', 'rejected', 'refunded'],
  approved: ['rejected', 'refunded'],
  rejected: [],
  refunded: [],
}
const refused = (code: string): Outcome => ({ ok: false, code })
const REPLAY = refused('forbidden')

const overClientMax = (trust: Trust, campaign: CampaignKey, amount: number | null) =>
  trust === 'client' && amount !== null && CLIENT_MAX[campaign] !== null && amount > CLIENT_MAX[campaign]

/** Half away from zero, on non-negative amounts. */
const rate = (amount: number, bps: number) => Math.floor((amount * bps + 5_000) / 10_000)

/** Target amount per (affiliate, level), with today's plan, hierarchy and statuses. */
function targetLines(m: Model, campaign: CampaignKey, affiliateId: number, event: Event, amount: number) {
  const out = new Map<string, { affiliateId: number; amount: number }>()
  const put = (id: number, level: number, v: number) => {
    if (v > 0) out.set(`${id}:${level}`, { affiliateId: id, amount: v })
  }
  const a = m.affiliates.get(affiliateId)!
  if (a.status !== 'approved') return out
  let own: number
  let upline: number
  if (campaign === 'pct') {
    own = rate(amount, 1_000)
    upline = rate(amount, 500)
  } else {
    const fixed = ({ sale: 500, lead: 300 } as Partial<Record<Event, number>>)[event]
    if (fixed === undefined) return out
    own = fixed
    upline = 100
  }
  put(affiliateId, 1, own)
  const parent = a.parent === null ? null : m.affiliates.get(a.parent)!
  if (parent?.status === 'approved') put(a.parent!, 2, upline)
  return out
}

/** Net per line: unpaid lines go, and the difference to what moved becomes one line or a clawback. */
function settle(
  c: MConversion,
  targets: Map<string, { affiliateId: number; amount: number }>,
  status: 'pending' | 'approved',
) {
  for (const [key, t] of targets) {
    if (!c.slots.has(key))
      c.slots.set(key, {
        affiliateId: t.affiliateId,
        paidEarnings: 0,
        clawbackApproved: 0,
        clawbackPaid: 0,
        unpaid: null,
      })
  }
  for (const [key, s] of c.slots) {
    const rest = (targets.get(key)?.amount ?? 0) - (s.paidEarnings + s.clawbackApproved + s.clawbackPaid)
    s.unpaid = rest > 0 ? { amount: rest, status } : null
    if (rest < 0) s.clawbackApproved += rest
  }
}

function approveLines(c: MConversion) {
  for (const s of c.slots.values()) if (s.unpaid?.status === 'pending') s.unpaid.status = 'approved'
}

/** The signature is remembered per conversion; false if it was already used there (a replay). */
function firstUse(c: MConversion, i: ConversionIntent | null): boolean {
  if (!i?.nonce) return true
  if (c.signatures.has(i.nonce.signature)) return false
  c.signatures.add(i.nonce.signature)
  return true
}

function duplicate(c: MConversion, i: ConversionIntent | null): Outcome {
  if (!firstUse(c, i)) return REPLAY
  return { ok: true, id: c.id, status: c.status, duplicate: true }
}

/** Moves a live conversion to a status and amount (a report of equal or higher trust, or a manager). */
function move(
  m: Model,
  c: MConversion,
  o: { to: Status; amount: number; trust: Trust; manager: boolean; intent: ConversionIntent | null },
): Outcome {
  let to = o.to
  let held = false
  if (
    to === 'approved' &&
    c.status === 'pending' &&
    !o.manager &&
    (c.flags.length > 0 || o.trust === 'client')
  ) {
    // Flags hold, and browser reports wait: only a manager approves.
    to = 'pending'
    held = true
  }
  const statusChanges = to !== c.status
  if (statusChanges && !MOVES[c.status].includes(to)) return refused('conflict')
  const rebase = o.amount !== c.amount
  const corroborated = o.trust !== c.trust
  if (!statusChanges && !rebase && !corroborated && !held) return duplicate(c, o.intent)
  if (!firstUse(c, o.intent)) return REPLAY

  if (corroborated) {
    if (c.trust === 'client' && c.flags.length === 0) c.holdUntil = c.createdAt + HOLD_DAYS * DAY
    c.trust = o.trust
  }
  const wasPending = c.status === 'pending'
  if (statusChanges) {
    c.status = to
    if (to !== 'pending') c.holdUntil = null
  }
  if (isFinal(to)) settle(c, new Map(), 'pending')
  else if (rebase) {
    settle(
      c,
      targetLines(m, c.campaign, c.affiliateId, c.event, o.amount),
      to === 'approved' ? 'approved' : 'pending',
    )
  }
  if (to === 'approved' && wasPending) approveLines(c)
  c.amount = o.amount
  return { ok: true, id: c.id, status: c.status, duplicate: false }
}

function create(m: Model, i: ConversionIntent, event: Event, claimed: MConversion | null): Outcome {
  const click = m.clicks.find((k) => k.clickId === i.click!.clickId)!
  const amount = i.amountMinor ?? 0
  if (overClientMax(i.trust as Trust, click.campaign, amount)) return refused('invalid_input')
  let status: Status = i.status
  if (i.receivedAt - click.createdAt > COOKIE_DAYS * DAY) status = 'rejected'
  const flags = [...i.flags]
  // Risk thresholds: at review the reasons become flags (which hold); at reject it is rejected.
  if (!isFinal(status) && i.risk && i.riskScore >= i.risk.reviewThreshold) {
    const codes = i.risk.verdict.reasons.map((r) => r.code)
    for (const f of codes.length > 0 ? codes : [RISK_SCORE]) if (!flags.includes(f)) flags.push(f)
    if (i.riskScore >= i.risk.rejectThreshold) status = 'rejected'
  }
  if (status === 'approved' && (flags.length > 0 || i.trust === 'client')) status = 'pending'
  const c: MConversion = {
    id: m.firstConversionId + m.conversions.length,
    order: i.orderId,
    event,
    clickId: click.clickId,
    affiliateId: click.affiliateId,
    campaign: click.campaign,
    trust: i.trust as Trust,
    status,
    amount,
    flags,
    createdAt: i.receivedAt,
    holdUntil:
      status === 'pending' && flags.length === 0 && i.trust !== 'client'
        ? i.receivedAt + HOLD_DAYS * DAY
        : null,
    superseded: false,
    slots: new Map(),
    signatures: new Set(),
  }
  if (!isFinal(status))
    settle(
      c,
      targetLines(m, c.campaign, c.affiliateId, event, amount),
      status === 'approved' ? 'approved' : 'pending',
    )
  if (claimed) {
    // The signed click wins: the browser report is reversed, rejected, flagged and kept for review.
    claimed.superseded = true
    if (!claimed.flags.includes(CLAIMED)) claimed.flags.push(CLAIMED)
    claimed.holdUntil = null
    settle(claimed, new Map(), 'pending')
    if (!isFinal(claimed.status)) claimed.status = 'rejected'
  }
  m.conversions.push(c)
  firstUse(c, i)
  return { ok: true, id: c.id, status, duplicate: false }
}

function modelIngest(m: Model, i: ConversionIntent): Outcome {
  const trust = i.trust as Trust
  const orders = m.conversions.filter((c) => c.order === i.orderId && !c.superseded)
  let target: MConversion | undefined
  if (i.eventType === null) {
    // Conversions below the sender's trust do not make its event-less report ambiguous.
    const mine = orders.filter((c) => RANK[c.trust] >= RANK[trust])
    const candidates = mine.length > 0 ? mine : orders
    if (candidates.length > 1) return refused('invalid_input')
    target = candidates[0]
  } else target = orders.find((c) => c.event === i.eventType)
  const event = (i.eventType ?? target?.event ?? 'sale') as Event
  if (!target) return create(m, i, event, null)

  const otherClick = i.click!.clickId !== target.clickId
  if (RANK[trust] > RANK[target.trust] && target.trust === 'client' && otherClick)
    return create(m, i, event, target)
  // One click per order and trust: the same trust from another click cannot take the order over.
  if (RANK[trust] === RANK[target.trust] && otherClick) return refused('conflict')
  if (RANK[trust] < RANK[target.trust]) {
    // Lower trust may only repeat: anything it would change is refused.
    const repeats =
      !otherClick &&
      (i.status === 'pending' || i.status === target.status) &&
      (i.amountMinor === null || i.amountMinor === target.amount)
    return repeats ? duplicate(target, i) : refused('conflict')
  }
  // A report in another currency than the conversion's campaign says nothing about it.
  if (i.currency !== null && i.currency !== CURRENCY[target.campaign]) return refused('invalid_input')
  if (overClientMax(trust, target.campaign, i.amountMinor)) return refused('invalid_input')
  if (isFinal(target.status)) {
    // Final: only the other final word contradicts it; anything else is answered as a duplicate.
    return i.status === target.status || !isFinal(i.status) ? duplicate(target, i) : refused('conflict')
  }
  return move(m, target, {
    to: i.status === 'pending' ? target.status : i.status,
    amount: i.amountMinor ?? target.amount,
    trust: RANK[trust] > RANK[target.trust] ? trust : target.trust,
    manager: false,
    intent: i,
  })
}

function modelManager(m: Model, c: MConversion, to: Status): Outcome {
  if (isFinal(c.status) && to === c.status) return duplicate(c, null)
  return move(m, c, { to, amount: c.amount, trust: c.trust, manager: true, intent: null })
}

/** Auto-approval after the hold; a converting affiliate no longer approved waits for a manager. */
function modelApproveDue(m: Model): number {
  let approved = 0
  for (const c of m.conversions) {
    if (c.status !== 'pending' || c.holdUntil === null || c.holdUntil > m.clock || c.flags.length > 0)
      continue
    if (c.trust === 'client') continue
    if (m.affiliates.get(c.affiliateId)!.status !== 'approved') {
      c.flags.push(NOT_APPROVED)
      c.holdUntil = null
      continue
    }
    c.status = 'approved'
    c.holdUntil = null
    approveLines(c)
    approved++
  }
  return approved
}

/** The program's USD minimum in the model test (Settings): an upline's 5 % of 50.00 is under it. */
const MIN_PAYOUT = 400
/**
 * The program's default, for currencies without their own minimum (EUR here): one fixed sale (5.00)
 * is under it, two are not; were the USD minimum used for EUR or this one for USD, amounts between
 * the two would go the wrong way.
 */
const DEFAULT_MIN_PAYOUT = 700

/**
 * The doc's rule for the minimum of a (affiliate, currency) group: the affiliate's own minimum in
 * its payout currency, else the program's for the currency, else the default.
 */
function modelMinimum(a: MAffiliate, currency: PayCurrency): number {
  if (a.ownMinimum !== null && a.payoutCurrency === currency) return a.ownMinimum
  return currency === 'USD' ? MIN_PAYOUT : DEFAULT_MIN_PAYOUT
}

type Exclusion = { affiliateId: number; currency: PayCurrency; reason: string; amount: number }
type Paid = { affiliateId: number; currency: PayCurrency; amount: number }

/**
 * A payout run as the doc's Payouts rules say: per affiliate and currency, approved unpaid lines
 * and approved clawbacks net; nothing at zero; suspended, negative or below the minimum stay payable.
 */
function modelRun(m: Model, who: number[]): { items: Paid[]; exclusions: Exclusion[] } {
  const items: Paid[] = []
  const exclusions: Exclusion[] = []
  for (const id of [...who].sort((a, b) => a - b))
    for (const currency of CURRENCIES) {
      let net = 0
      for (const c of m.conversions) {
        if (CURRENCY[c.campaign] !== currency) continue
        for (const s of c.slots.values()) {
          if (s.affiliateId !== id) continue
          if (s.unpaid?.status === 'approved') net += s.unpaid.amount
          net += s.clawbackApproved
        }
      }
      if (net === 0) continue
      const leave = (reason: string) => exclusions.push({ affiliateId: id, currency, reason, amount: net })
      const a = m.affiliates.get(id)!
      if (a.status === 'suspended') leave('suspended')
      else if (net < 0) leave('negative_balance')
      else if (net < modelMinimum(a, currency)) leave('below_minimum')
      else items.push({ affiliateId: id, currency, amount: net })
    }
  return { items, exclusions }
}

/** Commit: every approved line and clawback of a paid (affiliate, currency) is locked into its item. */
function modelCommit(m: Model, run: MRun, paid: Paid[], ids: number[]) {
  paid.forEach((p, n) => {
    const item: MItem = {
      id: ids[n]!,
      run,
      affiliateId: p.affiliateId,
      currency: p.currency,
      amount: p.amount,
      status: 'pending',
      parts: [],
    }
    for (const c of m.conversions) {
      if (CURRENCY[c.campaign] !== p.currency) continue
      for (const s of c.slots.values()) {
        if (s.affiliateId !== p.affiliateId) continue
        const earning = s.unpaid?.status === 'approved' ? s.unpaid.amount : 0
        if (earning === 0 && s.clawbackApproved === 0) continue
        item.parts.push({ slot: s, earning, clawback: s.clawbackApproved })
        s.paidEarnings += earning
        if (earning) s.unpaid = null
        s.clawbackPaid += s.clawbackApproved
        s.clawbackApproved = 0
      }
    }
    run.items.push(item)
    m.items.push(item)
  })
}

/** Cancel, failed or returned: the item's lines are payable again, exactly as they were. */
function modelRelease(item: MItem) {
  for (const p of item.parts) {
    p.slot.paidEarnings -= p.earning
    if (p.earning) p.slot.unpaid = { amount: (p.slot.unpaid?.amount ?? 0) + p.earning, status: 'approved' }
    p.slot.clawbackPaid -= p.clawback
    p.slot.clawbackApproved += p.clawback
  }
}

/** How an outcome moves an item: null = it already says so; 'refused' = not from this status. */
function modelOutcome(item: MItem, outcome: PayOutcome): 'applied' | 'same' | 'refused' {
  if (item.status === outcome) return 'same'
  if (item.status === 'failed' || item.status === 'returned' || item.status === 'cancelled') return 'refused'
  if (item.status === 'paid' && outcome !== 'returned') return 'refused'
  if (outcome !== 'paid') modelRelease(item)
  item.status = outcome
  const run = item.run
  if (
    (run.status === 'committed' || run.status === 'exported') &&
    run.items.every((i) => i.status !== 'pending' && i.status !== 'processing')
  )
    run.status = 'completed'
  return 'applied'
}

/** Per "affiliate currency". */
type Balances = Record<string, [pending: number, payable: number, paid: number]>

function modelBalances(m: Model): Balances {
  const out: Balances = {}
  for (const c of m.conversions) {
    for (const s of c.slots.values()) {
      const b = (out[`${s.affiliateId} ${CURRENCY[c.campaign]}`] ??= [0, 0, 0])
      if (s.unpaid?.status === 'pending') b[0] += s.unpaid.amount
      if (s.unpaid?.status === 'approved') b[1] += s.unpaid.amount
      b[1] += s.clawbackApproved
      b[2] += s.paidEarnings + s.clawbackPaid
    }
  }
  return out
}

const isSubtree = (m: Readonly<Model>, root: number, id: number | null): boolean => {
  for (let at = id; at !== null; at = m.affiliates.get(at)!.parent) if (at === root) return true
  return false
}

// ---------------------------------------------------------------------------------------------
// The real system and the comparison

interface Real {
  t: TestCore
  clock: { now: number }
  db: Database.Database
  /** How the next payout commit picks its lines: both ways must lock the same lines. */
  lockPlan: { next: 'unlock' | 'filter' }
  /** How the next payout preview or commit reads its groups: both ways must give the same groups. */
  groupsPlan: { next: 'balances' | 'ledger' }
}

function realOutcome(r: IngestResult): Outcome {
  if (!r.ok) return { ok: false, code: r.code }
  return { ok: true, id: r.conversionId, status: r.status as Status, duplicate: r.duplicate }
}

const nonZero = (b: Balances): Balances =>
  Object.fromEntries(Object.entries(b).filter(([, v]) => v.some((x) => x !== 0)))

/**
 * The money property, on the database itself: every paid line is locked into exactly one live item,
 * no approved line is locked, and each live item is exactly the sum of its locked lines.
 */
function checkMoney(m: Model, r: Real) {
  const ids = JSON.stringify(m.affiliateIds)
  const broken = r.db
    .prepare(
      `SELECT m.id, m.status, k.payout_run_id AS run, i.id AS item, i.status AS itemStatus
         FROM commissions m LEFT JOIN payout_locks k ON k.commission_id = m.id
         LEFT JOIN payout_items i
                ON i.run_id = k.payout_run_id AND i.affiliate_id = m.affiliate_id AND i.currency = m.currency
        WHERE m.affiliate_id IN (SELECT value FROM json_each(?))
          AND (m.status = 'paid'
               OR (k.commission_id IS NOT NULL AND (m.status <> 'approved' OR i.id IS NULL
                   OR i.status NOT IN ('pending', 'processing', 'paid'))))`,
    )
    .all(ids)
  expect(broken, 'each paid line in exactly one live item, no other line locked').toEqual([])
  expect(
    r.db
      .prepare(
        `SELECT k.commission_id FROM payout_locks k LEFT JOIN commissions m ON m.id = k.commission_id
          WHERE m.id IS NULL
             OR NOT EXISTS (SELECT 1 FROM payout_items i WHERE i.run_id = k.payout_run_id
                              AND i.affiliate_id = m.affiliate_id AND i.currency = m.currency)`,
      )
      .all(),
    'no lock without its line and its item (payout_locks has no foreign keys)',
  ).toEqual([])
  const items = r.db
    .prepare(
      `SELECT i.id, i.status, i.amount_minor AS amount,
              (SELECT coalesce(sum(m.amount_minor), 0) FROM payout_locks k JOIN commissions m ON m.id = k.commission_id
                WHERE k.payout_run_id = i.run_id AND m.affiliate_id = i.affiliate_id AND m.currency = i.currency) AS locked
         FROM payout_items i WHERE i.affiliate_id IN (SELECT value FROM json_each(?)) ORDER BY i.id`,
    )
    .all(ids) as { id: number; status: string; amount: number; locked: number }[]
  for (const i of items) {
    const live = i.status === 'pending' || i.status === 'processing' || i.status === 'paid'
    expect(i.locked, `item ${i.id} (${i.status}) holds its amount in lines, or nothing once released`).toBe(
      live ? i.amount : 0,
    )
  }
  expect(
    items.map(({ id, status, amount }) => ({ id, status, amount })),
    'payout items',
  ).toEqual(m.items.map(({ id, status, amount }) => ({ id, status, amount })))
  const runs = r.db
    .prepare(
      `SELECT DISTINCT r.id, r.status FROM payout_runs r JOIN payout_items i ON i.run_id = r.id
               WHERE i.affiliate_id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
    )
    .all(ids)
  expect(runs, 'payout runs').toEqual(m.runs.map(({ id, status }) => ({ id, status })))
  // payable_balances is kept by triggers and by the payout store: it must equal the ledger grouped.
  const b = balancesBesideLedger(r.t.core.dbFile, m.affiliateIds)
  expect(b.balances, 'payable balances are the approved lines no run holds').toEqual(b.ledger)
}

async function compareState(m: Model, r: Real) {
  checkMoney(m, r)
  const real: Balances = {}
  for (const affiliateId of m.affiliateIds) {
    for (const row of (await r.t.call('commissions.balances', { affiliateId })).rows)
      real[`${row.affiliateId} ${row.currency}`] = [row.pendingMinor, row.approvedUnpaidMinor, row.paidMinor]
  }
  expect(nonZero(real), 'balances (pending, payable, paid) per affiliate').toEqual(nonZero(modelBalances(m)))
  const rows = r.db
    .prepare(
      'SELECT id, status, amount_minor AS amount, flags, superseded_by <> 0 AS superseded FROM conversions WHERE advertiser_id = ? ORDER BY id',
    )
    .all(m.advertiserId) as {
    id: number
    status: string
    amount: number
    flags: string
    superseded: number
  }[]
  expect(
    rows.map((x) => ({ ...x, flags: JSON.parse(x.flags) as string[], superseded: x.superseded === 1 })),
    'conversions',
  ).toEqual(
    m.conversions.map((c) => ({
      id: c.id,
      status: c.status,
      amount: c.amount,
      flags: c.flags,
      superseded: c.superseded,
    })),
  )
}

type Cmd = fc.AsyncCommand<Model, Real>

abstract class Base implements Cmd {
  check(_m: Readonly<Model>): boolean {
    return true
  }
  abstract apply(m: Model, r: Real): Promise<void>
  async run(m: Model, r: Real): Promise<void> {
    await this.apply(m, r)
    await compareState(m, r)
  }
  abstract toString(): string
}

class Click extends Base {
  constructor(readonly p: { affiliate: number; campaign: CampaignKey; ageDays: number; flagged: boolean }) {
    super()
  }
  async apply(m: Model) {
    // The store never looks a click up on ingest: the report carries it, so only the model keeps it.
    m.clicks.push({
      clickId: `CLK-${m.clicks.length}`,
      affiliateId: m.affiliateIds[this.p.affiliate]!,
      campaign: this.p.campaign,
      createdAt: m.clock - this.p.ageDays * DAY,
      flagged: this.p.flagged,
    })
  }
  toString() {
    return `Click(${JSON.stringify(this.p)})`
  }
}

async function send(m: Model, r: Real, i: ConversionIntent) {
  m.lastIntent = i
  const expected = modelIngest(m, i)
  const got = realOutcome(await r.t.core.store.conversions.ingest(i))
  expect(got, `answer to ${i.trust} ${i.orderId} ${i.eventType} ${i.status} ${i.amountMinor}`).toEqual(
    expected,
  )
}

class Report extends Base {
  constructor(
    readonly p: {
      trust: Trust
      order: number
      click: number
      event: Event | null
      status: Status
      amount: number | null
      /** The fraud verdict on arrival: its score and the codes of the rules that tripped. */
      risk: { score: number; codes: string[] } | null
    },
  ) {
    super()
  }
  async apply(m: Model, r: Real) {
    const click = m.clicks[this.p.click % m.clicks.length]!
    const risk = this.p.risk
    const i = baseIntent({
      trust: this.p.trust,
      advertiserId: m.advertiserId,
      click: {
        clickId: click.clickId,
        affiliateId: click.affiliateId,
        campaignId: m.campaignIds[click.campaign],
        linkId: null,
        createdAt: click.createdAt,
      },
      orderId: `ORD-${this.p.order}`,
      currency: CURRENCY[click.campaign],
      eventType: this.p.event,
      status: this.p.status,
      amountMinor: this.p.amount,
      receivedAt: m.clock,
      flags: click.flagged ? [SUSPICIOUS] : [],
      riskScore: risk?.score ?? 0,
      ...(risk
        ? {
            risk: {
              reviewThreshold: REVIEW_AT,
              rejectThreshold: REJECT_AT,
              verdict: {
                score: risk.score,
                reasons: risk.codes.map((code) => ({ code, weight: 10, detail: code })),
                model: null,
              },
              // The rules never read the input; the store keeps it for review and training.
              input: cleanInput({ at: m.clock }),
            },
          }
        : {}),
      ...(this.p.trust === 'signed'
        ? { nonce: { signature: `sig-${++m.signatures}`, expiresAt: m.clock + 30 * DAY } }
        : {}),
    })
    await send(m, r, i)
  }
  toString() {
    return `Report(${JSON.stringify(this.p)})`
  }
}

/**
 * The last report again about the same order and click: an exact replay (same signature), a resend,
 * an amount correction, a status change, or the same report from another sender (each newly signed).
 */
class Again extends Base {
  constructor(
    readonly p: {
      mode: 'replay' | 'resend' | 'amount' | 'status' | 'sender'
      amount: number
      status: Status
      trust: Trust
    },
  ) {
    super()
  }
  override check(m: Readonly<Model>) {
    return m.lastIntent !== null
  }
  async apply(m: Model, r: Real) {
    const last = m.lastIntent!
    if (this.p.mode === 'replay') return send(m, r, last)
    const i: ConversionIntent = { ...last, receivedAt: m.clock }
    if (this.p.mode === 'amount') i.amountMinor = this.p.amount
    if (this.p.mode === 'status') i.status = this.p.status
    if (this.p.mode === 'sender') i.trust = this.p.trust
    if (i.trust === 'signed') i.nonce = { signature: `sig-${++m.signatures}`, expiresAt: m.clock + 30 * DAY }
    else delete i.nonce
    await send(m, r, i)
  }
  toString() {
    return `Again(${JSON.stringify(this.p)})`
  }
}

class Manager extends Base {
  constructor(readonly p: { conversion: number; to: 'approved' | 'rejected' | 'refunded' }) {
    super()
  }
  override check(m: Readonly<Model>) {
    return m.conversions.length > 0
  }
  async apply(m: Model, r: Real) {
    const c = m.conversions[this.p.conversion % m.conversions.length]!
    const expected = modelManager(m, c, this.p.to)
    const got = await r.t.core.store.conversions.setStatus(c.id, this.p.to, 'owner', 'model test')
    expect(realOutcome(got), `manager ${this.p.to} #${c.id}`).toEqual(expected)
  }
  toString() {
    return `Manager(${JSON.stringify(this.p)})`
  }
}

class Tick extends Base {
  constructor(readonly days: number) {
    super()
  }
  async apply(m: Model, r: Real) {
    m.clock += this.days * DAY
    r.clock.now = m.clock
    const expected = modelApproveDue(m)
    expect(await r.t.core.store.conversions.approveDue(m.clock, 500), 'auto-approved').toBe(expected)
  }
  toString() {
    return `Tick(${this.days}d)`
  }
}

class SetAffiliate extends Base {
  constructor(readonly p: { affiliate: number; status: AffStatus }) {
    super()
  }
  async apply(m: Model, r: Real) {
    const id = m.affiliateIds[this.p.affiliate]!
    m.affiliates.get(id)!.status = this.p.status
    await r.t.call('affiliates.setStatus', { id, status: this.p.status })
  }
  toString() {
    return `SetAffiliate(${JSON.stringify(this.p)})`
  }
}

class SetMinimum extends Base {
  constructor(readonly p: { affiliate: number; own: number | null; payoutCurrency: PayCurrency }) {
    super()
  }
  async apply(m: Model, r: Real) {
    const id = m.affiliateIds[this.p.affiliate]!
    const a = m.affiliates.get(id)!
    a.ownMinimum = this.p.own
    a.payoutCurrency = this.p.payoutCurrency
    await r.t.call('affiliates.update', {
      id,
      minPayoutMinor: this.p.own,
      payoutCurrency: this.p.payoutCurrency,
    })
  }
  toString() {
    return `SetMinimum(${JSON.stringify(this.p)})`
  }
}

class Move extends Base {
  constructor(readonly p: { affiliate: number; parent: number | null }) {
    super()
  }
  override check(m: Readonly<Model>) {
    const id = m.affiliateIds[this.p.affiliate]!
    const parent = this.p.parent === null ? null : m.affiliateIds[this.p.parent]!
    return !isSubtree(m, id, parent)
  }
  async apply(m: Model, r: Real) {
    const id = m.affiliateIds[this.p.affiliate]!
    const parentId = this.p.parent === null ? null : m.affiliateIds[this.p.parent]!
    m.affiliates.get(id)!.parent = parentId
    await r.t.call('affiliates.move', { id, parentId })
  }
  toString() {
    return `Move(${JSON.stringify(this.p)})`
  }
}

const expectFailure = async (p: Promise<unknown>, code: string, what: string) => {
  let error: unknown = null
  try {
    await p
  } catch (err) {
    error = err
  }
  expect((error as { wire?: { code: string } } | null)?.wire?.code, what).toBe(code)
}

/** A payout run over some of this program's affiliates: the preview, then maybe the commit. */
class PayoutRun extends Base {
  constructor(
    readonly p: {
      who: number[]
      commit: boolean
      lock: 'unlock' | 'filter'
      groups: 'balances' | 'ledger'
      backDays: number
    },
  ) {
    super()
  }
  async apply(m: Model, r: Real) {
    const who = [...new Set(this.p.who.map((i) => m.affiliateIds[i]!))]
    const expected = modelRun(m, who)
    if (this.p.backDays > 0) {
      // The model pays up to now; an earlier cut-off is checked against the ledger grouped line by
      // line (the model keeps no approval instants): the balances less the lines approved after it
      // must give the same groups.
      const back = { cutoff: m.clock - this.p.backDays * DAY, affiliateIds: who }
      r.groupsPlan.next = 'balances'
      const fromBalances = await r.t.call('payouts.preview', back)
      r.groupsPlan.next = 'ledger'
      expect(fromBalances, `preview ${this.p.backDays} days back`).toEqual(
        await r.t.call('payouts.preview', back),
      )
    }
    r.groupsPlan.next = this.p.groups
    const preview = await r.t.call('payouts.preview', { cutoff: m.clock, affiliateIds: who })
    expect(
      {
        items: preview.items.map((i) => ({
          affiliateId: i.affiliateId,
          currency: i.currency,
          amount: i.amountMinor,
        })),
        exclusions: preview.exclusions.map((e) => ({
          affiliateId: e.affiliateId,
          currency: e.currency,
          reason: e.reason,
          amount: e.amountMinor,
        })),
      },
      'preview',
    ).toEqual(expected)
    if (!this.p.commit) return
    if (expected.items.length === 0) {
      await expectFailure(
        r.t.call('payouts.commit', { cutoff: m.clock, affiliateIds: who }),
        'conflict',
        'empty run',
      )
      return
    }
    r.lockPlan.next = this.p.lock
    const run = await r.t.call('payouts.commit', {
      cutoff: m.clock,
      affiliateIds: who,
      expectedTotals: preview.totals,
    })
    expect(run, 'the commit answers the run as it was written').toEqual(
      await r.t.call('payouts.get', { runId: run.run.id }),
    )
    const mrun: MRun = { id: run.run.id, status: 'committed', items: [] }
    m.runs.push(mrun)
    modelCommit(
      m,
      mrun,
      expected.items,
      run.items.map((i) => i.id),
    )
  }
  toString() {
    return `PayoutRun(${JSON.stringify(this.p)})`
  }
}

class CancelRun extends Base {
  constructor(readonly index: number) {
    super()
  }
  override check(m: Readonly<Model>) {
    return m.runs.length > 0
  }
  async apply(m: Model, r: Real) {
    const run = m.runs[this.index % m.runs.length]!
    const call = r.t.call('payouts.cancel', { runId: run.id })
    if (run.status !== 'committed' || run.items.some((i) => i.status !== 'pending'))
      return expectFailure(call, 'conflict', `cancel run ${run.id} (${run.status})`)
    await call
    run.status = 'cancelled'
    for (const i of run.items) {
      modelRelease(i)
      i.status = 'cancelled'
    }
  }
  toString() {
    return `CancelRun(${this.index})`
  }
}

class ExportRun extends Base {
  constructor(readonly index: number) {
    super()
  }
  override check(m: Readonly<Model>) {
    return m.runs.length > 0
  }
  async apply(m: Model, r: Real) {
    const run = m.runs[this.index % m.runs.length]!
    const call = r.t.call('payouts.export', { runId: run.id, format: 'paypal' })
    if (run.status === 'cancelled') return expectFailure(call, 'conflict', 'export a cancelled run')
    const open = run.items.filter((i) => i.status === 'pending' || i.status === 'processing')
    if (open.length === 0) return expectFailure(call, 'invalid_input', 'export with nothing to pay')
    const { files } = await call
    expect(
      files.reduce((s, f) => s + f.totalMinor, 0),
      'file total',
    ).toBe(open.reduce((s, i) => s + i.amount, 0))
    for (const i of open) i.status = 'processing'
    if (run.status === 'committed') run.status = 'exported'
  }
  toString() {
    return `ExportRun(${this.index})`
  }
}

/** A provider report (imported twice sometimes) or finance by hand says what became of an item. */
class ItemOutcome extends Base {
  constructor(readonly p: { item: number; outcome: PayOutcome; via: 'import' | 'manual'; twice: boolean }) {
    super()
  }
  override check(m: Readonly<Model>) {
    return m.items.length > 0
  }
  async apply(m: Model, r: Real) {
    const item = m.items[this.p.item % m.items.length]!
    const { outcome } = this.p
    if (this.p.via === 'manual') {
      const call = r.t.call('payouts.markItem', { itemId: item.id, outcome, reason: 'model test' })
      const result = modelOutcome(item, outcome)
      if (result !== 'applied') return expectFailure(call, 'conflict', `mark ${item.status} item ${outcome}`)
      await call
      return
    }
    const rows = [
      {
        itemId: item.id,
        outcome,
        providerRef: `TX-${item.id}-${outcome}`,
        amountMinor: item.amount,
        currency: item.currency,
        detail: null,
      },
    ]
    for (let n = 0; n < (this.p.twice ? 2 : 1); n++) {
      const result = modelOutcome(item, outcome)
      const got = await r.t.call('payouts.importReport', { kind: 'paypal', rows })
      expect(
        { applied: got.applied, unchanged: got.unchanged, problems: got.problems.length },
        `import ${outcome} for a ${item.status} item (round ${n + 1})`,
      ).toEqual({
        applied: result === 'applied' ? 1 : 0,
        unchanged: result === 'same' ? 1 : 0,
        problems: result === 'refused' ? 1 : 0,
      })
    }
  }
  toString() {
    return `ItemOutcome(${JSON.stringify(this.p)})`
  }
}

const AFFILIATES = 4
const affiliate = fc.nat(AFFILIATES - 1)
const report = fc
  .record({
    trust: fc.constantFrom<Trust>('signed', 'signed', 'token', 'client', 'client'),
    order: fc.nat(5),
    click: fc.nat(7),
    event: fc.constantFrom<Event | null>(null, null, null, 'sale', 'lead', 'trial'),
    status: fc.constantFrom<Status>(
      'pending',
      'pending',
      'pending',
      'approved',
      'approved',
      'rejected',
      'refunded',
    ),
    amount: fc.constantFrom<number | null>(null, 0, 5_000, 10_000, 12_345),
    // Around both thresholds, with and without reasons (a score only the learned model explains).
    risk: fc.option(
      fc.record({
        score: fc.constantFrom(0, REVIEW_AT - 1, REVIEW_AT, 60, REJECT_AT - 1, REJECT_AT, 100),
        codes: fc.subarray(['bot', 'click_injection', 'self_referral']),
      }),
      { freq: 2 },
    ),
  })
  .map((p) => new Report(p))
const again = fc
  .record({
    mode: fc.constantFrom<Again['p']['mode']>('replay', 'resend', 'amount', 'status', 'sender', 'sender'),
    amount: fc.constantFrom(0, 4_000, 15_000, 20_000),
    status: fc.constantFrom<Status>('approved', 'rejected', 'refunded'),
    // Mostly a postback after a browser report: corroboration, or the signed click winning.
    trust: fc.constantFrom<Trust>('signed', 'signed', 'token', 'client'),
  })
  .map((p) => new Again(p))
const manager = fc
  .record({
    conversion: fc.nat(9),
    to: fc.constantFrom('approved' as const, 'rejected' as const, 'refunded' as const),
  })
  .map((p) => new Manager(p))
const setAffiliate = fc
  // Mostly the affiliates the first clicks credit, so suspensions meet conversions in their hold.
  .record({
    affiliate: fc.constantFrom(0, 1, 2, 2, 3, 3),
    status: fc.constantFrom<AffStatus>('approved', 'suspended'),
  })
  .map((p) => new SetAffiliate(p))
const setMinimum = fc
  .record({
    affiliate,
    // Around the amounts the runs meet: an upline's 5.00 and 2.50, a sale's 10 %.
    own: fc.constantFrom<number | null>(null, null, 0, 150, 700),
    payoutCurrency: fc.constantFrom<PayCurrency>('USD', 'USD', 'EUR'),
  })
  .map((p) => new SetMinimum(p))
const newClick = fc
  .record({
    affiliate,
    campaign: fc.constantFrom<CampaignKey>('pct', 'fixed'),
    // Around the cookie window (20 days), which the ticks also push clicks out of.
    ageDays: fc.constantFrom(0, 0, 5, 20, 21, 40),
    flagged: fc.constantFrom(false, false, false, true),
  })
  .map((p) => new Click(p))
const tick = fc.constantFrom(1, 7, 15, 15).map((d) => new Tick(d))
const moveSubtree = fc
  .record({ affiliate, parent: fc.option(affiliate, { freq: 4 }) })
  .map((p) => new Move(p))
const payoutRun = fc
  .record({
    // Mostly everyone; sometimes a run narrowed to one or two affiliates.
    who: fc.oneof(
      { weight: 3, arbitrary: fc.constant<number[]>([0, 1, 2, 3]) },
      { weight: 2, arbitrary: fc.uniqueArray(affiliate, { minLength: 1, maxLength: 2 }) },
    ),
    commit: fc.constantFrom(true, true, true, false),
    lock: fc.constantFrom<'unlock' | 'filter'>('unlock', 'filter'),
    groups: fc.constantFrom<'balances' | 'ledger'>('balances', 'ledger'),
    backDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  })
  .map((p) => new PayoutRun(p))
const cancelRun = fc.nat(3).map((n) => new CancelRun(n))
const exportRun = fc.nat(3).map((n) => new ExportRun(n))
const itemOutcome = fc
  .record({
    item: fc.nat(7),
    outcome: fc.constantFrom<PayOutcome>('paid', 'paid', 'failed', 'returned'),
    via: fc.constantFrom<'import' | 'manual'>('import', 'import', 'manual'),
    twice: fc.boolean(),
  })
  .map((p) => new ItemOutcome(p))
// Repeated entries weigh a command: reports and what follows them most, the tree least.
const commands = [
  report,
  report,
  report,
  report,
  again,
  again,
  again,
  manager,
  manager,
  manager,
  newClick,
  tick,
  tick,
  setAffiliate,
  setAffiliate,
  moveSubtree,
  setMinimum,
  payoutRun,
  payoutRun,
  payoutRun,
  cancelRun,
  exportRun,
  itemOutcome,
  itemOutcome,
  itemOutcome,
]

// One core for all runs (a fresh SQLite file per run cost more than the commands): each run gets
// its own advertiser, campaigns and affiliates, and compares only those.
let real: Real | null = null
let runs = 0
beforeAll(async () => {
  const clock = { now: T0 }
  const lockPlan: Real['lockPlan'] = { next: 'filter' }
  const groupsPlan: Real['groupsPlan'] = { next: 'balances' }
  const t = await startTestCore({
    now: () => clock.now,
    jobs: 'manual',
    payoutPlans: { lock: () => lockPlan.next, groups: () => groupsPlan.next },
  })
  await t.call('settings.update', {
    minPayoutMinor: DEFAULT_MIN_PAYOUT,
    minPayoutByCurrency: { USD: MIN_PAYOUT },
  })
  const db = new Database(t.core.dbFile)
  db.pragma('busy_timeout = 5000')
  real = { t, clock, db, lockPlan, groupsPlan }
})
afterAll(async () => {
  real?.db.close()
  await real?.t.close()
})

/** A program of one advertiser, a percentage and a fixed campaign, and a small tree: A → B → C, A → D. */
async function setup(): Promise<{ model: Model; real: Real }> {
  const r = real!
  const { t, clock, db } = r
  // Past every earlier run's holds, so this run's ticks approve only its own conversions.
  clock.now += 2 * HOLD_DAYS * DAY
  await t.core.store.conversions.approveDue(clock.now, 1_000_000)
  const run = ++runs
  const adv = await t.call('advertisers.create', { name: 'Acme' })
  const campaign = (name: string, currency: PayCurrency, plan: MethodInput<'campaigns.create'>['plan']) =>
    t.call('campaigns.create', {
      advertiserId: adv.id,
      name,
      currency,
      destinationUrl: 'https://shop.example/',
      cookieDays: COOKIE_DAYS,
      holdDays: HOLD_DAYS,
      plan,
    })
  const pct = await campaign('Percent', CURRENCY.pct, {
    type: 'percentage',
    rateBps: 1_000,
    upline: [{ rateBps: 500 }],
    inactiveUpline: 'skip',
  })
  const fixed = await campaign('Fixed', CURRENCY.fixed, {
    type: 'fixed',
    amounts: { sale: 500, lead: 300 },
    upline: [{ amountMinor: 100 }],
    inactiveUpline: 'skip',
  })
  const [a, b, c] = (await affiliateChain(t, [`A${run}`, `B${run}`, `C${run}`])) as [number, number, number]
  const [d] = (await affiliateChain(t, [`D${run}`], { parentId: a })) as [number]
  for (const id of [a, b, c, d]) await t.call('affiliates.update', { id, paymentEmail: `pay${id}@x.example` })
  const model: Model = {
    clock: clock.now,
    advertiserId: adv.id,
    campaignIds: { pct: pct.id, fixed: fixed.id },
    affiliateIds: [a, b, c, d],
    affiliates: new Map([
      [a, { status: 'approved', parent: null, payoutCurrency: 'USD', ownMinimum: null }],
      [b, { status: 'approved', parent: a, payoutCurrency: 'USD', ownMinimum: null }],
      [c, { status: 'approved', parent: b, payoutCurrency: 'USD', ownMinimum: null }],
      [d, { status: 'approved', parent: a, payoutCurrency: 'USD', ownMinimum: null }],
    ]),
    // Fresh clicks to start with, one per campaign, a suspicious one, and a EUR one for an affiliate
    // that also earns USD (so a run can pay one currency of an affiliate and leave the other), so the
    // first reports have something to name.
    clicks: [
      { clickId: 'CLK-A', affiliateId: c, campaign: 'pct', createdAt: clock.now, flagged: false },
      { clickId: 'CLK-B', affiliateId: d, campaign: 'fixed', createdAt: clock.now, flagged: false },
      { clickId: 'CLK-C', affiliateId: b, campaign: 'pct', createdAt: clock.now, flagged: true },
      { clickId: 'CLK-D', affiliateId: c, campaign: 'fixed', createdAt: clock.now, flagged: false },
    ],
    firstConversionId: db.prepare('SELECT coalesce(max(id), 0) + 1 FROM conversions').pluck().get() as number,
    conversions: [],
    lastIntent: null,
    signatures: 0,
    runs: [],
    items: [],
  }
  db.prepare('UPDATE campaigns SET max_client_amount_minor = ? WHERE id = ?').run(CLIENT_MAX.pct, pct.id)
  return { model, real: r }
}

it(
  'the store keeps every balance, answer and status the reference model of the ledger rules says',
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 50, size: 'max' }), async (cmds) => {
        const state = await setup()
        await fc.asyncModelRun(() => state, cmds)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  },
  Math.max(60_000, RUNS * 2_000),
)

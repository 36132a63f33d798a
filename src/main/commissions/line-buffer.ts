// The engine writes lines into a reusable buffer of parallel arrays instead of allocating objects,
// so the simulator can run a million conversions without garbage per line. compute.ts turns a
// buffer into CommissionLine objects (with their rule text) for the ledger.
import { MAX_LEVELS } from '../../shared/domain'

/** Level 1 plus at most MAX_UPLINE_LEVELS upline levels (the plan schema's limit). */
export const MAX_LINES = MAX_LEVELS

/** Where a line's amount came from; rules.ts turns it into words. */
export const Source = {
  fixed: 0,
  planRate: 1,
  tier: 2,
  override: 3,
  vip: 4,
  elite: 5,
  uplineRate: 6,
  uplineFixed: 7,
} as const
export type SourceCode = (typeof Source)[keyof typeof Source]

/** rateBps value meaning "a fixed amount, no rate". */
export const NO_RATE = -1

export interface LineBuffer {
  count: number
  affiliateId: number[]
  level: number[]
  /** After the cap. */
  amount: number[]
  /** Before the cap, to explain a capped line. */
  uncapped: number[]
  rateBps: number[]
  source: SourceCode[]
  /** Tier index for tier lines; the ancestor's depth for upline lines; 0 otherwise. */
  detail: number[]
}

export function createLineBuffer(): LineBuffer {
  const zeros = (): number[] => new Array<number>(MAX_LINES).fill(0)
  return {
    count: 0,
    affiliateId: zeros(),
    level: zeros(),
    amount: zeros(),
    uncapped: zeros(),
    rateBps: zeros(),
    source: new Array<SourceCode>(MAX_LINES).fill(Source.fixed),
    detail: zeros(),
  }
}

/** Appends a line unless it pays nothing: zero lines never reach the ledger. */
export function pushLine(
  buf: LineBuffer,
  affiliateId: number,
  level: number,
  amount: number,
  rateBps: number,
  source: SourceCode,
  detail: number,
): void {
  if (amount <= 0) return
  const i = buf.count
  if (i >= MAX_LINES) throw new Error(`more than ${MAX_LINES} commission lines for one conversion`)
  buf.affiliateId[i] = affiliateId
  buf.level[i] = level
  buf.amount[i] = amount
  buf.uncapped[i] = amount
  buf.rateBps[i] = rateBps
  buf.source[i] = source
  buf.detail[i] = detail
  buf.count = i + 1
}

/** Sum of the buffer's current amounts. */
export function totalOf(buf: LineBuffer): number {
  let total = 0
  for (let i = 0; i < buf.count; i++) total += buf.amount[i]!
  return total
}

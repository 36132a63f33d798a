import type { SigningMode } from '../../src/shared/domain'
import { signParams, signSimple } from '../../src/main/tracking/postback-signature'
import { startTestCore, type TestCore } from './core'
import { createProgram, type TestProgram } from './program'

export interface Program extends TestProgram {
  t: TestCore
  base: string
  linkCode: string
  secret: string
  token: string
}

/** A real core with its listener on a free loopback port, and a small program to track against. */
export async function startProgram(
  opts: {
    signingMode?: SigningMode
    allowedIps?: string[]
    now?: () => number
    /** 'manual' to run auto-approval only when a test ticks it (with a fake clock). */
    jobs?: 'auto' | 'manual' | 'off'
    /** Fraud checks (off unless asked: see startTestCore). */
    fraud?: 'on' | 'off'
  } = {},
): Promise<Program> {
  const t = await startTestCore({
    noListener: false,
    listenerPort: 0,
    listenerLimits: { clicksPerMinute: 1_000_000, postbacksPerMinute: 1_000_000 },
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
    ...(opts.fraud ? { fraud: opts.fraud } : {}),
  })
  const program = await createProgram(t, {
    advertiser: {
      signingMode: opts.signingMode ?? 'params',
      allowedIps: opts.allowedIps ?? [],
      allowedOrigins: ['https://shop.example'],
    },
    campaign: {
      name: 'Spring',
      destinationUrl: 'https://shop.example/landing?utm=aff',
      fallbackUrl: 'https://shop.example/ended',
    },
    plan: { type: 'percentage', rateBps: 1000, upline: [{ rateBps: 500 }] },
    chain: [
      { code: 'PARENT', name: 'P', email: 'p@x.example' },
      { code: 'CHILD', name: 'C', email: 'c@x.example' },
    ],
  })
  const link = await t.call('links.create', {
    affiliateId: program.affiliateIds.at(-1)!,
    campaignId: program.campaignId,
    code: 'SPRING1',
  })
  const secrets = await t.secrets(program.advertiserId)
  return { ...program, t, base: t.core.listenerUrl!, linkCode: link.code, ...secrets }
}

export async function click(
  base: string,
  code: string,
  query = '',
): Promise<{ status: number; location: string | null; clickId: string | null }> {
  const res = await fetch(`${base}/c/${code}${query}`, { redirect: 'manual' })
  await res.arrayBuffer()
  const location = res.headers.get('location')
  const clickId = location ? new URL(location).searchParams.get('clickid') : null
  return { status: res.status, location, clickId }
}

export function signedQuery(
  secret: string,
  params: Record<string, string>,
  mode: 'params' | 'simple' = 'params',
): string {
  const hash =
    mode === 'params'
      ? signParams(secret, params)
      : signSimple(secret, params.clickid ?? '', params.payout ?? '', params.timestamp ?? '')
  return new URLSearchParams({ ...params, hash }).toString()
}

export async function postback(
  base: string,
  query: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/postback?${query}`, init)
  const text = await res.text()
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    body = { text }
  }
  return { status: res.status, body }
}

export const nowSeconds = () => String(Math.floor(Date.now() / 1000))

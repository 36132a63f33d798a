// A small affiliate program built through the contract, as the owner would build it in the app:
// an advertiser, one campaign on a given plan, and a chain of approved affiliates.
import type { ConversionIntent } from '../../src/main/commissions/ports'
import type { MethodInput } from '../../src/shared/contract'
import type { PlanInput } from '../../src/shared/plan'
import { PCT_PLAN, type TestCore } from './core'
import { intent } from './intent'

/** An affiliate by code; name defaults to the code and email to code@x.example. */
export type AffiliateSpec = string | { code: string; name?: string; email?: string }

/** Creates affiliates each under the one before (the first under parentId), approved unless asked. */
export async function affiliateChain(
  t: TestCore,
  specs: readonly AffiliateSpec[],
  opts: { parentId?: number | null; approve?: boolean } = {},
): Promise<number[]> {
  const ids: number[] = []
  for (const spec of specs) {
    const {
      code,
      name = code,
      email = `${code.toLowerCase()}@x.example`,
    } = typeof spec === 'string' ? { code: spec } : spec
    const a = await t.call('affiliates.create', {
      name,
      email,
      code,
      parentId: ids.at(-1) ?? opts.parentId ?? null,
    })
    if (opts.approve ?? true) await t.call('affiliates.setStatus', { id: a.id, status: 'approved' })
    ids.push(a.id)
  }
  return ids
}

export interface ProgramSpec {
  plan?: PlanInput
  /** Parent first. Default: one affiliate, AFF. */
  chain?: readonly AffiliateSpec[]
  advertiser?: Partial<MethodInput<'advertisers.create'>>
  campaign?: Partial<Omit<MethodInput<'campaigns.create'>, 'advertiserId' | 'plan'>>
}

/** Overrides for a program's intent; affiliateId picks who the default click credits. */
export type IntentOverrides = Partial<ConversionIntent> & { affiliateId?: number }

export interface TestProgram {
  advertiserId: number
  campaignId: number
  /** The chain, parent first. */
  affiliateIds: number[]
  /**
   * A conversion for this program, received now on the core's clock, on a click (CLK-<orderId>)
   * credited to the last affiliate of the chain unless affiliateId says otherwise.
   */
  intent(over?: IntentOverrides): ConversionIntent
}

export async function createProgram(t: TestCore, spec: ProgramSpec = {}): Promise<TestProgram> {
  const adv = await t.call('advertisers.create', { name: 'Acme', ...spec.advertiser })
  const campaign = await t.call('campaigns.create', {
    name: 'Campaign',
    destinationUrl: 'https://shop.example/',
    ...spec.campaign,
    advertiserId: adv.id,
    plan: spec.plan ?? PCT_PLAN,
  })
  const affiliateIds = await affiliateChain(t, spec.chain ?? ['AFF'])
  return {
    advertiserId: adv.id,
    campaignId: campaign.id,
    affiliateIds,
    intent({ affiliateId = affiliateIds.at(-1), ...over } = {}) {
      const orderId = over.orderId ?? 'ORDER-1'
      if (affiliateId === undefined && over.click === undefined)
        throw new Error('this program has no affiliate to credit: pass affiliateId or click')
      return intent({
        advertiserId: adv.id,
        click: {
          clickId: `CLK-${orderId}`,
          affiliateId: affiliateId!,
          campaignId: campaign.id,
          linkId: null,
          // Clicked just now: well inside any cookie window.
          createdAt: t.now(),
        },
        receivedAt: t.now(),
        ...over,
      })
    },
  }
}

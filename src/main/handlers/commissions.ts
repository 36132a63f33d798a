import { UPLINE_REACH } from '../../shared/domain'
import { notFound } from '../../shared/errors'
import type { MethodOutput } from '../../shared/contract'
import type { Plan } from '../../shared/plan'
import { simulate, type UplineAncestor, zonedMonths } from '../commissions'
import type { SimulationInput } from '../db/store'
import type { HandlerContext, HandlerGroup } from './types'

export function commissionHandlers(
  ctx: HandlerContext,
): HandlerGroup<'commissions.list' | 'commissions.balances' | 'commissions.simulate'> {
  const { store } = ctx
  return {
    'commissions.list': (q) => store.commissions.list(q),
    'commissions.balances': (q) => store.commissions.balances(q),
    // Reads and computes only: the store hands over rows and lookups, nothing here can write.
    'commissions.simulate': async ({ campaignId, proposedPlan, days, limit }) => {
      const campaign = await store.campaigns.get(campaignId)
      if (!campaign) throw notFound('Campaign', campaignId)
      const recurringPeriods = campaign.plan.type === 'recurring' || proposedPlan.type === 'recurring'
      const input = await store.conversions.simulationInput({ campaignId, days, recurringPeriods })
      if (!input) throw notFound('Campaign', campaignId)
      // Tier months as ingest counts them: in the program's time zone.
      const months = zonedMonths((await store.settings.get()).timeZone)
      return whatIf(input, proposedPlan, limit, (ms) => months(ms).key)
    },
  }
}

function whatIf(
  input: SimulationInput,
  proposed: Plan,
  limit: number,
  monthKeyOf: (ms: number) => number,
): MethodOutput<'commissions.simulate'> {
  const current = input.campaign.plan
  const reach = [current, proposed].some((p) => p.inactiveUpline === 'compress' && p.upline.length > 0)
    ? UPLINE_REACH
    : Math.max(current.upline.length, proposed.upline.length)
  // Ancestors from parent links (the closure table holds exactly these; tests keep the two equal).
  const uplines: (UplineAncestor[] | undefined)[] = []
  const uplineOf = (id: number): UplineAncestor[] => {
    let upline = uplines[id]
    if (upline) return upline
    upline = []
    let parentId = input.affiliate(id)?.parentId ?? null
    while (parentId !== null && upline.length < reach) {
      const parent = input.affiliate(parentId)
      if (!parent) break
      upline.push({ id: parent.id, status: parent.status, depth: upline.length + 1 })
      parentId = parent.parentId
    }
    uplines[id] = upline
    return upline
  }

  const result = simulate(input.conversions, {
    currentPlanFor: () => current,
    proposedPlan: proposed,
    affiliateOf: (id) => input.affiliate(id),
    uplineOf,
    monthKeyOf,
  })

  const entries = [...result.perAffiliate]
  entries.sort(
    ([ida, a], [idb, b]) =>
      Math.abs(b.proposed - b.current) - Math.abs(a.proposed - a.current) ||
      b.proposed - a.proposed ||
      ida - idb,
  )
  const { totals } = result
  const assumptions = [
    "Today's hierarchy, affiliate statuses, tiers and override rates apply to every conversion in the period.",
    'Rejected and refunded conversions pay nothing under either plan and are left out.',
    'Amounts are rounded per line exactly as the ledger rounds them; nothing is written.',
  ]
  if (current.type === 'tiered' || proposed.type === 'tiered') {
    assumptions.push(
      'Monthly tiers count the sales that were not rejected or refunded, inside the period only, from its first day.',
    )
  }
  return {
    campaignId: input.campaign.id,
    currency: result.currency,
    from: input.from,
    to: input.to,
    totals: {
      currentMinor: totals.current,
      proposedMinor: totals.proposed,
      deltaMinor: totals.delta,
      conversions: totals.conversions,
      skipped: totals.skipped,
    },
    affiliateCount: entries.length,
    rows: entries.slice(0, limit).map(([affiliateId, a]) => ({
      affiliateId,
      affiliateCode: input.affiliate(affiliateId)?.code ?? '',
      currentMinor: a.current,
      proposedMinor: a.proposed,
      deltaMinor: a.proposed - a.current,
    })),
    assumptions,
  }
}

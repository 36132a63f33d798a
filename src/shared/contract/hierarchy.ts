// The affiliate tree: who sits above and below whom, and what each level earned.
import { z } from 'zod'
import { AFFILIATE_STATUSES } from '../domain'
import { affiliateSchema } from './affiliates'
import { id, listOf, method, pageInput } from './common'

export const hierarchyNodeSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  status: z.enum(AFFILIATE_STATUSES),
  parentId: id.nullable(),
  /** Distance from the affiliate asked about: 1 = parent (upline) or direct recruit (downline). */
  depth: z.number().int().min(1),
})
export type HierarchyNode = z.infer<typeof hierarchyNodeSchema>

/** Amounts in several currencies are never added together: one entry per currency. */
const moneyByCurrency = z.array(z.object({ currency: z.string(), amountMinor: z.number().int() }))

export const levelStatsSchema = z.object({
  /** Net of reversals and clawbacks: what the affiliate's own conversions earned them (plan level 1). */
  own: moneyByCurrency,
  /**
   * Level n: the affiliates n steps down, and the net the affiliate earned at plan level n + 1 (the
   * upline share of sales n steps down; with `compress`, a level can come from further down).
   */
  levels: z.array(
    z.object({ level: z.number().int().min(1), affiliates: z.number().int(), earnings: moneyByCurrency }),
  ),
})

export const hierarchyMethods = {
  'affiliates.move': method(z.object({ id, parentId: id.nullable() }).strict(), affiliateSchema),
  'affiliates.upline': method(z.object({ id }).strict(), z.array(hierarchyNodeSchema)),
  'affiliates.downline': method(
    z.object({ id, maxDepth: z.number().int().min(1).max(1000).optional(), ...pageInput }).strict(),
    listOf(hierarchyNodeSchema),
  ),
  'affiliates.levelStats': method(z.object({ id }).strict(), levelStatsSchema),
} as const

import { describe, expect, it } from 'vitest'
import { planSchema, type Plan } from '../../../shared/plan'
import { emptyPlanForm, formToPlan, planToForm, type PlanFormValues } from './planForm'
import { planSummary } from './planSummary'

const form = (patch: Partial<PlanFormValues>): PlanFormValues => ({ ...emptyPlanForm(), ...patch })

describe('formToPlan', () => {
  it('turns a percentage into basis points without float math', () => {
    expect(formToPlan(form({ type: 'percentage', ratePercent: '12.5' }), 'USD')).toEqual({
      plan: { type: 'percentage', rateBps: 1250, upline: [], inactiveUpline: 'skip' },
      issues: [],
    })
    // 0.07 * 10000 is 700.0000000000001 in floating point; the helpers parse digits instead.
    expect(formToPlan(form({ ratePercent: '0.07' }), 'USD').plan).toMatchObject({ rateBps: 7 })
  })

  it('reads fixed amounts in the campaign currency minor units', () => {
    const { plan } = formToPlan(
      form({ type: 'fixed', amounts: { lead: '50', trial: '', sale: '12.34', recurring: '' } }),
      'USD',
    )
    expect(plan).toMatchObject({ type: 'fixed', amounts: { lead: 5000, sale: 1234 } })
    expect(
      formToPlan(form({ type: 'fixed', amounts: { lead: '500', trial: '', sale: '', recurring: '' } }), 'JPY')
        .plan,
    ).toMatchObject({
      amounts: { lead: 500 },
    })
  })

  it('reports errors under the contract paths', () => {
    const { plan, issues } = formToPlan(
      form({
        type: 'tiered',
        basis: 'count',
        tiers: [
          { key: 1, from: '0', ratePercent: '10' },
          { key: 2, from: 'ten', ratePercent: '12.345' },
        ],
        upline: [{ key: 3, kind: 'amount', value: '1.999' }],
        capPercent: '-1',
      }),
      'USD',
    )
    expect(plan).toMatchObject({ type: 'tiered' })
    expect(issues.map((i) => i.path).sort()).toEqual([
      'plan.capBps',
      'plan.tiers.1.from',
      'plan.tiers.1.rateBps',
      'plan.upline.0.amountMinor',
    ])
  })

  it('requires at least one fixed amount', () => {
    expect(formToPlan(form({ type: 'fixed' }), 'USD').issues).toEqual([
      { path: 'plan.amounts', message: 'Enter an amount for at least one event' },
    ])
  })

  it('builds tier rates, upline levels and caps', () => {
    const { plan } = formToPlan(
      form({
        type: 'recurring',
        ratePercent: '20',
        maxMonths: '12',
        vipPercent: '25',
        upline: [
          { key: 1, kind: 'rate', value: '5' },
          { key: 2, kind: 'amount', value: '2.50' },
        ],
        inactiveUpline: 'compress',
        capAmount: '100',
      }),
      'EUR',
    )
    expect(plan).toEqual({
      type: 'recurring',
      rateBps: 2000,
      maxMonths: 12,
      tierRatesBps: { vip: 2500 },
      upline: [{ rateBps: 500 }, { amountMinor: 250 }],
      inactiveUpline: 'compress',
      capMinor: 10000,
    })
    expect(planSchema.safeParse(plan).success).toBe(true)
  })
})

describe('planToForm ∘ formToPlan', () => {
  const plans: Plan[] = [
    { type: 'percentage', rateBps: 1250, upline: [{ rateBps: 300 }], inactiveUpline: 'skip', capBps: 2000 },
    { type: 'fixed', amounts: { lead: 5000, sale: 1 }, upline: [], inactiveUpline: 'skip' },
    {
      type: 'tiered',
      basis: 'revenue',
      tiers: [
        { from: 0, rateBps: 1000 },
        { from: 100000, rateBps: 1500 },
      ],
      upline: [],
      inactiveUpline: 'compress',
      tierRatesBps: { elite: 3000 },
    },
    {
      type: 'recurring',
      rateBps: 2000,
      maxMonths: null,
      upline: [{ amountMinor: 99 }],
      inactiveUpline: 'skip',
    },
    { type: 'lifetime', rateBps: 5, upline: [], inactiveUpline: 'skip', capMinor: 123456 },
  ]
  it.each(plans)('round-trips a $type plan', (plan) => {
    expect(formToPlan(planToForm(plan, 'USD'), 'USD')).toEqual({ plan, issues: [] })
  })
})

describe('planSummary', () => {
  it('describes each plan type in one line', () => {
    expect(
      planSummary({ type: 'percentage', rateBps: 1250, upline: [], inactiveUpline: 'skip' }, 'USD'),
    ).toBe('12.5% of sale')
    expect(
      planSummary({ type: 'fixed', amounts: { lead: 5000 }, upline: [], inactiveUpline: 'skip' }, 'USD'),
    ).toBe('$50.00 per lead')
    expect(
      planSummary(
        {
          type: 'tiered',
          basis: 'count',
          tiers: [
            { from: 0, rateBps: 1000 },
            { from: 10, rateBps: 2000 },
          ],
          upline: [{ rateBps: 500 }],
          inactiveUpline: 'skip',
        },
        'USD',
      ),
    ).toBe('10%–20% tiered by monthly sales + 2-tier')
    expect(
      planSummary(
        { type: 'recurring', rateBps: 3000, maxMonths: 12, upline: [], inactiveUpline: 'skip' },
        'USD',
      ),
    ).toBe('30% recurring for 12 months')
    expect(
      planSummary(
        {
          type: 'lifetime',
          rateBps: 500,
          upline: [{ rateBps: 1 }, { rateBps: 1 }, { rateBps: 1 }],
          inactiveUpline: 'skip',
        },
        'USD',
      ),
    ).toBe('5% of sale, lifetime + 3 upline levels')
  })
})

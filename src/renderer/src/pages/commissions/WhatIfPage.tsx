import { useId, useState, type FormEvent } from 'react'
import type { Campaign, MethodOutput } from '../../../../shared/contract'
import type { ErrorIssue } from '../../../../shared/errors'
import { displayMoney } from '../../../../shared/money'
import { api, ApiError, toApiError } from '../../api'
import { ErrorSummary } from '../../forms/ErrorSummary'
import { Field } from '../../forms/Field'
import { issuesToFieldErrors } from '../../forms/fieldErrors'
import { parseWhole } from '../../forms/parse'
import { schemaIssues } from '../../forms/validate'
import { href } from '../../router/routes'
import { formatDate } from '../../ui/format'
import { signedMoney } from '../../ui/money'
import { formToPlan, planToForm, type PlanFormValues } from '../../domain/planForm'
import { planSummary } from '../../domain/planSummary'
import { PlanEditor } from '../../components/PlanEditor'
import { CommissionsHeader } from './CommissionsHeader'
import { DAY_PRESETS, SIM_ORDER_LABEL, sortSimRows, toPlanPaths, type SimOrder } from './simulation'
import { useCampaignOptions } from '../../components/CampaignFilter'

type Simulation = MethodOutput<'commissions.simulate'>

export function WhatIfPage() {
  const campaigns = useCampaignOptions()
  const [campaignId, setCampaignId] = useState('')
  const campaign = campaigns.data?.rows.find((c) => String(c.id) === campaignId) ?? null
  const pickId = useId()
  return (
    <div className="page">
      <CommissionsHeader tab="what-if" />
      <p className="read-only-banner" role="note">
        <strong>Reads only.</strong> The simulator replays a campaign’s past conversions under a plan you edit
        here and shows what it would have paid. Nothing is saved and no commission changes; to adopt a plan,
        edit the campaign.
      </p>
      <ErrorSummary error={campaigns.error} action="Could not load campaigns" />
      <section className="card whatif-pick" aria-label="Campaign">
        <div className="field field-narrow">
          <label htmlFor={pickId} className="field-label">
            Campaign to simulate
          </label>
          <select id={pickId} value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
            <option value="">Choose a campaign…</option>
            {campaigns.data?.rows.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {campaign ? (
          <p className="whatif-current">
            Current plan: <strong>{planSummary(campaign.plan, campaign.currency)}</strong> ·{' '}
            {campaign.currency} · <a href={href.campaign(campaign.id)}>edit the campaign</a>
          </p>
        ) : null}
      </section>
      {campaign ? <Simulator key={campaign.id} campaign={campaign} /> : null}
    </div>
  )
}

function Simulator({ campaign }: { campaign: Campaign }) {
  const [plan, setPlan] = useState<PlanFormValues>(() => planToForm(campaign.plan, campaign.currency))
  const [days, setDays] = useState('90')
  const [error, setError] = useState<ApiError | null>(null)
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<Simulation | null>(null)
  const errors = issuesToFieldErrors(error?.issues ?? [])

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    const built = formToPlan(plan, campaign.currency)
    const issues: ErrorIssue[] = [...built.issues]
    const parsedDays = parseWhole(days, 1, 3660)
    if (!parsedDays.ok) issues.push({ path: 'days', message: parsedDays.message })
    const input = {
      campaignId: campaign.id,
      proposedPlan: built.plan,
      days: parsedDays.ok ? parsedDays.value : 1,
    }
    const converted = new Set(issues.map((i) => i.path))
    const all = [
      ...issues,
      ...toPlanPaths(schemaIssues('commissions.simulate', input)).filter((i) => !converted.has(i.path)),
    ]
    if (all.length) {
      setError(new ApiError('invalid_input', 'Fix the highlighted fields and run again.', all))
      return
    }
    setRunning(true)
    try {
      setResult(await api.call('commissions.simulate', input))
      setError(null)
    } catch (err) {
      const e2 = toApiError(err)
      setError(new ApiError(e2.code, e2.message, toPlanPaths(e2.issues)))
    } finally {
      setRunning(false)
    }
  }

  const placed = Object.keys(errors).filter((p) => p !== 'plan')
  return (
    <div className="whatif-layout">
      <form className="form" onSubmit={onSubmit} noValidate aria-label="What-if simulation">
        <section className="card" aria-labelledby="whatif-plan-heading">
          <h2 id="whatif-plan-heading" className="card-title">
            Proposed plan
          </h2>
          <ErrorSummary
            error={error}
            placedPaths={placed}
            action="Could not run the simulation"
            focusOnShow
          />
          <PlanEditor
            value={plan}
            currency={campaign.currency}
            errors={errors}
            onChange={(update) => setPlan((p) => update(p))}
          />
        </section>
        <div className="form-actions form-actions-sticky whatif-run">
          <Field label="Period (last N days)" error={errors.days}>
            {(p) => (
              <span className="days-input">
                <input
                  {...p}
                  inputMode="numeric"
                  className="input-short"
                  value={days}
                  onChange={(e) => setDays(e.target.value)}
                />
                {DAY_PRESETS.map((d) => (
                  <button
                    key={d}
                    type="button"
                    className={`btn btn-small${days === String(d) ? ' btn-selected' : ''}`}
                    aria-pressed={days === String(d)}
                    onClick={() => setDays(String(d))}
                  >
                    {d}
                    <span className="visually-hidden"> days</span>
                  </button>
                ))}
              </span>
            )}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={running}>
            {running ? 'Simulating…' : 'Run simulation'}
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => setPlan(planToForm(campaign.plan, campaign.currency))}
          >
            Reset plan
          </button>
        </div>
      </form>
      <div className="whatif-result">
        {result ? (
          <SimulationResult result={result} />
        ) : (
          <section className="card card-muted">
            <p className="cell-muted">
              Edit the proposed plan (it starts as the current one), pick a period and run the simulation to
              compare what both plans pay, in total and per affiliate.
            </p>
          </section>
        )}
      </div>
    </div>
  )
}

/** How a change in commission reads: up, down, or `unchanged` (the class for no change). */
const deltaClass = (minor: number, unchanged: string) =>
  minor > 0 ? 'delta-up' : minor < 0 ? 'delta-down' : unchanged

function SimulationResult({ result }: { result: Simulation }) {
  const [order, setOrder] = useState<SimOrder>('change')
  const orderId = useId()
  const { totals, currency } = result
  const rows = sortSimRows(result.rows, order)
  return (
    <section className="card" aria-labelledby="whatif-result-heading" aria-live="polite">
      <h2 id="whatif-result-heading" className="card-title">
        Result: {formatDate(result.from)} – {formatDate(result.to)}
      </h2>
      {currency === null ? (
        <p className="note">
          No conversion in this period paid anything under either plan ({totals.conversions} conversions
          looked at).
        </p>
      ) : (
        <>
          <div className="tiles tiles-3" aria-label={`Totals in ${currency}`}>
            <div className="tile">
              <p className="tile-label">Current plan</p>
              <p className="tile-value money" data-testid="sim-current">
                {displayMoney(totals.currentMinor, currency)}
              </p>
            </div>
            <div className="tile">
              <p className="tile-label">Proposed plan</p>
              <p className="tile-value money" data-testid="sim-proposed">
                {displayMoney(totals.proposedMinor, currency)}
              </p>
            </div>
            <div className="tile">
              <p className="tile-label">Change</p>
              <p className={`tile-value money ${deltaClass(totals.deltaMinor, '')}`} data-testid="sim-delta">
                {signedMoney(totals.deltaMinor, currency)}
              </p>
            </div>
          </div>
          <p className="fieldset-hint">
            {totals.conversions.toLocaleString('en-US')} conversions replayed
            {totals.skipped
              ? `, ${totals.skipped.toLocaleString('en-US')} skipped (rejected or refunded)`
              : ''}
            ; {result.affiliateCount.toLocaleString('en-US')} affiliates earn under either plan. All amounts
            in {currency}.
          </p>
        </>
      )}
      {rows.length > 0 && currency ? (
        <>
          <div className="table-head">
            <h3 className="detail-heading">Per affiliate</h3>
            <div className="toolbar-field toolbar-inline">
              <label htmlFor={orderId}>Order</label>
              <select id={orderId} value={order} onChange={(e) => setOrder(e.target.value as SimOrder)}>
                {(Object.keys(SIM_ORDER_LABEL) as SimOrder[]).map((o) => (
                  <option key={o} value={o}>
                    {SIM_ORDER_LABEL[o]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="table-scroll table-scroll-tall">
            <table className="plain-table">
              <caption className="visually-hidden">Per-affiliate totals, current and proposed plan</caption>
              <thead>
                <tr>
                  <th scope="col">Affiliate</th>
                  <th scope="col" className="num">
                    Current
                  </th>
                  <th scope="col" className="num">
                    Proposed
                  </th>
                  <th scope="col" className="num">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.affiliateId}>
                    <td>
                      <code>{r.affiliateCode}</code>
                    </td>
                    <td className="num money">{displayMoney(r.currentMinor, currency)}</td>
                    <td className="num money">{displayMoney(r.proposedMinor, currency)}</td>
                    <td className={`num money ${deltaClass(r.deltaMinor, 'cell-muted')}`}>
                      {signedMoney(r.deltaMinor, currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.affiliateCount > result.rows.length ? (
            <p className="fieldset-hint">
              Showing the {result.rows.length} biggest changes of {result.affiliateCount} affiliates.
            </p>
          ) : null}
        </>
      ) : null}
      <div className="assumptions">
        <p className="setup-label">What these figures assume</p>
        <ul>
          {result.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </div>
    </section>
  )
}

// Payout runs through the contract: the rules come from payouts/, the files from payouts/files, and
// every write is one store call (one transaction with its audit rows).
import { AppError, invalid, notFound } from '../../shared/errors'
import type { MethodOutput, PayoutTotal } from '../../shared/contract'
import {
  PayoutFileValidationError,
  parseProviderReport,
  renderStatement,
  writePayoutFiles,
  yearlyTotalsCsv,
} from '../payouts/files'
import { decide, moveItem, runComplete, sameTotals, TotalsAccumulator } from '../payouts/rules'
import { itemsMovedByFormat, methodsOfFormat } from '../payouts/export'
import type { PayoutSelection, RunPlan } from '../db/store'
import type { HandlerContext, HandlerGroup } from './types'

type PayoutMethod =
  | 'payouts.preview'
  | 'payouts.commit'
  | 'payouts.cancel'
  | 'payouts.list'
  | 'payouts.get'
  | 'payouts.markItem'
  | 'payouts.importReport'
  | 'payouts.export'
  | 'payouts.affiliate'
  | 'payouts.statement'
  | 'payouts.statementPdf'
  | 'payouts.yearlyTotals'

const itemRules = { move: moveItem, complete: runComplete }

export function payoutHandlers(ctx: HandlerContext): HandlerGroup<PayoutMethod> {
  const { store, actor } = ctx

  const selection = (input: { cutoff: number; affiliateIds?: number[] | undefined }): PayoutSelection => {
    if (input.cutoff > ctx.now())
      throw invalid('The cut-off cannot be in the future', [
        { path: 'cutoff', message: 'Choose a cut-off up to now' },
      ])
    return {
      cutoff: input.cutoff,
      affiliateIds: input.affiliateIds ? [...new Set(input.affiliateIds)].sort((a, b) => a - b) : null,
    }
  }

  const plan = async (expected?: PayoutTotal[]): Promise<RunPlan> => {
    const settings = await store.settings.get()
    const rules = {
      minPayoutMinor: settings.minPayoutMinor,
      minPayoutByCurrency: settings.minPayoutByCurrency,
    }
    return {
      decide: (g) => decide(g, rules),
      accept(proposals) {
        if (!expected) return
        const totals = new TotalsAccumulator()
        for (const p of proposals) totals.add(p.currency, p.method, p.amountMinor)
        if (!sameTotals(totals.result(), expected))
          throw new AppError(
            'conflict',
            'The payable amounts changed since the preview (a line was approved, refunded or paid meanwhile); preview again',
          )
      },
    }
  }

  const detail = async (runId: number) => {
    const d = await store.payouts.get(runId)
    if (!d) throw notFound('Payout run', runId)
    return d
  }

  /** The statement's HTML: the same page whether it is saved as HTML or printed to PDF. */
  const statement = async (itemId: number): Promise<{ html: string; affiliateCode: string }> => {
    const item = await store.payouts.item(itemId)
    if (!item) throw notFound('Payout item', itemId)
    const affiliate = (await store.affiliates.get(item.affiliateId))!
    const run = (await store.payouts.get(item.runId))!.run
    const html = renderStatement({
      program: { name: 'Affiliate program', ownerName: 'Program owner' },
      affiliate: {
        name: affiliate.name,
        code: affiliate.code,
        email: affiliate.paymentEmail ?? affiliate.email,
      },
      itemId,
      runId: item.runId,
      date: run.createdAt,
      currency: item.currency,
      method: item.method,
      lines: await store.payouts.statementLines(itemId),
    })
    return { html, affiliateCode: affiliate.code }
  }

  return {
    'payouts.preview': async (input) => {
      const sel = selection(input)
      const { items, exclusions } = await store.payouts.scan(sel, await plan())
      const totals = new TotalsAccumulator()
      for (const p of items) totals.add(p.currency, p.method, p.amountMinor)
      return {
        cutoff: sel.cutoff,
        affiliateIds: sel.affiliateIds,
        totals: totals.result(),
        items,
        exclusions,
      }
    },
    'payouts.commit': async (input) => {
      const sel = selection(input)
      if (sel.affiliateIds) {
        for (const id of sel.affiliateIds)
          if (!(await store.affiliates.get(id))) throw notFound('Affiliate', id)
      }
      return store.payouts.commit(sel, await plan(input.expectedTotals), actor)
    },
    'payouts.cancel': async ({ runId, reason }) => {
      await store.payouts.cancel(runId, reason ?? null, actor)
      return detail(runId)
    },
    'payouts.list': (q) => store.payouts.list(q),
    'payouts.get': ({ runId }) => detail(runId),
    'payouts.markItem': async ({ itemId, outcome, reason, providerRef }) => {
      const item = await store.payouts.item(itemId)
      if (!item) throw notFound('Payout item', itemId)
      // By hand, saying what the item already is was a mistake to point out, not a no-op.
      if (item.status === outcome)
        throw new AppError('conflict', `Payout item ${itemId} is already ${outcome}`)
      const result = await store.payouts.applyOutcomes(
        [{ itemId, outcome, providerRef: providerRef ?? null, reason, line: 0 }],
        itemRules,
        actor,
      )
      if (result.problems.length) throw new AppError('conflict', result.problems[0]!.message)
      return (await store.payouts.item(itemId))!
    },
    'payouts.importReport': async ({ kind, text, rows, runId }) => {
      if (runId !== undefined) await detail(runId)
      const report = text !== undefined ? parseProviderReport(kind, text) : { rows: rows ?? [], problems: [] }
      const result = await store.payouts.applyOutcomes(
        report.rows.map((r, i) => ({
          itemId: r.itemId,
          outcome: r.outcome,
          providerRef: r.providerRef,
          reason: r.detail ?? `${kind} report`,
          line: i + 1,
        })),
        itemRules,
        actor,
        runId,
      )
      return {
        ...result,
        problems: [...report.problems.map((p) => ({ ...p, itemId: null })), ...result.problems],
      }
    },
    'payouts.export': async ({ runId, format }) => {
      const { run, items } = await store.payouts.fileItems(runId, methodsOfFormat(format))
      const settings = await store.settings.get()
      let files
      try {
        files = writePayoutFiles(format, run, items, {
          decimalStyle: settings.paypalDecimalStyle,
          note: `Commission payout ${new Date(run.cutoff).toISOString().slice(0, 10)}`,
        })
      } catch (err) {
        if (err instanceof PayoutFileValidationError)
          throw invalid(
            err.message,
            err.problems.map((p) => ({ path: `items.${p.itemId}`, message: p.reason })),
          )
        throw err
      }
      if (files.length === 0) throw invalid(`Run ${runId} has no items to pay in the ${format} format`)
      await store.payouts.markExported(runId, itemsMovedByFormat(format, items), format, actor)
      return { files }
    },
    'payouts.affiliate': async ({ affiliateId }) => {
      if (!(await store.affiliates.get(affiliateId))) throw notFound('Affiliate', affiliateId)
      return { items: await store.payouts.affiliateItems(affiliateId) }
    },
    'payouts.statement': async ({ itemId }) => {
      const { html } = await statement(itemId)
      return { fileName: `statement-PI-${itemId}.html`, html }
    },
    'payouts.statementPdf': async ({ itemId }) => {
      const { pdfPrinter, saveFile } = ctx
      if (!pdfPrinter || !saveFile)
        throw new AppError(
          'unsupported',
          "This shell cannot print to PDF: open the HTML statement and use the browser's Print → Save as PDF",
        )
      const { html, affiliateCode } = await statement(itemId)
      const fileName = `statement-${affiliateCode.replace(/[^A-Za-z0-9_-]/g, '_')}-${itemId}.pdf`
      const pdf = await pdfPrinter.print(html)
      const saved = await saveFile({ name: fileName, mediaType: 'application/pdf', content: pdf })
      return { fileName, ...saved }
    },
    'payouts.yearlyTotals': async ({ year }) => {
      const from = Date.UTC(year, 0, 1)
      const to = Date.UTC(year + 1, 0, 1)
      const paid = await store.payouts.paidItems(from, to)
      const threshold = (await store.settings.get()).taxThresholdMinor
      const file = yearlyTotalsCsv(year, paid, threshold)
      const rows = new Map<string, MethodOutput<'payouts.yearlyTotals'>['rows'][number]>()
      for (const p of paid) {
        const key = `${p.affiliateId}\u0000${p.currency}`
        const row = rows.get(key)
        if (row) {
          row.totalMinor += p.amountMinor
          row.items++
        } else
          rows.set(key, {
            affiliateId: p.affiliateId,
            affiliateCode: p.affiliateCode,
            affiliateName: p.name,
            currency: p.currency,
            totalMinor: p.amountMinor,
            items: 1,
            overThreshold: false,
          })
      }
      // The threshold is in USD (the US 1099 limit); other currencies are listed, not flagged.
      for (const r of rows.values()) r.overThreshold = r.currency === 'USD' && r.totalMinor >= threshold
      return { fileName: file.name, csv: file.content, thresholdMinor: threshold, rows: [...rows.values()] }
    },
  }
}

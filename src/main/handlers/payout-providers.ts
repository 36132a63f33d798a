// Provider credentials and API sending through the contract. Credentials are opened only here, for
// the one call that needs them, and never returned, logged or audited.
import { AppError, conflict, invalid, notFound } from '../../shared/errors'
import { PAYOUT_PROVIDERS, type PayoutProvider } from '../../shared/domain'
import type { PayoutProviderStatus } from '../../shared/contract'
import { PayoutFileValidationError } from '../payouts/files'
import { baseUrl } from '../payouts/providers/endpoints'
import { ProviderHttpError, ProviderUnreachable } from '../payouts/providers/http'
import { createPaypalClient, type PaypalCredentials } from '../payouts/providers/paypal'
import { createWiseClient, type WiseCredentials } from '../payouts/providers/wise'
import {
  pollPaypal,
  pollWise,
  sendable,
  sendPaypal,
  sendWise,
  type OutcomeRow,
  type SendLedger,
} from '../payouts/providers/send'
import { moveItem, runComplete } from '../payouts/rules'
import type { PayoutProviderAccount } from '../db/store'
import type { HandlerContext, HandlerGroup } from './types'

type Method = 'payouts.providers.get' | 'payouts.providers.update' | 'payouts.send' | 'payouts.refresh'

const NAMES: Record<PayoutProvider, string> = { paypal: 'PayPal', wise: 'Wise' }

export function payoutProviderHandlers(ctx: HandlerContext): HandlerGroup<Method> {
  const { store, actor } = ctx
  const endpoints = ctx.payoutApi?.endpoints ?? {}
  const http = ctx.payoutApi?.http ?? {}

  const status = (a: PayoutProviderAccount): PayoutProviderStatus => ({
    provider: a.provider,
    configured: a.configured,
    readable: a.readable,
    sandbox: a.sandbox,
    baseUrl: baseUrl(a.provider, a.sandbox, endpoints),
    updatedAt: a.updatedAt,
  })

  const usable = async (provider: PayoutProvider) => {
    const a = await store.payoutProviders.account(provider)
    if (!a.configured)
      throw invalid(`Enter the ${NAMES[provider]} API credentials under Payout providers first`)
    if (a.credentials === null)
      throw invalid(
        `The ${NAMES[provider]} credentials were sealed with another machine's key (a restore without its key); enter them again`,
      )
    return { account: a, url: baseUrl(provider, a.sandbox, endpoints) }
  }
  const paypalClient = async () => {
    const { account, url } = await usable('paypal')
    return createPaypalClient(url, JSON.parse(account.credentials!) as PaypalCredentials, http)
  }
  const wiseClient = async () => {
    const { account, url } = await usable('wise')
    return createWiseClient(url, JSON.parse(account.credentials!) as WiseCredentials, http)
  }

  const ledger: SendLedger = {
    sends: (runId) => store.payoutProviders.sends(runId),
    record: (send, audit) => store.payoutProviders.recordSend(send, audit, actor),
    markProcessing: (runId, itemIds, via) => store.payouts.markExported(runId, itemIds, via, actor),
    // The report import's own call: one path for moves, line releases and repeats.
    applyOutcomes: (runId, rows: OutcomeRow[]) =>
      store.payouts.applyOutcomes(
        rows.map((r, i) => ({ ...r, line: i + 1 })),
        { move: moveItem, complete: runComplete },
        actor,
        runId,
      ),
  }

  /** Provider errors as finance should read them; nothing about the credentials themselves. */
  const explain = (provider: PayoutProvider, sandbox: boolean, err: unknown): never => {
    if (err instanceof ProviderHttpError && err.auth)
      throw invalid(
        `${NAMES[provider]} refused the credentials (${err.status}). Check them and the sandbox switch (now ${sandbox ? 'sandbox' : 'live'}); nothing was sent.`,
      )
    if (err instanceof ProviderUnreachable) throw new AppError('unavailable', err.message)
    if (err instanceof ProviderHttpError) throw new AppError('conflict', err.message)
    if (err instanceof PayoutFileValidationError)
      throw invalid(
        err.message,
        err.problems.map((p) => ({ path: `items.${p.itemId}`, message: p.reason })),
      )
    throw err
  }

  return {
    'payouts.providers.get': async () => ({
      providers: await Promise.all(
        PAYOUT_PROVIDERS.map(async (p) => status(await store.payoutProviders.account(p))),
      ),
    }),
    'payouts.providers.update': async (input) => {
      if (input.clear && input.credentials) throw invalid('Either enter credentials or clear them, not both')
      await store.payoutProviders.update(
        input.provider,
        {
          ...(input.sandbox === undefined ? {} : { sandbox: input.sandbox }),
          ...(input.clear ? { credentials: null } : {}),
          ...(input.credentials ? { credentials: JSON.stringify(input.credentials) } : {}),
        },
        actor,
      )
      return status(await store.payoutProviders.account(input.provider))
    },
    'payouts.send': async ({ runId, provider }) => {
      const detail = await store.payouts.get(runId)
      if (!detail) throw notFound('Payout run', runId)
      if (detail.run.status === 'cancelled') throw conflict(`Payout run ${runId} is cancelled`)
      const { account } = await usable(provider)
      const { run, items } = await store.payouts.fileItems(runId)
      const statusOf = new Map(detail.items.map((i) => [i.id, i.status]))
      const chosen = sendable(
        provider,
        items.map((i) => ({ ...i, status: statusOf.get(i.itemId) ?? 'pending' })),
        await store.payoutProviders.sends(runId),
      )
      try {
        const result =
          provider === 'paypal'
            ? await sendPaypal(
                run,
                chosen.items,
                await paypalClient(),
                ledger,
                `Commission payout ${new Date(run.cutoff).toISOString().slice(0, 10)}`,
              )
            : await sendWise(run, chosen.items, await wiseClient(), ledger)
        return { ...result, skipped: chosen.skipped }
      } catch (err) {
        return explain(provider, account.sandbox, err)
      }
    },
    'payouts.refresh': async ({ runId }) => {
      if (!(await store.payouts.get(runId))) throw notFound('Payout run', runId)
      const sends = await store.payoutProviders.sends(runId)
      const rows: OutcomeRow[] = []
      for (const provider of PAYOUT_PROVIDERS) {
        if (!sends.some((s) => s.provider === provider && s.remoteId)) continue
        const { account } = await usable(provider)
        try {
          rows.push(
            ...(provider === 'paypal'
              ? await pollPaypal(sends, await paypalClient(), ledger)
              : await pollWise(sends, await wiseClient(), ledger)),
          )
        } catch (err) {
          explain(provider, account.sandbox, err)
        }
      }
      const result = await ledger.applyOutcomes(runId, rows)
      return { applied: result.applied, unchanged: result.unchanged, problems: result.problems }
    },
  }
}

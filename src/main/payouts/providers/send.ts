// Sending a committed run's items through a provider's API, and reading back what became of them.
// Pure orchestration over a small port (the handler wires it to the store), so the rules — which
// items may go, which key each send uses, what a repeat answer means — are here and nowhere else.
import type { PayoutProvider } from '../../../shared/domain'
import { itemRef, parseItemRef, type PayoutFileItem, type PayoutRunInfo } from '../files'
import { mapStatus } from '../files/report'
import { writePaypalJson, type PaypalBatch } from '../files/paypal-json'
import { amountCell } from '../files/cells'
import { ProviderHttpError } from './http'
import { wiseCustomerTransactionId } from './keys'
import type { PaypalClient } from './paypal'
import type { WiseClient } from './wise'
import { wiseRecipient } from './wise-recipient'

/** One send under one idempotency key (PayPal: a batch; Wise: one item's transfer). */
export interface SendRecord {
  runId: number
  provider: PayoutProvider
  itemId: number | null
  idempotencyKey: string
  remoteId: string | null
  /** requested (asked, answer unknown) → created (Wise transfer exists) → sent → or error / rejected. */
  stage: 'requested' | 'created' | 'sent' | 'duplicate' | 'rejected' | 'error'
  remoteStatus: string | null
  itemIds: number[]
}

export interface OutcomeRow {
  itemId: number
  outcome: 'paid' | 'failed' | 'unclaimed' | 'returned' | 'pending'
  providerRef: string | null
  reason: string
}

/** What sending needs from the books. Each write is one transaction with its audit row. */
export interface SendLedger {
  sends(runId: number): Promise<SendRecord[]>
  /** Upserts by (provider, key); `audit` names the audit action, or null for a silent status note. */
  record(send: SendRecord, audit: string | null): Promise<void>
  /** The items went to the provider: pending → processing (the export path). */
  markProcessing(runId: number, itemIds: number[], via: string): Promise<void>
  /** The report import's path: same moves, same line releases, same idempotency. */
  applyOutcomes(
    runId: number,
    rows: OutcomeRow[],
  ): Promise<{ applied: number; unchanged: number; problems: { itemId: number | null; message: string }[] }>
}

export interface SendSummary {
  provider: PayoutProvider
  /** Items handed to the provider by this call. */
  sent: number
  /** Items the provider already had under the same key (a repeat send pays nothing again). */
  alreadySent: number
  /** Items of the run this provider pays that were left alone, and why. */
  skipped: { itemId: number; message: string }[]
  problems: { itemId: number | null; message: string }[]
}

export const PROVIDER_METHODS: Record<PayoutProvider, readonly string[]> = {
  paypal: ['paypal'],
  wise: ['wise', 'bank'],
}

/**
 * Items this provider may be sent: pending ones, plus those an earlier API send of this provider
 * already covers (a retry). An item already processing because a file went out is never sent by
 * API too — that would pay it twice.
 */
export function sendable(
  provider: PayoutProvider,
  items: readonly (PayoutFileItem & { status: string })[],
  sends: readonly SendRecord[],
): { items: PayoutFileItem[]; skipped: SendSummary['skipped'] } {
  const covered = new Set(sends.filter((s) => s.provider === provider).flatMap((s) => s.itemIds))
  const out: PayoutFileItem[] = []
  const skipped: SendSummary['skipped'] = []
  for (const i of items) {
    if (!PROVIDER_METHODS[provider].includes(i.method)) continue
    if (i.status === 'pending' || covered.has(i.itemId)) out.push(i)
    else if (i.status === 'processing')
      skipped.push({
        itemId: i.itemId,
        message: `${itemRef(i.itemId)} already went out in a file; not sent again`,
      })
  }
  return { items: out, skipped }
}

const authError = (err: unknown): err is ProviderHttpError => err instanceof ProviderHttpError && err.auth
const message = (err: unknown) => (err instanceof Error ? err.message : String(err))

export async function sendPaypal(
  run: PayoutRunInfo,
  items: PayoutFileItem[],
  client: PaypalClient,
  ledger: SendLedger,
  note: string,
): Promise<Omit<SendSummary, 'skipped'>> {
  const summary = {
    provider: 'paypal' as const,
    sent: 0,
    alreadySent: 0,
    problems: [] as SendSummary['problems'],
  }
  // The same batches the JSON file holds: same split, same sender_batch_id, same validation.
  const files = writePaypalJson(run, items, { decimalStyle: 'dot', note })
  if (files.length === 0) return summary
  await client.accessToken() // bad credentials stop here, before anything is written
  const previous = new Map(
    (await ledger.sends(run.runId)).filter((s) => s.provider === 'paypal').map((s) => [s.idempotencyKey, s]),
  )
  for (const file of files) {
    const batch = JSON.parse(file.content) as PaypalBatch
    const key = batch.sender_batch_header.sender_batch_id
    const itemIds = batch.items.map((i) => parseItemRef(i.sender_item_id)!)
    const before = previous.get(key)
    const rec = (
      stage: SendRecord['stage'],
      remoteId: string | null,
      remoteStatus: string | null,
    ): SendRecord => ({
      runId: run.runId,
      provider: 'paypal',
      itemId: null,
      idempotencyKey: key,
      remoteId: remoteId ?? before?.remoteId ?? null,
      stage,
      remoteStatus,
      itemIds: [...new Set([...(before?.itemIds ?? []), ...itemIds])],
    })
    if (before && (before.stage === 'sent' || before.stage === 'duplicate')) {
      summary.alreadySent += itemIds.length
      await ledger.markProcessing(run.runId, itemIds, 'paypal-api')
      continue
    }
    await ledger.record(rec('requested', null, null), 'payout.api.send')
    try {
      const r = await client.createBatch(batch)
      if (r.kind === 'created') {
        await ledger.record(rec('sent', r.payoutBatchId, r.batchStatus), 'payout.api.sent')
        summary.sent += itemIds.length
      } else {
        await ledger.record(rec('duplicate', r.payoutBatchId, 'DUPLICATE'), 'payout.api.duplicate')
        summary.alreadySent += itemIds.length
      }
      await ledger.markProcessing(run.runId, itemIds, 'paypal-api')
    } catch (err) {
      await ledger.record(rec('error', null, message(err).slice(0, 500)), 'payout.api.error')
      if (authError(err)) throw err
      summary.problems.push({ itemId: null, message: `${key}: ${message(err)}` })
    }
  }
  return summary
}

export async function sendWise(
  run: PayoutRunInfo,
  items: PayoutFileItem[],
  client: WiseClient,
  ledger: SendLedger,
): Promise<Omit<SendSummary, 'skipped'>> {
  const summary = {
    provider: 'wise' as const,
    sent: 0,
    alreadySent: 0,
    problems: [] as SendSummary['problems'],
  }
  if (items.length === 0) return summary
  await client.checkProfile() // bad token or profile stops here, before anything is written
  const previous = new Map(
    (await ledger.sends(run.runId)).filter((s) => s.provider === 'wise').map((s) => [s.idempotencyKey, s]),
  )
  for (const item of items) {
    const key = wiseCustomerTransactionId(run.runId, run.createdAt, item.itemId)
    let before = previous.get(key)
    const rec = (
      stage: SendRecord['stage'],
      remoteId: string | null,
      remoteStatus: string | null,
    ): SendRecord => ({
      runId: run.runId,
      provider: 'wise',
      itemId: item.itemId,
      idempotencyKey: key,
      remoteId: remoteId ?? before?.remoteId ?? null,
      stage,
      remoteStatus,
      itemIds: [item.itemId],
    })
    if (before?.stage === 'sent') {
      summary.alreadySent++
      await ledger.markProcessing(run.runId, [item.itemId], 'wise-api')
      continue
    }
    try {
      let transferId = before?.remoteId ?? null
      if (!transferId) {
        await ledger.record(rec('requested', null, null), 'payout.api.send')
        const quote = await client.createQuote(item.currency, amountCell(item.amountMinor, item.currency))
        const account = await client.createRecipient(
          wiseRecipient(item),
          `the recipient of ${itemRef(item.itemId)}`,
        )
        // A repeat customerTransactionId returns the transfer Wise already made for this item.
        const transfer = await client.createTransfer({
          targetAccount: account,
          quoteUuid: quote,
          customerTransactionId: key,
          reference: itemRef(item.itemId),
        })
        transferId = String(transfer.id)
        const created = rec('created', transferId, transfer.status)
        await ledger.record(created, 'payout.api.transfer')
        before = created
      }
      const funded = await client.fund(Number(transferId))
      if (funded.kind === 'funded') {
        await ledger.record(rec('sent', transferId, 'funded'), 'payout.api.sent')
        await ledger.markProcessing(run.runId, [item.itemId], 'wise-api')
        summary.sent++
      } else {
        await ledger.record(rec('rejected', transferId, funded.reason), 'payout.api.rejected')
        summary.problems.push({
          itemId: item.itemId,
          message: `Wise did not fund ${itemRef(item.itemId)}: ${funded.reason}`,
        })
      }
    } catch (err) {
      await ledger.record(rec('error', null, message(err).slice(0, 500)), 'payout.api.error')
      if (authError(err)) throw err
      summary.problems.push({ itemId: item.itemId, message: message(err) })
    }
  }
  return summary
}

/** Provider statuses of what was sent, as report rows for the import path. */
export async function pollPaypal(
  sends: readonly SendRecord[],
  client: PaypalClient,
  ledger: SendLedger,
): Promise<OutcomeRow[]> {
  const rows: OutcomeRow[] = []
  for (const s of sends) {
    if (s.provider !== 'paypal' || !s.remoteId) continue
    const batch = await client.getBatch(s.remoteId)
    if (batch.batchStatus !== s.remoteStatus)
      await ledger.record({ ...s, remoteStatus: batch.batchStatus }, null)
    for (const i of batch.items) {
      const itemId = parseItemRef(i.senderItemId)
      if (itemId === null) continue
      rows.push({
        itemId,
        outcome: mapStatus('paypal', i.transactionStatus) ?? 'pending',
        providerRef: i.transactionId ?? i.payoutItemId,
        reason: `PayPal API: ${i.transactionStatus}${i.error ? ` (${i.error})` : ''}`,
      })
    }
  }
  return rows
}

export async function pollWise(
  sends: readonly SendRecord[],
  client: WiseClient,
  ledger: SendLedger,
): Promise<OutcomeRow[]> {
  const rows: OutcomeRow[] = []
  for (const s of sends) {
    if (s.provider !== 'wise' || s.stage !== 'sent' || !s.remoteId || s.itemId === null) continue
    const t = await client.getTransfer(Number(s.remoteId))
    if (t.status !== s.remoteStatus) await ledger.record({ ...s, remoteStatus: t.status }, null)
    rows.push({
      itemId: s.itemId,
      outcome: mapStatus('wise', t.status) ?? 'pending',
      providerRef: s.remoteId,
      reason: `Wise API: ${t.status}`,
    })
  }
  return rows
}

// Idempotency keys that are the same on every retry and every re-send of a run, so a provider that
// already acted on one answers with what it did instead of paying again.
import { createHash } from 'node:crypto'

/** Fixed namespace for Affiliate Desk's Wise keys (a random v4 UUID chosen once; never change it). */
export const WISE_NAMESPACE = '6f1c2a8e-4b7d-4e0a-9a35-2d1f6c8b7e90'

/** RFC 4122 name-based UUID, version 5: SHA-1 of the namespace's 16 bytes + the name, version and variant bits set. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest()
  h[6] = (h[6]! & 0x0f) | 0x50
  h[8] = (h[8]! & 0x3f) | 0x80
  const hex = h.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The customerTransactionId of one payout item's Wise transfer. The name holds the run's creation
 * instant besides the run and item ids, so a database started afresh (ids from 1 again) never
 * reuses a key Wise has already seen for another payment.
 */
export function wiseCustomerTransactionId(runId: number, runCreatedAt: number, itemId: number): string {
  return uuidV5(WISE_NAMESPACE, `affiliate-desk:payout-item:${runId}:${runCreatedAt}:${itemId}`)
}

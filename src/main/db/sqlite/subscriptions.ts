// Which subscription a recurring campaign's sale or renewal belongs to: its customer, or its click
// when the sender names no customer. Stored on the conversion (subscription_key) so counting a
// subscription's periods reads one small partial index. The prefixes keep a customer id that
// happens to look like a click id from joining someone else's subscription.
import { sql } from 'drizzle-orm'
import type { Drizzle } from '../open'

export function subscriptionKey(customerKey: string | null, clickId: string | null): string | null {
  if (customerKey !== null) return `c:${customerKey}`
  return clickId !== null ? `k:${clickId}` : null
}

/** The same rule in SQL, for rows written before their campaign's plan became recurring. */
const KEY_SQL = `CASE WHEN customer_key IS NOT NULL THEN 'c:' || customer_key
                      WHEN click_id IS NOT NULL THEN 'k:' || click_id END`

/**
 * Gives a campaign's earlier sales and renewals their subscription keys, so a campaign switched to a
 * recurring plan counts the periods its customers already paid. Runs once per switch (it reads
 * every conversion of the campaign).
 */
export function keySubscriptions(db: Pick<Drizzle, 'run'>, campaignId: number): number {
  return db.run(
    sql`UPDATE conversions SET subscription_key = ${sql.raw(KEY_SQL)}
         WHERE campaign_id = ${campaignId} AND subscription_key IS NULL AND event_type IN ('sale','recurring')`,
  ).changes
}

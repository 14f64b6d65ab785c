/**
 * The delivery log in PostgreSQL: which messages reached which target. It is what makes
 * notifyPeople idempotent: a delivery recorded as delivered is never sent again under the same key.
 */
import type { Pool } from 'pg';
import type { NotifyTarget } from '../../domain/notifications/audience.js';

export interface DeliveryKey {
  campaignId: string;
  notificationKey: string;
  personId: string;
  targetIndex: number;
}

/** `person:targetIndex` of every delivery already made under this key. */
export async function deliveredTargets(pool: Pool, campaignId: string, notificationKey: string): Promise<Set<string>> {
  const { rows } = await pool.query<{ person_id: string; target_index: number }>(
    `SELECT person_id, target_index FROM notification_deliveries
     WHERE campaign_id = $1 AND notification_key = $2 AND status = 'delivered'`,
    [campaignId, notificationKey],
  );
  return new Set(rows.map((r) => targetSlot(r.person_id, r.target_index)));
}

export function targetSlot(personId: string, targetIndex: number): string {
  return `${personId}:${targetIndex}`;
}

export async function recordDelivered(pool: Pool, key: DeliveryKey, kind: NotifyTarget['kind'], attempts: number): Promise<void> {
  await pool.query(
    `INSERT INTO notification_deliveries
       (campaign_id, notification_key, person_id, target_index, kind, status, attempts, delivered_at)
     VALUES ($1, $2, $3, $4, $5, 'delivered', $6, now())
     ON CONFLICT (campaign_id, notification_key, person_id, target_index) DO UPDATE
       SET status = 'delivered', attempts = notification_deliveries.attempts + EXCLUDED.attempts,
           last_error = NULL, delivered_at = now(), updated_at = now()`,
    [key.campaignId, key.notificationKey, key.personId, key.targetIndex, kind, attempts],
  );
}

/** Never turns a delivered row back into a failure (a slower, concurrent attempt may lose later). */
export async function recordFailed(pool: Pool, key: DeliveryKey, kind: NotifyTarget['kind'], attempts: number, error: string): Promise<void> {
  await pool.query(
    `INSERT INTO notification_deliveries
       (campaign_id, notification_key, person_id, target_index, kind, status, attempts, last_error)
     VALUES ($1, $2, $3, $4, $5, 'failed', $6, $7)
     ON CONFLICT (campaign_id, notification_key, person_id, target_index) DO UPDATE
       SET attempts = notification_deliveries.attempts + EXCLUDED.attempts,
           last_error = EXCLUDED.last_error, updated_at = now()
       WHERE notification_deliveries.status <> 'delivered'`,
    [key.campaignId, key.notificationKey, key.personId, key.targetIndex, kind, attempts, error],
  );
}

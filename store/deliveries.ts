/**
 * The delivery log of notifications: which message reached which target. It is what makes
 * notifyPeople idempotent: a delivery recorded as delivered is never sent again under the same key.
 */
import type { Queryable } from './db.js';

export interface DeliveryKey {
  campaignId: string;
  notificationKey: string;
  personId: string;
  targetIndex: number;
}

export interface DeliveryRecords {
  /** `person:targetIndex` (`targetSlot`) of every delivery already made under this key. */
  delivered(campaignId: string, notificationKey: string): Promise<Set<string>>;
  recordDelivered(key: DeliveryKey, kind: string, attempts: number): Promise<void>;
  /** Never turns a delivered row back into a failure (a slower, concurrent attempt may lose later). */
  recordFailed(key: DeliveryKey, kind: string, attempts: number, error: string): Promise<void>;
}

export function targetSlot(personId: string, targetIndex: number): string {
  return `${personId}:${targetIndex}`;
}

export function deliveryRecords(db: Queryable): DeliveryRecords {
  return {
    async delivered(campaignId, notificationKey) {
      const { rows } = await db.query<{ person_id: string; target_index: number }>(
        `SELECT person_id, target_index FROM notification_deliveries
         WHERE campaign_id = $1 AND notification_key = $2 AND status = 'delivered'`,
        [campaignId, notificationKey],
      );
      return new Set(rows.map((r) => targetSlot(r.person_id, r.target_index)));
    },

    async recordDelivered(key, kind, attempts) {
      await db.query(
        `INSERT INTO notification_deliveries
           (campaign_id, notification_key, person_id, target_index, kind, status, attempts, delivered_at)
         VALUES ($1, $2, $3, $4, $5, 'delivered', $6, now())
         ON CONFLICT (campaign_id, notification_key, person_id, target_index) DO UPDATE
           SET status = 'delivered', attempts = notification_deliveries.attempts + EXCLUDED.attempts,
               last_error = NULL, delivered_at = now(), updated_at = now()`,
        [key.campaignId, key.notificationKey, key.personId, key.targetIndex, kind, attempts],
      );
    },

    async recordFailed(key, kind, attempts, error) {
      await db.query(
        `INSERT INTO notification_deliveries
           (campaign_id, notification_key, person_id, target_index, kind, status, attempts, last_error)
         VALUES ($1, $2, $3, $4, $5, 'failed', $6, $7)
         ON CONFLICT (campaign_id, notification_key, person_id, target_index) DO UPDATE
           SET attempts = notification_deliveries.attempts + EXCLUDED.attempts,
               last_error = EXCLUDED.last_error, updated_at = now()
           WHERE notification_deliveries.status <> 'delivered'`,
        [key.campaignId, key.notificationKey, key.personId, key.targetIndex, kind, attempts, error],
      );
    },
  };
}

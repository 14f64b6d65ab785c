/** The audit trail of a campaign from the records store: decisions and every other preparation event. */
import type { Pool } from 'pg';
import { createStore, type AuditEntry } from '../store/index.js';

export type { AuditEntry } from '../store/index.js';

export async function auditTrail(pool: Pool, campaignId: string): Promise<AuditEntry[]> {
  return createStore(pool).audit.trail(campaignId);
}

export async function campaignExists(pool: Pool, campaignId: string): Promise<boolean> {
  return createStore(pool).campaigns.exists(campaignId);
}

/**
 * Advisory locks on a campaign: one process at a time does something to a campaign that must not
 * run twice at once (a repair). The lock is a PostgreSQL session lock held on one pooled
 * connection for the duration of the work; it goes with the connection, so a process that dies
 * (or loses its connection) never leaves a campaign locked.
 */
import type { Pool } from 'pg';

export type Locked<T> = { locked: true; value: T } | { locked: false };

export interface LockRecords {
  /** Runs `work` holding the campaign's lock for `purpose`; `{ locked: false }` when another holds it. */
  withCampaignLock<T>(campaignId: string, purpose: string, work: () => Promise<T>): Promise<Locked<T>>;
}

export function lockRecords(pool: Pool): LockRecords {
  return {
    async withCampaignLock(campaignId, purpose, work) {
      const client = await pool.connect();
      const key = `${purpose}:${campaignId}`;
      let held = false;
      try {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [key]);
        held = rows[0]?.locked === true;
        if (!held) return { locked: false };
        return { locked: true, value: await work() };
      } finally {
        if (held) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => undefined);
        client.release();
      }
    },
  };
}

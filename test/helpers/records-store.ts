/**
 * The records store on the test database, for one test file: a pool opened before the file's
 * tests and closed after them, and campaign rows as the workflow registers them.
 */
import type { Pool } from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createPool } from '../../platform/database.js';
import { createStore, type RecordsStore } from '../../store/index.js';
import { uniqueCampaignId } from './plans.js';

export interface RecordsTestEnv {
  readonly pool: Pool;
  readonly store: RecordsStore;
}

/** Call at the top of a test file; the fields are there once the file's tests run. */
export function recordsStoreForTests(opts: { maxConnections?: number } = {}): RecordsTestEnv {
  const env = {} as { pool: Pool; store: RecordsStore };
  beforeAll(() => {
    env.pool = createPool(inject('databaseUrl'), { max: opts.maxConnections ?? 2 });
    env.store = createStore(env.pool);
  });
  afterAll(() => env.pool?.end());
  return env;
}

/** A campaign row with a new id (from `prefix`) and the given plan; `startedAt` defaults to now. */
export async function insertCampaign(
  pool: Pool, prefix: string, opts: { plan?: Record<string, unknown>; name?: string; startedAt?: string } = {},
): Promise<string> {
  const id = uniqueCampaignId(prefix);
  await pool.query(
    `INSERT INTO campaigns (id, name, owner, plan, started_at) VALUES ($1, $2, 'li.na', $3, COALESCE($4::timestamptz, now()))`,
    [id, opts.name ?? '春茶', JSON.stringify({ id, ...opts.plan }), opts.startedAt ?? null],
  );
  return id;
}

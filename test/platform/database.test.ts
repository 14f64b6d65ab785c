import type pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, resolveDatabase, type DbLog } from '../../platform/database.js';
import { createFreshTestDatabase, type TestDatabase } from '../../store/databases.js';
import { migrateDatabase } from '../../store/migrations.js';

const silent = pino({ level: 'silent' });

/** A log that says when the first warning arrives. */
function recordingLog(): DbLog & { warnings: string[]; firstWarning: Promise<void> } {
  const warnings: string[] = [];
  let warned: () => void = () => {};
  const firstWarning = new Promise<void>((resolve) => { warned = resolve; });
  const ignore = () => {};
  return {
    warnings, firstWarning, debug: ignore, info: ignore, error: ignore,
    warn: (_obj: object, msg?: string) => {
      warnings.push(msg ?? '');
      warned();
    },
  };
}

describe('database pools', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createFreshTestDatabase();
    await migrateDatabase(db.url, silent);
    pool = createPool(db.url, { log: silent });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('returns money and counts as numbers', async () => {
    await pool.query("INSERT INTO campaigns (id, name, owner, plan) VALUES ('c-num', 'Spring', 'li.na', '{}')");
    await pool.query(
      `INSERT INTO metric_observations (campaign_id, channel_id, day, source, record_id, impressions, spend)
       VALUES ('c-num', 'weibo', 3, 'sandbox', 'r-1', 9007199254740, 1234.56)`,
    );

    const { rows } = await pool.query('SELECT impressions, spend, revenue FROM metric_observations');

    expect(rows).toEqual([{ impressions: 9007199254740, spend: 1234.56, revenue: 0 }]);
  });

  it('names its connections and survives losing an idle one', async () => {
    const log = recordingLog();
    const watched = createPool(db.url, { log });
    try {
      const { rows } = await watched.query<{ app: string; pid: number }>(
        "SELECT current_setting('application_name') AS app, pg_backend_pid() AS pid",
      );
      expect(rows[0]?.app).toBe('campaign-engine');

      await pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await log.firstWarning;

      expect(log.warnings).toEqual(['idle PostgreSQL connection lost']);
      const again = await watched.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      await watched.end();
    }
  });

  it('uses an explicitly configured database as given, creating nothing', async () => {
    const created: string[] = [];
    const resolved = await resolveDatabase({
      databaseUrl: db.url, dataDir: '/nonexistent', log: silent,
      createDatabase: async (_adminUrl, name) => { created.push(name); return true; },
    });

    expect(resolved).toMatchObject({ url: db.url, embedded: false, maxConnections: undefined });
    expect(created).toEqual([]);
    await resolved.stop();
  });
});

import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMigrations } from '../helpers/migrations.js';
import {
  LOCAL_ADMIN_URL,
  createFreshTestDatabase,
  createPool,
  migrateDatabase,
  resolveDatabase,
  type DbLog,
  type TestDatabase,
} from '../../workers/database.js';

const RECORD_TABLES = ['campaigns', 'channel_effects', 'closings', 'gate_decisions', 'metric_observations', 'reviews'];
const silent = pino({ level: 'silent' });

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client(LOCAL_ADMIN_URL);
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await admin.end();
  }
}

function recordingLog(): DbLog & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = () => {};
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (_obj, msg) => warnings.push(msg ?? '') };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('database', () => {
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

  it('creates a fresh database with a unique name and drops it even while connected', async () => {
    const fresh = await createFreshTestDatabase();
    expect(fresh.name).toMatch(/^campaign_test_\d+_[0-9a-f]+$/);
    expect(await databaseExists(fresh.name)).toBe(true);
    const lingering = new pg.Client(fresh.url);
    lingering.on('error', () => {});
    await lingering.connect();

    await fresh.drop();

    expect(await databaseExists(fresh.name)).toBe(false);
  });

  it('applies every migration once, creating the record tables', async () => {
    const fresh = await createFreshTestDatabase();
    try {
      expect(await migrateDatabase(fresh.url)).toEqual(allMigrations());
      expect(await migrateDatabase(fresh.url)).toEqual([]);

      const client = new pg.Client(fresh.url);
      await client.connect();
      const { rows } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      await client.end();
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining([...RECORD_TABLES, 'pgmigrations']));
    } finally {
      await fresh.drop();
    }
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
      await waitFor(() => log.warnings.length > 0);

      expect(log.warnings).toEqual(['idle PostgreSQL connection lost']);
      const again = await watched.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      await watched.end();
    }
  });

  it('uses an explicitly configured database as given', async () => {
    const resolved = await resolveDatabase({ databaseUrl: db.url, dataDir: '/nonexistent', allowEmbedded: false, log: silent });

    expect(resolved).toMatchObject({ url: db.url, embedded: false, maxConnections: undefined });
    await resolved.stop();
  });

  it('falls back to the local server with a development database', async () => {
    const resolved = await resolveDatabase({ dataDir: '/nonexistent', allowEmbedded: false, log: silent });

    expect(resolved).toMatchObject({ url: 'postgres://postgres@127.0.0.1:5432/campaign_dev', embedded: false });
    expect(await databaseExists('campaign_dev')).toBe(true);
    await resolved.stop();
  });
});

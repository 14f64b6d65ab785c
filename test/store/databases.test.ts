import pg from 'pg';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../helpers/migrations.js';
import { LOCAL_ADMIN_URL } from '../../platform/database.js';
import {
  createFreshTestDatabase, databaseExists, resolveRecordsDatabase, terminateEngineConnections,
} from '../../store/databases.js';
import { migrateDatabase } from '../../store/migrations.js';

const RECORD_TABLES = ['campaigns', 'channel_effects', 'closings', 'gate_decisions', 'metric_observations', 'reviews'];
const silent = pino({ level: 'silent' });

describe('databases', () => {
  it('creates a fresh database with a unique name and drops it even while connected', async () => {
    const fresh = await createFreshTestDatabase();
    expect(fresh.name).toMatch(/^campaign_test_\d+_[0-9a-f]+$/);
    expect(await databaseExists(LOCAL_ADMIN_URL, fresh.name)).toBe(true);
    const lingering = new pg.Client(fresh.url);
    lingering.on('error', () => {});
    await lingering.connect();

    await fresh.drop();

    expect(await databaseExists(LOCAL_ADMIN_URL, fresh.name)).toBe(false);
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

  it("cuts the engine's connections and no one else's", async () => {
    const fresh = await createFreshTestDatabase();
    const engine = new pg.Client({ connectionString: fresh.url, application_name: 'campaign-engine' });
    const bystander = new pg.Client({ connectionString: fresh.url, application_name: 'bystander' });
    const lost = new Promise<Error>((resolve) => engine.on('error', resolve));
    try {
      await engine.connect();
      await bystander.connect();

      expect(await terminateEngineConnections(LOCAL_ADMIN_URL, fresh.name, 'test-harness')).toBe(1);

      expect((await lost).message).toMatch(/terminat/i);
      expect((await bystander.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await bystander.end();
      await fresh.drop();
    }
  });

  it('falls back to the local server with a development database', async () => {
    const resolved = await resolveRecordsDatabase({ dataDir: '/nonexistent', log: silent });

    expect(resolved).toMatchObject({ url: 'postgres://postgres@127.0.0.1:5432/campaign_dev', embedded: false });
    expect(await databaseExists(LOCAL_ADMIN_URL, 'campaign_dev')).toBe(true);
    await resolved.stop();
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMigrations } from '../helpers/migrations.js';
import { createPool } from '../../platform/database.js';
import { migrateDatabase } from '../../store/migrations.js';
import { startEmbeddedPostgres } from '../../workers/embedded-postgres.js';

const silent = pino({ level: 'silent' });

describe('embedded PostgreSQL', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'campaign-pglite-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, serves pg clients one at a time, and keeps rows across restarts', async () => {
    const first = await startEmbeddedPostgres({ dataDir, log: silent });
    expect(first.maxConnections).toBe(1);
    expect(await migrateDatabase(first.url, silent)).toEqual(allMigrations());

    // Connecting straight after the migrator disconnects must not be refused.
    const pool = createPool(first.url, { max: first.maxConnections, log: silent });
    await pool.query('INSERT INTO campaigns (id, name, owner, plan) VALUES ($1, $2, $3, $4)', [
      'c-embedded', '双十一预热', 'li.na', { channels: ['weibo'] },
    ]);
    await pool.query(
      "INSERT INTO metric_observations (campaign_id, channel_id, day, source, record_id, spend) VALUES ('c-embedded', 'weibo', 0, 's', 'r', 99.5)",
    );
    await pool.query('PREPARE leftover AS SELECT 1');

    // A second client waits for the first to leave instead of being refused.
    const waiting = new pg.Client(first.url);
    const waitingRows = waiting.connect().then(() => waiting.query("SELECT name FROM campaigns WHERE id = 'c-embedded'"));
    await pool.end();
    expect((await waitingRows).rows).toEqual([{ name: '双十一预热' }]);
    // Each client starts from a clean session.
    await expect(waiting.query('EXECUTE leftover')).rejects.toThrow(/leftover/);
    await waiting.end();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, log: silent });
    try {
      expect(await migrateDatabase(second.url, silent)).toEqual([]);
      const reopened = createPool(second.url, { max: second.maxConnections, log: silent });
      const { rows } = await reopened.query('SELECT c.plan, m.spend FROM campaigns c JOIN metric_observations m ON m.campaign_id = c.id');
      await reopened.end();
      expect(rows).toEqual([{ plan: { channels: ['weibo'] }, spend: 99.5 }]);
    } finally {
      await second.stop();
    }
  });
});

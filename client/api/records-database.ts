/**
 * The database the API and the token commands use: the one the workers use, brought up to the
 * current schema first (the token table may be newer than the last worker start).
 */
import type pg from 'pg';
import type { Config } from '../../platform/config.js';
import { createPool, type DbLog } from '../../platform/database.js';
import { resolveRecordsDatabase } from '../../store/databases.js';
import { migrateDatabase } from '../../store/migrations.js';
import { DATA_DIR } from '../../platform/paths.js';

export interface RecordsDatabase {
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function connectRecords(config: Config, log: DbLog): Promise<RecordsDatabase> {
  const database = await resolveRecordsDatabase({
    dataDir: DATA_DIR, log, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  await migrateDatabase(database.url, log);
  const pool = createPool(database.url, { log, ...(database.maxConnections ? { max: database.maxConnections } : {}) });
  return {
    pool,
    async close() {
      await pool.end();
      await database.stop();
    },
  };
}

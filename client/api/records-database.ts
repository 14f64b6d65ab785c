/**
 * The database the API and the token commands use: the one the workers use, brought up to the
 * current schema first (the token table may be newer than the last worker start).
 */
import type pg from 'pg';
import type { Config } from '../../workers/config.js';
import { createPool, migrateDatabase, resolveDatabase, type DbLog } from '../../workers/database.js';
import { DATA_DIR } from '../../workers/paths.js';

export interface RecordsDatabase {
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function connectRecords(config: Config, log: DbLog): Promise<RecordsDatabase> {
  const database = await resolveDatabase({
    dataDir: DATA_DIR, allowEmbedded: false, log, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
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

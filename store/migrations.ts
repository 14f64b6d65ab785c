/**
 * The schema the store's statements rely on: db/migrations, applied in order and recorded in
 * `pgmigrations`. It lives beside the statements because the two change together.
 */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { DbLog } from '../platform/database.js';

// Resolved from this file, not the cwd, so the worker finds its schema wherever it is started.
const MIGRATIONS_DIR = fileURLToPath(new URL('../db/migrations/', import.meta.url));

/** Applies pending migrations and returns their names; an up-to-date database yields []. */
export async function migrateDatabase(databaseUrl: string, log?: DbLog): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    // The runner only wraps the batch in a transaction when asked, despite its documented default.
    singleTransaction: true,
    // Workers started together queue behind one another instead of failing on the lock.
    advisoryLockMode: 'wait',
    logger: migrationLogger(log),
  });
  const names = applied.map((m) => m.name);
  if (names.length > 0) log?.info({ migrations: names }, 'database migrated');
  return names;
}

function migrationLogger(log: DbLog | undefined) {
  const quiet = () => {};
  if (!log) return { debug: quiet, info: quiet, warn: quiet, error: quiet };
  return {
    debug: (msg: string) => log.debug({ component: 'migrate' }, msg),
    info: (msg: string) => log.debug({ component: 'migrate' }, msg),
    warn: (msg: string) => log.warn({ component: 'migrate' }, msg),
    error: (msg: string) => log.error({ component: 'migrate' }, msg),
  };
}

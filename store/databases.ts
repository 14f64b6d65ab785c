/**
 * Databases on a PostgreSQL server, as the development stack, the tests and the chaos trials need
 * them: created when missing, throwaway ones for tests, dropped, and connections cut on purpose.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  APPLICATION_NAME, LOCAL_ADMIN_URL, resolveDatabase, withConnection, withDatabase,
  type ResolveDatabaseOptions, type ResolvedDatabase,
} from '../platform/database.js';

/** Creates the database unless it exists; true when this call created it. */
export async function createDatabase(adminUrl: string, name: string): Promise<boolean> {
  return withConnection(adminUrl, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      return true;
    } catch (err) {
      if (isDuplicateDatabase(err)) return false;
      throw err;
    }
  });
}

function isDuplicateDatabase(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '42P04';
}

/** Drops the database, first disconnecting anyone still using it (tests leave pools behind). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withConnection(adminUrl, async (client) => {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
  });
}

/** Whether the server has a database of this name. */
export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withConnection(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  });
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new, empty database with a unique name, so test runs never see each other's rows. */
export async function createFreshTestDatabase(adminUrl: string = LOCAL_ADMIN_URL): Promise<TestDatabase> {
  const name = `campaign_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await createDatabase(adminUrl, name);
  return { url: withDatabase(adminUrl, name), name, drop: () => dropDatabase(adminUrl, name) };
}

/**
 * Cuts the engine's connections to a database from the server side, as a failover would; the
 * caller's own connection names itself `by` so that it is not among them. Returns how many.
 */
export async function terminateEngineConnections(adminUrl: string, database: string, by: string): Promise<number> {
  return withConnection(adminUrl, async (client) => {
    const result = await client.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
        WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()`,
      [database, APPLICATION_NAME],
    );
    return result.rowCount ?? 0;
  }, by);
}

/** platform's choice of database, creating the local development database when it is the one. */
export function resolveRecordsDatabase(opts: Omit<ResolveDatabaseOptions, 'createDatabase'>): Promise<ResolvedDatabase> {
  return resolveDatabase({ ...opts, createDatabase });
}

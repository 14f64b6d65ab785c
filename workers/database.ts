/**
 * Where the campaign records live and how we reach them: schema migrations, connection pools,
 * throwaway databases for tests, and the choice between a configured server, the local one and the
 * embedded PGlite.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** The slice of a pino logger this module writes to. */
export interface DbLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The server these machines run for development and tests (trust auth). */
export const LOCAL_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_DEV_DATABASE = 'campaign_dev';
const LOCAL_PROBE_TIMEOUT_MS = 1_000;

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

/** Creates the database unless it exists; true when this call created it. */
export async function createDatabase(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
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
  await withClient(adminUrl, async (client) => {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
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

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'campaign-engine' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const NUMERIC_OID = 1700;
const BIGINT_OID = 20;

/**
 * pg returns NUMERIC and BIGINT as strings to protect precision beyond 2^53. Our money (numeric
 * 14,2) and counts stay far below that, and the domain computes with numbers. Scoped to our pools
 * rather than set globally, so other libraries in the process keep pg's defaults.
 */
const recordTypes: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if ((format ?? 'text') === 'text' && (oid === NUMERIC_OID || oid === BIGINT_OID)) return Number;
    return pg.types.getTypeParser(oid, format);
  },
};

export function createPool(databaseUrl: string, opts: { max?: number; log?: DbLog } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: opts.max ?? 10,
    application_name: 'campaign-engine',
    types: recordTypes,
    idleTimeoutMillis: 30_000,
    // Fail a request rather than hang it when the server is unreachable or the pool is exhausted.
    connectionTimeoutMillis: 10_000,
  });
  // An idle client can lose its server (restart, failover); without a listener that error would
  // crash the process. The pool drops the client and connects a new one on next use.
  pool.on('error', (err) => {
    if (opts.log) opts.log.warn({ err }, 'idle PostgreSQL connection lost');
    else console.error('idle PostgreSQL connection lost:', err.message);
  });
  return pool;
}

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Set when the database limits connections: size the pool with it. */
  maxConnections: number | undefined;
  stop(): Promise<void>;
}

/**
 * Picks the database, most deliberate choice first: the configured URL, then a server on this
 * machine's standard port, then (when allowed) an embedded PostgreSQL kept in `dataDir`.
 */
export async function resolveDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  allowEmbedded: boolean;
  log: DbLog;
}): Promise<ResolvedDatabase> {
  if (opts.databaseUrl) return external(opts.databaseUrl);
  if (await canConnect(LOCAL_ADMIN_URL)) {
    if (await createDatabase(LOCAL_ADMIN_URL, LOCAL_DEV_DATABASE)) {
      opts.log.info({ database: LOCAL_DEV_DATABASE }, 'created the development database');
    }
    opts.log.info({ database: LOCAL_DEV_DATABASE }, 'using the local PostgreSQL on 127.0.0.1:5432');
    return external(withDatabase(LOCAL_ADMIN_URL, LOCAL_DEV_DATABASE));
  }
  if (!opts.allowEmbedded) {
    throw new Error(
      'No PostgreSQL is configured or running on 127.0.0.1:5432. Set DATABASE_URL, ' +
        'e.g. DATABASE_URL=postgres://user:password@host:5432/campaigns',
    );
  }
  const embedded = await startEmbeddedPostgres({ dataDir: opts.dataDir, log: opts.log });
  return { url: embedded.url, embedded: true, maxConnections: embedded.maxConnections, stop: embedded.stop };
}

function external(url: string): ResolvedDatabase {
  return { url, embedded: false, maxConnections: undefined, stop: async () => {} };
}

/** A real login, not just an open port: something else may be listening on 5432. */
async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: LOCAL_PROBE_TIMEOUT_MS });
  // Errors after a failed connect would otherwise surface as unhandled 'error' events.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

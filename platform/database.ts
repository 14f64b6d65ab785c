/**
 * How we reach PostgreSQL: connection pools, and the choice between a configured server, the one
 * on this machine's standard port and an embedded PostgreSQL. What is in the database (its
 * schema, every statement) is the records store's business (store/).
 */
import pg from 'pg';

/** The slice of a pino logger the database code writes to. */
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

/** What our connections call themselves on the server (pg_stat_activity.application_name). */
export const APPLICATION_NAME = 'campaign-engine';

/** The URL of another database on the same server. */
export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** One connection, closed whatever `use` does. */
export async function withConnection<T>(
  url: string, use: (client: pg.Client) => Promise<T>, applicationName: string = APPLICATION_NAME,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
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

export function createPool(
  databaseUrl: string,
  opts: { max?: number; log?: DbLog; applicationName?: string } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? APPLICATION_NAME,
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

/** A PostgreSQL started inside this process (workers/embedded-postgres.ts). */
export interface EmbeddedDatabase {
  url: string;
  maxConnections: number;
  stop(): Promise<void>;
}

export interface ResolveDatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  log: DbLog;
  /** Creates a database on a server unless it exists; true when it did (store/databases.ts). */
  createDatabase(adminUrl: string, name: string): Promise<boolean>;
  /** Without it there is no embedded fallback: no server means an error that says what to set. */
  startEmbedded?: (opts: { dataDir: string; log: DbLog }) => Promise<EmbeddedDatabase>;
}

/**
 * Picks the database, most deliberate choice first: the configured URL, then a server on this
 * machine's standard port, then (when offered) an embedded PostgreSQL kept in `dataDir`.
 */
export async function resolveDatabase(opts: ResolveDatabaseOptions): Promise<ResolvedDatabase> {
  if (opts.databaseUrl) return external(opts.databaseUrl);
  if (await canConnect(LOCAL_ADMIN_URL)) {
    if (await opts.createDatabase(LOCAL_ADMIN_URL, LOCAL_DEV_DATABASE)) {
      opts.log.info({ database: LOCAL_DEV_DATABASE }, 'created the development database');
    }
    opts.log.info({ database: LOCAL_DEV_DATABASE }, 'using the local PostgreSQL on 127.0.0.1:5432');
    return external(withDatabase(LOCAL_ADMIN_URL, LOCAL_DEV_DATABASE));
  }
  if (!opts.startEmbedded) {
    throw new Error(
      'No PostgreSQL is configured or running on 127.0.0.1:5432. Set DATABASE_URL, ' +
        'e.g. DATABASE_URL=postgres://user:password@host:5432/campaigns',
    );
  }
  const embedded = await opts.startEmbedded({ dataDir: opts.dataDir, log: opts.log });
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

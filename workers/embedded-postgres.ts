/**
 * A PostgreSQL that lives inside this process, for machines with no database server: PGlite (Postgres
 * compiled to WebAssembly) persisted to a directory, served over TCP by pglite-socket so the same
 * `pg` code that talks to a real server talks to it.
 *
 * PGlite has a single backend session. pglite-socket can multiplex several sockets onto it, but it
 * interleaves their protocol messages one by one, so two busy clients could bind each other's
 * statements. We therefore admit one client at a time: later connections wait in line (up to their
 * own connect timeout) instead of being refused, and each one starts from a clean session. Callers
 * size their pool with `maxConnections` (1), and only one process may open a given `dataDir`.
 */
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgresLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface EmbeddedPostgres {
  url: string;
  /** The pool size callers must use: the database serves one connection at a time. */
  maxConnections: 1;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** How long a closed connection may take to leave pglite-socket's books before we move on. */
const RELEASE_TIMEOUT_MS = 5_000;

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log: EmbeddedPostgresLog;
}): Promise<EmbeddedPostgres> {
  await mkdir(opts.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: opts.dataDir });
  const inner = new PGLiteSocketServer({ db, host: HOST, port: 0, maxConnections: 1 });
  await inner.start();
  const gate = createConnectionGate(db, inner, innerPort(inner), opts.log);
  const port = await listen(gate.server, opts.port ?? 0).catch(async (err: unknown) => {
    // A taken port must not leave the database open: the next start could not reopen dataDir.
    await inner.stop();
    await db.close();
    throw err;
  });
  const url = `postgres://postgres@${HOST}:${port}/postgres`;
  opts.log.info({ dataDir: opts.dataDir, port }, 'embedded PostgreSQL (PGlite) started');
  return {
    url,
    maxConnections: 1,
    stop: async () => {
      await gate.close();
      await inner.stop();
      await db.close();
      opts.log.info({ dataDir: opts.dataDir }, 'embedded PostgreSQL stopped');
    },
  };
}

function innerPort(inner: PGLiteSocketServer): number {
  return Number(inner.getServerConn().split(':').pop());
}

interface ConnectionGate {
  server: net.Server;
  close(): Promise<void>;
}

/**
 * A TCP front door that hands the PGlite session to one client at a time, in arrival order.
 * pglite-socket alone would refuse a connection that arrives while the previous one is still
 * closing, which happens whenever a client disconnects and a pool reconnects at once.
 */
function createConnectionGate(
  db: PGlite,
  inner: PGLiteSocketServer,
  upstreamPort: number,
  log: EmbeddedPostgresLog,
): ConnectionGate {
  const sockets = new Set<net.Socket>();
  let line: Promise<void> = Promise.resolve();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    // A client that gives up while waiting must not crash the process.
    client.on('error', () => client.destroy());
    line = line
      .then(() => serveInTurn(client, db, inner, upstreamPort))
      .catch((err: unknown) => log.warn({ err }, 'embedded PostgreSQL connection failed'));
  });
  // Accept failures (e.g. out of file descriptors) are reported here; unheard, they would crash.
  server.on('error', (err) => log.warn({ err }, 'embedded PostgreSQL listener error'));
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function serveInTurn(
  client: net.Socket,
  db: PGlite,
  inner: PGLiteSocketServer,
  upstreamPort: number,
): Promise<void> {
  if (client.destroyed) return;
  await waitUntilReleased(inner);
  await resetSession(db);
  if (client.destroyed) return;
  await pipeUntilClosed(client, net.connect(upstreamPort, HOST));
}

async function waitUntilReleased(inner: PGLiteSocketServer): Promise<void> {
  const deadline = Date.now() + RELEASE_TIMEOUT_MS;
  while (inner.getStats().activeConnections > 0 && Date.now() < deadline) await sleep(5);
}

/**
 * The session outlives its client, so settings, prepared statements, temporary tables and advisory
 * locks left by one client would otherwise greet the next. pglite-socket already rolls back an
 * abandoned transaction; DISCARD ALL clears the rest, as a connection pooler would.
 */
async function resetSession(db: PGlite): Promise<void> {
  if (!db.closed) await db.exec('DISCARD ALL');
}

function pipeUntilClosed(client: net.Socket, upstream: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      client.destroy();
      resolve();
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
}

function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      const address = server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('embedded PostgreSQL did not get a TCP port'));
    });
  });
}

/**
 * A Temporal dev server (`temporal server start-dev`) owned by this process: demo, dev and tests
 * all run on one, with our search attributes registered.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { SEARCH_ATTRIBUTE_TYPES } from '../workflows/contract.js';
import { freePort } from './free-port.js';

const run = promisify(execFile);
const HEALTH_DEADLINE_MS = 60_000;

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  /** The server process, for fault trials that kill it. */
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cli: string;
  dbFile: string;
  log: Logger;
  port?: number;
  /** Serve the Web UI (demo and dev); tests run headless. */
  ui?: boolean;
  uiPort?: number;
  /** Namespaces to create besides `default`, which always exists. */
  namespaces?: string[];
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const port = opts.port ?? (await freePort());
  const uiPort = opts.ui ? (opts.uiPort ?? (await freePort())) : undefined;
  const address = `127.0.0.1:${port}`;
  await mkdir(path.dirname(opts.dbFile), { recursive: true });
  const args = [
    'server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', opts.dbFile,
    '--log-level', 'warn',
    ...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']),
    ...(opts.namespaces ?? []).filter((n) => n !== 'default').flatMap((n) => ['--namespace', n]),
    ...Object.entries(SEARCH_ATTRIBUTE_TYPES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  const child = spawn(opts.cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const serverLog = opts.log.child({ component: 'temporal-server' });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) serverLog.debug(line);
  });
  const exited = once(child, 'exit');
  try {
    await waitForHealth(opts.cli, address, exited);
    await ensureSearchAttributes(opts.cli, address);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  opts.log.info({ address, ui: uiPort ? `http://127.0.0.1:${uiPort}` : undefined }, 'Temporal dev server ready');
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    process: child,
    stop: () => stopProcess(child),
  };
}

async function waitForHealth(cli: string, address: string, exited: Promise<unknown>): Promise<void> {
  const deadline = Date.now() + HEALTH_DEADLINE_MS;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The Temporal dev server exited during start-up (is port ${address} taken?).`);
    try {
      const { stdout } = await run(cli, ['operator', 'cluster', 'health', '--address', address], { timeout: 5_000 });
      if (stdout.includes('SERVING')) return;
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The Temporal dev server at ${address} did not become healthy within ${HEALTH_DEADLINE_MS / 1000} s.`);
}

/** With an existing --db-filename the server ignores --search-attribute, so create what is missing. */
async function ensureSearchAttributes(cli: string, address: string): Promise<void> {
  const { stdout } = await run(cli, ['operator', 'search-attribute', 'list', '--address', address, '-o', 'json']);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) {
    if (stdout.includes(`"${name}"`)) continue;
    await run(cli, ['operator', 'search-attribute', 'create', '--address', address, '--name', name, '--type', type, '--yes']);
  }
}

export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

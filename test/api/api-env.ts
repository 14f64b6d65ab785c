/**
 * The HTTP API on loopback over a real environment (Temporal dev server, PostgreSQL, a worker),
 * called with real fetch requests, with its log lines captured for inspection.
 */
import { pino } from 'pino';
import type { Role } from '../../client/api/tokens.js';
import { createToken } from '../../client/api/tokens.js';
import { startApiServer, type ApiServerOptions, type RunningApiServer } from '../../client/api/server.js';
import { campaignStatus } from '../../client/campaigns.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // Tests read fields freely and check shapes against the schemas where it matters.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  token?: string;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is, with `contentType` (or none). */
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type ServerOverrides = Partial<Pick<ApiServerOptions, 'rateLimit' | 'unauthenticatedRateLimit' | 'bodyLimitBytes' | 'importLimitBytes' | 'taskQueue' | 'signer' | 'trustedKeys'>>;

export interface ApiServerUnderTest {
  url: string;
  call(method: string, path: string, opts?: CallOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface ApiTestEnv extends ApiServerUnderTest {
  env: CampaignTestEnv;
  /** Every log line the API servers of this file wrote, parsed. */
  logLines: Array<Record<string, unknown>>;
  logText(): string;
  token(person: string, role: Role): Promise<string>;
  /** A second server on the same environment, e.g. with other limits or another task queue. */
  server(opts: ServerOverrides): Promise<ApiServerUnderTest>;
  /** Starts the rehearsal plan through the API as `opsToken` and returns the campaign id. */
  startCampaign(opsToken: string, prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function apiTestEnv(name: string): Promise<ApiTestEnv> {
  const env = await campaignTestEnv(name);
  await env.startWorker();
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const servers: RunningApiServer[] = [];

  const serve = async (opts: ServerOverrides): Promise<ApiServerUnderTest> => {
    const running = await startApiServer({ client: env.client, pool: env.pool, log, taskQueue: env.taskQueue, port: 0, ...opts });
    servers.push(running);
    return { url: running.url, call: (method, path, callOpts) => call(running.url, method, path, callOpts), close: () => running.close() };
  };
  // Generous: the tests make many requests with few tokens, and many without a valid one, all from loopback.
  const main = await serve({ rateLimit: { perMinute: 10_000 }, unauthenticatedRateLimit: { perMinute: 10_000 } });

  return {
    ...main,
    env,
    get logLines() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => lines.join(''),
    token: async (person, role) => (await createToken(env.pool, { person, role })).token,
    server: serve,
    async startCampaign(opsToken, prefix = 'api') {
      const id = uniqueCampaignId(prefix);
      const started = await main.call('POST', '/v1/campaigns', { token: opsToken, json: { plan: rehearsalPlan(), id, timeScale: 1440 } });
      if (started.status !== 201) throw new Error(`start failed: ${started.status} ${started.text}`);
      await eventually(async () => ((await campaignStatus(env, id)).gates.length > 0 ? true : undefined), 'the campaign\'s gates');
      return id;
    },
    async stop() {
      for (const server of servers) await server.close();
      await env.stop();
    },
  };
}

export async function call(base: string, method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers['authorization'] = `Bearer ${opts.token}`;
  let body: string | Blob | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body !== undefined) {
    if (opts.contentType) headers['content-type'] = opts.contentType;
    // fetch labels a string body text/plain on its own; an untyped Blob goes out without a Content-Type.
    body = opts.contentType ? opts.body : new Blob([opts.body]);
  }
  const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, text, body: type.includes('json') && text ? JSON.parse(text) : text };
}

export const problemType = (name: string) => `https://campaign-engine.dev/problems/${name}`;

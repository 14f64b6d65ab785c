/**
 * The sandbox channel platform: a real HTTP server on loopback that behaves like an ad or content
 * platform — idempotent budget changes and posts, frozen daily reports from a seeded response
 * model, and faults on demand — so tests, demos and chaos trials exercise the real adapter path.
 *
 *   PUT  /v1/campaigns/:campaignId/channels/:channelId/budget
 *   POST /v1/campaigns/:campaignId/channels/:channelId/posts
 *   GET  /v1/campaigns/:campaignId/channels/:channelId/reports/daily?day=N
 *   GET  /v1/stats          effects counted at the platform
 *   GET  /v1/faults         the fault plan in force
 *   PUT  /v1/faults         replace it (`{}` restores normal service)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import { FaultInjector, faultPlanSchema, type FaultPlan, type FaultRoute } from './faults.js';
import { ChannelLedger, PlatformRefusal, type ChannelRef, type LedgerStats } from './ledger.js';
import type { ChannelKind } from './response-model.js';
import { budgetBodySchema, channelKindSchema, postBodySchema, reportQuerySchema } from './wire.js';

export type { FaultPlan } from './faults.js';

export interface SandboxPlatformOptions {
  /** Seeds the response model and fault draws; the same seed replays the same campaign results. */
  seed?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  faults?: FaultPlan;
}

export interface SandboxStats extends LedgerStats {
  faultsInjected: number;
}

export interface SandboxPlatform {
  url: string;
  close(): Promise<void>;
  stats(): SandboxStats;
  setFaults(plan: FaultPlan): void;
}

interface Reply {
  status: number;
  body: unknown;
}

const MAX_BODY_BYTES = 1_000_000;
const CHANNEL_ROUTE = /^\/v1\/campaigns\/([^/]+)\/channels\/([^/]+)\/(budget|posts|reports\/daily)$/;
const ROUTE_METHODS: Record<FaultRoute, string> = { budget: 'PUT', posts: 'POST', reports: 'GET' };

export async function startSandboxPlatform(options: SandboxPlatformOptions = {}): Promise<SandboxPlatform> {
  const seed = options.seed ?? 'sandbox';
  const ledger = new ChannelLedger(seed);
  const faults = new FaultInjector(seed, options.faults);
  // Delayed requests wait on this signal, so close() does not hang behind a slow-platform fault.
  const closing = new AbortController();
  const sockets = new Set<Socket>();

  const stats = (): SandboxStats => ({ ...ledger.stats(), faultsInjected: faults.injected });

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (closing.signal.aborted) {
        res.destroy();
        return;
      }
      send(res, { status: 500, body: { error: `sandbox platform failed: ${String(error)}` } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const text = await readBody(req);
    if (text === undefined) {
      send(res, { status: 413, body: { error: `request bodies are limited to ${MAX_BODY_BYTES} bytes` } });
      return;
    }

    if (url.pathname === '/v1/stats') {
      send(res, req.method === 'GET' ? { status: 200, body: stats() } : methodNotAllowed(res, 'GET'));
      return;
    }
    if (url.pathname === '/v1/faults') {
      send(res, faultsEndpoint(req.method, text));
      return;
    }

    const match = CHANNEL_ROUTE.exec(url.pathname);
    if (!match) {
      send(res, { status: 404, body: { error: `no such endpoint: ${req.method} ${url.pathname}` } });
      return;
    }
    const [, campaignId = '', channelId = '', routePath = ''] = match;
    const route: FaultRoute = routePath === 'reports/daily' ? 'reports' : (routePath as FaultRoute);
    if (req.method !== ROUTE_METHODS[route]) {
      send(res, methodNotAllowed(res, ROUTE_METHODS[route]));
      return;
    }
    const ref = decodeRef(campaignId, channelId);
    if (!ref) {
      send(res, { status: 400, body: { error: 'campaign and channel ids in the path must be valid percent-encoded text' } });
      return;
    }

    const fault = faults.next(route, ref.channelId);
    if (fault && fault.delayMs > 0) await delay(fault.delayMs, undefined, { signal: closing.signal });
    if (fault?.outcome !== undefined && !fault.loseResponse) {
      answerFault(res, fault.outcome);
      return;
    }
    const reply = handleChannelRequest(route, ref, req.headers['x-channel-kind'], text, url);
    // A lost answer: the effect above is done, but the caller only sees the failure and will retry.
    if (fault?.outcome !== undefined) {
      answerFault(res, fault.outcome);
      return;
    }
    send(res, reply);
  }

  function handleChannelRequest(route: FaultRoute, ref: ChannelRef, kindHeader: string | string[] | undefined,
    text: string, url: URL): Reply {
    const headerKind = parseHeaderKind(kindHeader);
    if (!headerKind.ok) return headerKind.reply;
    try {
      switch (route) {
        case 'budget': {
          const body = parseJson(text, budgetBodySchema);
          if (!body.ok) return body.reply;
          const { channelKind, ...instruction } = body.value;
          return { status: 200, body: ledger.applyBudget(ref, channelKind ?? headerKind.value, instruction) };
        }
        case 'posts': {
          const body = parseJson(text, postBodySchema);
          if (!body.ok) return body.reply;
          const { channelKind, ...submission } = body.value;
          const receipt = ledger.publish(ref, channelKind ?? headerKind.value, submission);
          return { status: receipt.created ? 201 : 200, body: receipt };
        }
        case 'reports': {
          const query = validate({ day: url.searchParams.get('day') ?? undefined }, reportQuerySchema);
          if (!query.ok) return query.reply;
          return { status: 200, body: ledger.dailyReport(ref, headerKind.value, query.value.day) };
        }
      }
    } catch (error) {
      if (error instanceof PlatformRefusal) {
        return { status: 422, body: { error: error.message, ...(error.field ? { field: error.field } : {}) } };
      }
      throw error;
    }
  }

  function faultsEndpoint(method: string | undefined, text: string): Reply {
    if (method === 'GET') return { status: 200, body: faults.current() };
    if (method !== 'PUT') return { status: 405, body: { error: 'use GET or PUT on /v1/faults' } };
    const plan = parseJson(text, faultPlanSchema);
    if (!plan.ok) return plan.reply;
    faults.set(plan.value);
    return { status: 200, body: faults.current() };
  }

  function answerFault(res: ServerResponse, outcome: number | 'reset'): void {
    if (outcome === 'reset') {
      res.socket?.destroy();
      return;
    }
    send(res, { status: outcome, body: { error: `sandbox fault: the platform answered ${outcome}` } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    stats,
    setFaults: (plan) => faults.set(plan),
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

function parseJson<S extends z.ZodType>(text: string, schema: S): Parsed<z.output<S>> {
  let value: unknown;
  try {
    value = text === '' ? undefined : JSON.parse(text);
  } catch {
    return { ok: false, reply: { status: 400, body: { error: 'the request body is not valid JSON' } } };
  }
  if (value === undefined) {
    return { ok: false, reply: { status: 400, body: { error: 'the request needs a JSON body' } } };
  }
  return validate(value, schema);
}

/** Validates input and, on failure, names the first offending field the way a platform's API does. */
function validate<S extends z.ZodType>(value: unknown, schema: S): Parsed<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : 'invalid request';
  return { ok: false, reply: { status: 400, body: { error: message, ...(field ? { field } : {}) } } };
}

function parseHeaderKind(header: string | string[] | undefined): Parsed<ChannelKind | undefined> {
  if (header === undefined) return { ok: true, value: undefined };
  const parsed = channelKindSchema.safeParse(Array.isArray(header) ? header[0] : header);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    reply: { status: 400, body: { error: `x-channel-kind: unknown channel kind ${JSON.stringify(header)}`, field: 'x-channel-kind' } },
  };
}

function decodeRef(campaignId: string, channelId: string): ChannelRef | undefined {
  try {
    return { campaignId: decodeURIComponent(campaignId), channelId: decodeURIComponent(channelId) };
  } catch {
    return undefined;
  }
}

function methodNotAllowed(res: ServerResponse, allowed: string): Reply {
  res.setHeader('allow', allowed);
  return { status: 405, body: { error: `use ${allowed} on this endpoint` } };
}

/** The whole body as text, or undefined when it is larger than a platform would accept. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Keep draining an oversized body (without storing it) so the 413 reaches the caller.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

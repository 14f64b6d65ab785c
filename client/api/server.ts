/**
 * The HTTP API: approvers and managers reach campaigns without Temporal access or a terminal, and
 * every request speaks for the person its token belongs to. Routes live in *-routes.ts; this file
 * wires identity, limits, errors and access logs around them.
 */
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Lang } from '../../domain/plan/validate.js';
import { createStore } from '../../store/index.js';
import { CampaignError } from '../campaigns.js';
import { directOperations } from '../operations/direct.js';
import type { Signer } from '../signing.js';
import type { VerifyingKey } from '../../domain/signing/keys.js';
import { checkMediaType, checkRate, checkRole, checkStranger, identify, TokenRejected } from './access.js';
import { auditRoute, campaignStatusRoute, listCampaignsRoute, startCampaignRoute } from './campaign-routes.js';
import { closingRoutes } from './closing-routes.js';
import { decideRoute, inboxRoute, whoAmIRoute } from './decision-routes.js';
import { campaignScope } from './environment.js';
import { cancellationRoute, crisisActionRoute, pilotDecisionRoute, scheduleRoute, stepResolutionRoute } from './execution-routes.js';
import { importRoutes } from './import-routes.js';
import { openApiDocument } from './openapi.js';
import { acknowledgementRoute, consultationRoute, readinessRoute, taskCompletionRoute } from './preparation-routes.js';
import { ApiProblem, problemFromCampaignError, problemFromDatabaseError, problemFromTemporalError } from './problems.js';
import { tokenBucketLimiter } from './rate-limit.js';
import { isRefusal, refusalRecorder } from './refusals.js';
import { parseParts } from './request-parts.js';
import { TEXT_MEDIA_TYPES, type AnyRoute, type MediaType, type RouteDeps } from './route.js';
import { tokenRoutes } from './token-routes.js';
import { tokenUseRecorder } from './token-use.js';
import type { Caller, TokenRefusal } from './tokens.js';

export interface ApiServerOptions {
  client: Client;
  pool: pg.Pool;
  log: Logger;
  taskQueue: string;
  /** Largest request body accepted; plans are the big ones. Default 256 KiB. */
  bodyLimitBytes?: number;
  /** Largest metrics file accepted in one import. Default 50 MiB, as `campaign metrics import`. */
  importLimitBytes?: number;
  /** Signs each person's Update for the person of the token (the API's service key, `persons: "*"`). */
  signer?: Signer | undefined;
  /** The keyring campaigns started through the API trust. */
  trustedKeys?: readonly VerifyingKey[] | undefined;
  /** Requests per minute per token, with a burst of one minute's worth. Default 120. */
  rateLimit?: { perMinute: number };
  /** Requests without a valid token per minute per client address, likewise. Default 30. */
  unauthenticatedRateLimit?: { perMinute: number };
  now?: () => Date;
}

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;
export const DEFAULT_RATE_LIMIT = { perMinute: 120 };
export const DEFAULT_UNAUTHENTICATED_RATE_LIMIT = { perMinute: 30 };
const PROBLEM_JSON = 'application/problem+json';
/** Decoded strictly: a GBK export read as UTF-8 would be stored as nonsense, not refused. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
const NOT_UTF8 = 'The body is not UTF-8 text. Exports from Chinese Excel or WPS are often GBK: save the file as "CSV UTF-8" (or UTF-8 text) and send it again.';
const HEALTH_TIMEOUT_MS = 2_000;
/** The routes on one campaign: their `:id` is checked against the environment. */
const CAMPAIGN_ROUTES = '/v1/campaigns/:id';
/** Temporal calls of one request give up after this; a query to a campaign without a worker would wait 30 s. */
const REQUEST_DEADLINE_MS = 10_000;

/** What each request carried, for the access log (kept off the request object's type). */
interface RequestTrace {
  caller?: Caller;
  refusal?: TokenRefusal;
  mediaType?: MediaType | undefined;
}

/** Every route the API serves: the campaign operations' and the token administration's. */
export function apiRoutes(deps: RouteDeps, pool: pg.Pool): AnyRoute[] {
  return [
    startCampaignRoute(deps),
    listCampaignsRoute(deps),
    campaignStatusRoute(deps),
    decideRoute(deps),
    readinessRoute(deps),
    consultationRoute(deps),
    acknowledgementRoute(deps),
    taskCompletionRoute(deps),
    auditRoute(deps),
    pilotDecisionRoute(deps),
    crisisActionRoute(deps),
    stepResolutionRoute(deps),
    cancellationRoute(deps),
    scheduleRoute(deps),
    ...importRoutes(deps),
    ...closingRoutes(deps),
    inboxRoute(deps),
    whoAmIRoute(),
    ...tokenRoutes(pool),
  ];
}

export function buildApiServer(opts: ApiServerOptions): FastifyInstance {
  const bodyLimit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const limiter = tokenBucketLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT);
  const strangers = tokenBucketLimiter(opts.unauthenticatedRateLimit ?? DEFAULT_UNAUTHENTICATED_RATE_LIMIT);
  const now = opts.now ?? (() => new Date());
  const log = opts.log.child({ component: 'api' });
  const traces = new WeakMap<FastifyRequest, RequestTrace>();
  const store = createStore(opts.pool);
  const scope = campaignScope({ client: opts.client, store, taskQueue: opts.taskQueue });
  const recordUse = tokenUseRecorder(store, () => now().getTime());
  const recordRefusal = refusalRecorder({ store, scope, now });
  // Every route works through the one direct transport: the same operations the CLI runs.
  const ops = directOperations({
    client: opts.client, pool: opts.pool, taskQueue: opts.taskQueue, now, note: (sentence) => log.warn(sentence),
    signer: opts.signer, trustedKeys: opts.trustedKeys, origin: { path: 'api' },
  });
  const routes = apiRoutes({ ops, importLimitBytes: opts.importLimitBytes }, opts.pool);
  const document = openApiDocument(routes, { title: 'campaign-engine API', version: '1' });

  const app = Fastify({
    logger: false,
    bodyLimit,
    return503OnClosing: true,
    frameworkErrors: (_err, _request, reply) => {
      sendProblem(reply, new ApiProblem('invalid-request', 'The URL cannot be read.'));
    },
  });

  // Only the media types routes declare: no text/plain, no forms.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, app.getDefaultJsonParser('error', 'error'));
  app.addContentTypeParser([...TEXT_MEDIA_TYPES], { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    try {
      done(null, utf8.decode(body as Buffer));
    } catch {
      done(new ApiProblem('malformed-body', NOT_UTF8), undefined);
    }
  });

  app.addHook('onRequest', async (request) => {
    const route = apiRoute(request);
    if (!route) return;
    const trace: RequestTrace = {};
    traces.set(request, trace);
    checkStranger(strangers, request.ip);
    try {
      trace.caller = await identify(opts.pool, request.headers.authorization);
    } catch (err) {
      if (err instanceof TokenRejected) {
        trace.refusal = err.reason;
        strangers.take(request.ip);
      }
      throw err;
    }
    await recordUse(trace.caller, { operationId: route.operationId });
    checkRate(limiter, trace.caller);
    checkRole(route, trace.caller);
    trace.mediaType = checkMediaType(route, request.headers['content-type']);
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  // One line per request. Never the token, bodies or query strings (they name people): the token
  // id says who, to those allowed to look it up.
  app.addHook('onResponse', async (request, reply) => {
    const trace = traces.get(request);
    log.info({
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      tokenId: trace?.caller?.tokenId ?? null,
      ...(trace?.refusal ? { refusal: trace.refusal } : {}),
      requestId: request.id,
    }, 'request');
  });

  app.setErrorHandler(async (err: FastifyError | Error, request, reply) => {
    const problem = asProblem(err, request, bodyLimit);
    if (problem.problem === 'internal-error') {
      log.error({ err, route: request.routeOptions.url ?? null, requestId: request.id }, 'request failed');
    } else if (problem.status >= 500) {
      log.warn({ problem: problem.problem, reason: err.message, route: request.routeOptions.url ?? null, requestId: request.id }, 'request not served');
    }
    const route = apiRoute(request);
    // Recorded before answering, so whoever reads the audit after a refusal finds it there.
    if (route && isRefusal(route, problem)) {
      await recordRefusal({
        route, caller: traces.get(request)?.caller, problem,
        params: request.params, query: request.query, body: request.body, clientAddress: request.ip,
      }).catch((recordErr: unknown) => log.error({ err: recordErr, route: route.url, requestId: request.id }, 'refusal not recorded'));
    }
    sendProblem(reply, problem);
    return reply;
  });

  app.setNotFoundHandler((request, reply) => {
    sendProblem(reply, new ApiProblem('not-found', `There is no ${request.method} route at this path; GET /v1/openapi.json lists them.`));
  });

  app.get('/healthz', async (_request, reply) => {
    const [temporal, database] = await Promise.all([
      answers(() => opts.client.workflowService.getSystemInfo({})),
      answers(() => createStore(opts.pool).ping()),
    ]);
    const ok = temporal && database;
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', temporal: temporal ? 'ok' : 'unavailable', database: database ? 'ok' : 'unavailable' };
  });

  app.get('/v1/openapi.json', async () => document);

  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      config: { api: route },
      ...(route.bodyLimitBytes !== undefined ? { bodyLimit: route.bodyLimitBytes } : {}),
      handler: async (request, reply) => {
        const { caller, mediaType } = traces.get(request) ?? {};
        if (!caller) throw new Error('route reached without an identified caller');
        const parts = parseParts(route, { params: request.params, query: request.query, body: request.body }, mediaType);
        const result = await opts.client.withDeadline(Date.now() + REQUEST_DEADLINE_MS, async () => {
          // Every route on one campaign serves only this environment's campaigns (environment.ts).
          if (route.url.startsWith(CAMPAIGN_ROUTES)) await scope.check((parts.params as { id: string }).id);
          return route.handle({
            params: parts.params,
            query: parts.query,
            body: parts.body,
            caller,
            mediaType,
            lang: languageOf(request.headers['accept-language']),
            reply,
          });
        });
        reply.code(route.success.status).type('application/json; charset=utf-8');
        return result;
      },
    });
  }
  return app;
}

export interface RunningApiServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

/** Listens on loopback by default: put a TLS-terminating proxy in front to serve anyone else. */
export async function startApiServer(opts: ApiServerOptions & { port: number; host?: string }): Promise<RunningApiServer> {
  const app = buildApiServer(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, close: () => app.close() };
}

function apiRoute(request: FastifyRequest): AnyRoute | undefined {
  return (request.routeOptions.config as { api?: AnyRoute } | undefined)?.api;
}

function asProblem(err: FastifyError | Error, request: FastifyRequest, bodyLimit: number): ApiProblem {
  if (err instanceof ApiProblem) return err;
  if (err instanceof CampaignError) return problemFromCampaignError(err, (request.params as { id?: string } | undefined)?.id);
  const upstream = problemFromTemporalError(err) ?? problemFromDatabaseError(err);
  if (upstream) return upstream;
  const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
  const code = 'code' in err ? err.code : undefined;
  if (status === 413) {
    const limit = apiRoute(request)?.bodyLimitBytes ?? bodyLimit;
    return new ApiProblem('payload-too-large', `The body is larger than ${limit} bytes (${sizeText(limit)}).`);
  }
  if (status === 415) return new ApiProblem('unsupported-media-type', 'This route does not take that content type.');
  if (status === 400 && (err instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY')) {
    return new ApiProblem('malformed-body', 'The body is not valid JSON.');
  }
  if (status === 400 && code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new ApiProblem('malformed-body', 'The body is empty; send a JSON object.');
  if (status >= 400 && status < 500) return new ApiProblem('malformed-body', 'The request body cannot be read.');
  return new ApiProblem('internal-error', 'The API failed unexpectedly; the failure has been logged.');
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MiB` : `${Math.floor(bytes / 1024)} KiB`;
}

function sendProblem(reply: FastifyReply, problem: ApiProblem): void {
  for (const [name, value] of Object.entries(problem.extra.headers ?? {})) reply.header(name, value);
  reply.code(problem.status).type(PROBLEM_JSON).send(problem.body());
}

function languageOf(header: string | undefined): Lang {
  return header?.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

async function answers(probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe().then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

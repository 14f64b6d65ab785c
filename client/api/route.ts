/**
 * One description per route serves the server (who may call it, what it takes, how to validate)
 * and the OpenAPI document, so the two cannot disagree.
 */
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Lang } from '../../domain/plan/validate.js';
import type { CampaignOperations, Origin } from '../operations/operations.js';
import type { ProblemName } from './problems.js';
import { CampaignParams } from './schemas.js';
import { CAMPAIGN_ROLES, type Caller, type Role } from './tokens.js';

/** What every route works with: the campaign operations (the direct transport), and the file limit of imports. */
export interface RouteDeps {
  ops: CampaignOperations;
  /** Largest file an import route takes; default what the CLI's imports take. */
  importLimitBytes?: number | undefined;
}

/** What an action through the API says of where it came from: the API, with the caller's token. */
export function apiOrigin(caller: Caller): Origin {
  return { path: 'api', tokenId: caller.tokenId };
}

export type MediaType = 'application/json' | 'application/yaml' | 'text/yaml' | 'text/csv' | 'application/x-ndjson';

/** Bodies that are a file's text (a plan, a metrics export) rather than JSON. */
export const TEXT_MEDIA_TYPES = ['application/yaml', 'text/yaml', 'text/csv', 'application/x-ndjson'] as const satisfies readonly MediaType[];

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  caller: Caller;
  /** The media type the body came in, when there is one. */
  mediaType: MediaType | undefined;
  lang: Lang;
  reply: FastifyReply;
}

export interface ApiRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST';
  /** Fastify pattern, e.g. `/v1/campaigns/:id`; also the `route` in access logs. */
  url: string;
  operationId: string;
  summary: string;
  description: string;
  roles: readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  /** Media types the body may come in (JSON when absent). */
  accepts?: readonly MediaType[];
  /**
   * How a text body (the media types in `accepts` other than JSON) becomes the body shape, with
   * the query's options; `description` says in the document what the text is.
   */
  text?: { description: string; toBody: (text: string, query: Out<Q>, mediaType: MediaType) => unknown };
  /** Largest body this route takes, when it differs from the server's limit (files are larger than requests). */
  bodyLimitBytes?: number;
  success: { status: 200 | 201; schema: R; description: string };
  /** Problems this route can answer with beyond those every authenticated route can. */
  problems: readonly ProblemName[];
  handle(ctx: RouteContext<P, Q, B>): Promise<z.output<R>>;
}

/** Keeps each route's types exact while letting the server hold them in one list. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(route: ApiRoute<P, Q, B, R>): AnyRoute {
  return route as unknown as AnyRoute;
}

export type AnyRoute = ApiRoute<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, z.ZodType>;

/** What one read of a campaign takes: where, what it answers, and how to read it. */
export interface CampaignRead {
  /** The segment after `/v1/campaigns/:id`, if any. */
  path?: string;
  operationId: string;
  summary: string;
  description: string;
  success: { schema: z.ZodType; description: string };
  read(id: string): Promise<unknown>;
}

/** `GET /v1/campaigns/:id[/<path>]`: something about one campaign every role may read. */
export function campaignReadRoute(spec: CampaignRead): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: `/v1/campaigns/:id${spec.path ? `/${spec.path}` : ''}`,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    roles: CAMPAIGN_ROLES,
    params: CampaignParams,
    success: { status: 200, ...spec.success },
    problems: ['campaign-not-found'],
    handle: ({ params }) => spec.read(params.id),
  });
}

/**
 * The OpenAPI 3.1 document, generated from the route descriptions and their zod schemas: nothing
 * in it is written twice.
 */
import { z } from 'zod';
import { PROBLEMS, type ProblemName } from './problems.js';
import type { AnyRoute } from './route.js';
import { apiSchemas, HealthSchema, planObject } from './schemas.js';
import { CAMPAIGN_ROLES, ROLES } from './tokens.js';

type Json = Record<string, unknown>;

const REF_BASE = '#/components/schemas/';
/** zod collects schemas used by several components (and recursive ones) under this id. */
const SHARED = '__shared';

/** Problems any authenticated route can answer with. */
const EVERY_ROUTE: readonly ProblemName[] = ['invalid-request', 'unauthenticated', 'rate-limited', 'internal-error', 'service-unavailable'];

export function openApiDocument(routes: readonly AnyRoute[], info: { title: string; version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  paths['/healthz'] = { get: healthOperation() };
  paths['/v1/openapi.json'] = {
    get: {
      operationId: 'openApiDocument',
      summary: 'This document',
      security: [],
      responses: { 200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description: `Start, follow and decide campaigns. Every /v1 route except this document needs a bearer token; its role (${ROLES.join(', ')}) decides what it may do, and the person it belongs to is who decides. Admin tokens administer tokens only. Errors are application/problem+json.`,
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'cpn_<43 base64url characters>' } },
    },
    security: [{ bearer: [] }],
  };
}

function operation(route: AnyRoute): Json {
  const roles = route.roles.length === ROLES.length ? 'any role'
    : sameRoles(route.roles, CAMPAIGN_ROLES) ? `any campaign role (${CAMPAIGN_ROLES.join(', ')})` : route.roles.join(', ');
  const problems = [...EVERY_ROUTE, ...(route.roles.length < ROLES.length ? ['role-not-permitted' as const] : []), ...route.problems];
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `${route.description}\n\nRoles: ${roles}.`,
    'x-roles': route.roles,
    parameters: [...parameters('path', route.params), ...parameters('query', route.query)],
    ...(route.body ? { requestBody: requestBody(route) } : {}),
    responses: {
      [route.success.status]: { description: route.success.description, content: { 'application/json': { schema: schemaOf(route.success.schema) } } },
      ...problemResponses(problems),
    },
  };
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

function healthOperation(): Json {
  return {
    operationId: 'health',
    summary: 'Whether Temporal and the database answer',
    security: [],
    responses: {
      200: { description: 'Both answer.', content: { 'application/json': { schema: schemaOf(HealthSchema) } } },
      503: { description: 'One of them does not.', content: { 'application/json': { schema: schemaOf(HealthSchema) } } },
    },
  };
}

function parameters(where: 'path' | 'query', schema: z.ZodType | undefined): Json[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function requestBody(route: AnyRoute): Json {
  const content: Json = {};
  for (const mediaType of route.accepts ?? ['application/json']) {
    content[mediaType] = mediaType === 'application/json' && route.body
      ? { schema: schemaOf(route.body) }
      : { schema: { type: 'string', ...(route.text ? { description: route.text.description } : {}) } };
  }
  return { required: true, content };
}

function problemResponses(names: readonly ProblemName[]): Json {
  const byStatus = new Map<number, string[]>();
  for (const name of new Set(names)) {
    const { status, title } = PROBLEMS[name];
    byStatus.set(status, [...(byStatus.get(status) ?? []), `\`${name}\`: ${title}`]);
  }
  const responses: Json = {};
  for (const [status, lines] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = { description: lines.join('; '), content: { 'application/problem+json': { schema: { $ref: `${REF_BASE}Problem` } } } };
  }
  return responses;
}

function schemaOf(schema: z.ZodType): Json {
  const id = apiSchemas.get(schema)?.id;
  if (id) return { $ref: `${REF_BASE}${id}` };
  const { $schema: _drop, ...inline } = z.toJSONSchema(schema, { io: 'input' }) as Json;
  return inline;
}

/**
 * Every registered schema as a component. Inputs and outputs share one rendering: request objects
 * are strict (unknown fields refused), response objects stay open so fields can be added.
 */
function componentSchemas(): Record<string, Json> {
  const generated = z.toJSONSchema(apiSchemas, {
    io: 'input',
    uri: (id) => `${REF_BASE}${id}`,
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === planObject) {
        for (const key of Object.keys(jsonSchema)) delete (jsonSchema as Json)[key];
        jsonSchema.$ref = `${REF_BASE}Plan`;
        return;
      }
      // zod takes only the id from this registry; the description would otherwise be lost.
      const description = apiSchemas.get(zodSchema)?.description;
      if (description) jsonSchema.description = description;
    },
  }).schemas as Record<string, Json>;
  const components: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(generated)) {
    const { $schema: _schema, $id: _id, $defs, ...rest } = schema;
    if (id === SHARED) Object.assign(components, $defs as Record<string, Json> | undefined);
    else components[id] = rest;
  }
  return hoistSharedRefs(components) as Record<string, Json>;
}

/** zod points at shared definitions inside its `__shared` entry; OpenAPI wants them as components. */
function hoistSharedRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hoistSharedRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [
    key,
    key === '$ref' && typeof v === 'string' ? v.replace(`${REF_BASE}${SHARED}#/$defs/`, REF_BASE) : hoistSharedRefs(v),
  ]));
}

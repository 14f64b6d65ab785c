/**
 * Path parameters, query and body checked against a route's schemas, with every mistake reported
 * at once and named the way the caller wrote it (`body.decision`, `query.phase`).
 */
import type { z } from 'zod';
import { ApiProblem, type ProblemError } from './problems.js';
import type { AnyRoute, MediaType } from './route.js';

type Part = 'params' | 'query' | 'body';

export interface ParsedParts {
  params: unknown;
  query: unknown;
  body: unknown;
}

export function parseParts(route: AnyRoute, raw: ParsedParts, mediaType: MediaType | undefined): ParsedParts {
  const errors: ProblemError[] = [];
  const params = parsePart('params', route.params, raw.params, errors);
  const query = parsePart('query', route.query, raw.query, errors);
  const text = mediaType !== undefined && mediaType !== 'application/json';
  let body: unknown;
  // A text body borrows its options from the query, so it is only read when the query was valid.
  if (!text) body = parsePart('body', route.body, raw.body, errors);
  else if (errors.length === 0 && route.text) body = parsePart('body', route.body, route.text.toBody(String(raw.body), query as never, mediaType), errors);
  if (errors.length > 0) {
    throw new ApiProblem('invalid-request', `The request has ${errors.length === 1 ? 'a mistake' : `${errors.length} mistakes`}: ${errors.map((e) => e.path).join(', ')}.`, { errors });
  }
  return { params, query, body };
}

function parsePart(part: Part, schema: z.ZodType | undefined, value: unknown, errors: ProblemError[]): unknown {
  if (!schema) {
    // A route without a query takes none: an ignored parameter (say ?person=…) would mislead.
    if (part === 'query' && value && typeof value === 'object') {
      for (const key of Object.keys(value)) errors.push({ path: `query.${key}`, message: 'this route takes no query parameters' });
    }
    return undefined;
  }
  const parsed = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) errors.push(...describe(part, issue));
  return undefined;
}

function describe(part: Part, issue: z.core.$ZodIssue): ProblemError[] {
  const at = pathText(part, issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: `${at}.${key}`, message: part === 'query' ? 'not a parameter of this route' : 'not a field of this request' }));
  }
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return [{ path: at, message: `required (${issue.expected})` }];
  return [{ path: at, message: issue.message }];
}

function pathText(part: Part, path: readonly PropertyKey[]): string {
  return part + path.map((seg) => (typeof seg === 'number' ? `[${seg}]` : `.${String(seg)}`)).join('');
}

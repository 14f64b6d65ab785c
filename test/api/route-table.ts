/**
 * The route × role table of docs/api.md, generated from the OpenAPI document the server serves
 * (its `x-roles`), so the table in the docs can be checked against the routes.
 */
import { ROLES } from '../../client/api/tokens.js';

interface Operation {
  operationId: string;
  summary: string;
  security?: unknown[];
  'x-roles'?: string[];
}

export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/** Every operation that needs a token, in the document's order. */
export function tokenOperations(document: OpenApiDocument): Array<{ method: string; path: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, operation]) => operation.security === undefined)
      .map(([method, operation]) => ({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1'), operation })));
}

export function routeRoleTable(document: OpenApiDocument): string {
  const rows = tokenOperations(document).map(({ method, path, operation }) => {
    const roles = ROLES.map((role) => ((operation['x-roles'] ?? []).includes(role) ? '✓' : ''));
    return `| \`${method} ${path}\` | ${roles.join(' | ')} | ${operation.summary} |`;
  });
  return [`| route | ${ROLES.join(' | ')} | what |`, `|---|${ROLES.map(() => ':-:|').join('')}---|`, ...rows].join('\n');
}

interface Schema { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; items?: Schema }
type FullDocument = OpenApiDocument & { components?: { schemas?: Record<string, Schema> } };

/** A schema, its `$ref` followed into the document's components. */
function resolved(document: FullDocument, schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref?.replace('#/components/schemas/', '');
  return ref ? document.components?.schemas?.[ref] : schema;
}

/** The body a route takes: its JSON fields (`*` required), or the media types of a file. */
function bodyOf(document: FullDocument, operation: Operation & { requestBody?: { content: Record<string, { schema?: Schema }> } }): string {
  const content = operation.requestBody?.content;
  if (!content) return '';
  const json = resolved(document, content['application/json']?.schema);
  const fields = Object.keys(json?.properties ?? {}).map((name) => `\`${name}\`${json?.required?.includes(name) ? '*' : ''}`);
  const files = Object.keys(content).filter((type) => type !== 'application/json');
  return [...(fields.length ? [fields.join(', ')] : []), ...(files.length ? [`file: ${files.join(', ')}`] : [])].join('; ') || '—';
}

/** docs/api.md's route reference: every route with what it does, who may call it and what it takes. */
export function routeReference(document: FullDocument): string {
  const rows = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const roles = operation.security !== undefined ? 'no token' : (operation['x-roles'] ?? []).join(', ');
      return `| \`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}\` | ${operation.summary} | ${roles} | ${bodyOf(document, operation)} |`;
    }));
  return ['| route | what | roles | body (`*` required) |', '|---|---|---|---|', ...rows].join('\n');
}

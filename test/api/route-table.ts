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

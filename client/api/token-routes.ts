/**
 * Token administration (admins only): issue a token for a person the campaigns know, list every
 * token, revoke one, read a token's audit. Each issue and revocation records the admin who made
 * it; the token itself is in the issue's answer only.
 */
import type pg from 'pg';
import { ApiProblem } from './problems.js';
import { defineRoute, type AnyRoute } from './route.js';
import { IssuedTokenSchema, RevocationSchema, TokenAuditSchema, TokenListSchema, TokenParams, TokenRequestSchema } from './token-schemas.js';
import { issueToken, listTokens, revokeToken, tokenTrail } from './tokens.js';

const ADMIN = ['admin'] as const;

function noSuchToken(id: string): ApiProblem {
  return new ApiProblem('not-found', `There is no token "${id}"; the token list (GET /v1/tokens, \`campaign tokens list\`) shows them.`);
}

export function issueTokenRoute(pool: pg.Pool): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/tokens',
    operationId: 'issueToken',
    summary: 'Issue a token for a person in a role',
    description:
      'The person must be known: named by some campaign\'s plan in the records (its owner, a team member, a gate\'s people) ' +
      'or an admin already; anyone else is refused with `unknown-person`. The answer holds the token itself, once: only its ' +
      'hash is kept. The token records the admin who issued it.',
    roles: ADMIN,
    body: TokenRequestSchema,
    success: { status: 201, schema: IssuedTokenSchema, description: 'Issued. The token is in this answer only.' },
    problems: ['malformed-body', 'unknown-person', 'unsupported-media-type', 'payload-too-large'],
    async handle({ body, caller }) {
      const issued = await issueToken(pool, body, caller);
      if ('refused' in issued) {
        const fix = 'Check the id against the plan\'s team, or start the campaign whose plan names them first.';
        throw new ApiProblem('unknown-person', `Nobody called "${issued.person}" is known: no campaign's plan names them and they are not an admin. ${fix}`, {
          errors: [{ path: 'body.person', message: `"${issued.person}" is named by no campaign's plan (owner, team, gates) and is not an admin`, fix }],
        });
      }
      return issued;
    },
  });
}

export function listTokensRoute(pool: pg.Pool): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/tokens',
    operationId: 'listTokens',
    summary: 'List every token',
    description: 'Every token ever issued, newest first, with its state, who issued it and when it was last used; never the tokens themselves.',
    roles: ADMIN,
    success: { status: 200, schema: TokenListSchema, description: 'The tokens.' },
    problems: [],
    handle: async () => ({ tokens: await listTokens(pool) }),
  });
}

export function revokeTokenRoute(pool: pg.Pool): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/tokens/:tokenId/revoke',
    operationId: 'revokeToken',
    summary: 'Revoke a token',
    description: 'Requests with the token are refused from the next one on. Revoking it again answers `already-revoked`. Takes no body.',
    roles: ADMIN,
    params: TokenParams,
    success: { status: 200, schema: RevocationSchema, description: 'Revoked (or it already was).' },
    problems: ['not-found'],
    async handle({ params, caller }) {
      const outcome = await revokeToken(pool, params.tokenId, caller);
      if (outcome === 'not-found') throw noSuchToken(params.tokenId);
      return { id: params.tokenId, outcome };
    },
  });
}

export function tokenAuditRoute(pool: pg.Pool): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/tokens/:tokenId/audit',
    operationId: 'tokenAudit',
    summary: 'A token\'s audit',
    description:
      'When it was issued and by whom, each minute it was used in (one entry per minute at most), requests with it that were ' +
      'refused, its revocation; for an admin\'s token also the tokens it issued and revoked. Oldest first.',
    roles: ADMIN,
    params: TokenParams,
    success: { status: 200, schema: TokenAuditSchema, description: 'The token\'s audit.' },
    problems: ['not-found'],
    async handle({ params }) {
      const entries = await tokenTrail(pool, params.tokenId);
      if (!entries) throw noSuchToken(params.tokenId);
      return { tokenId: params.tokenId, entries };
    },
  });
}

export function tokenRoutes(pool: pg.Pool): AnyRoute[] {
  return [issueTokenRoute(pool), listTokensRoute(pool), revokeTokenRoute(pool), tokenAuditRoute(pool)];
}

/**
 * What is checked before a route runs, in this order: whether the client address has used up its
 * refused requests, who is calling (token), how often, in which role, and whether the body comes
 * in a form the route takes. Bodies are not read until all pass.
 */
import type pg from 'pg';
import { ApiProblem } from './problems.js';
import type { RateLimiter } from './rate-limit.js';
import type { AnyRoute, MediaType } from './route.js';
import { authenticate, type Caller, type TokenRefusal } from './tokens.js';

const REALM = 'Bearer realm="campaign-engine"';

const REFUSALS: Record<TokenRefusal, string> = {
  missing: 'Send your API token as "Authorization: Bearer cpn_…". An admin issues one (POST /v1/tokens, `campaign tokens create`).',
  malformed: 'The Authorization header does not hold a campaign API token ("Bearer cpn_…").',
  unknown: 'This token is not known. Check that it was copied whole, or ask an admin for a new one.',
  expired: 'This token has expired; ask an admin for a new one.',
  revoked: 'This token has been revoked; ask an admin for a new one.',
};

export class TokenRejected extends ApiProblem {
  /** `tokenId`: the token's, when it was one we issued (expired, revoked). */
  constructor(readonly reason: TokenRefusal, readonly tokenId?: string) {
    const challenge = reason === 'missing' ? REALM : `${REALM}, error="invalid_token"`;
    super('unauthenticated', REFUSALS[reason], { headers: { 'www-authenticate': challenge } });
  }
}

/** The token in an `Authorization: Bearer …` header; '' when the header holds something else. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match ? match[1] : '';
}

export async function identify(pool: pg.Pool, header: string | undefined): Promise<Caller> {
  const token = bearerToken(header);
  if (token === '') throw new TokenRejected('malformed');
  let outcome;
  try {
    outcome = await authenticate(pool, token);
  } catch {
    throw new ApiProblem('service-unavailable', 'The token store is not answering; try again shortly.', { headers: { 'retry-after': '5' } });
  }
  if (!outcome.ok) throw new TokenRejected(outcome.reason, outcome.tokenId);
  return outcome.caller;
}

/**
 * Requests without a valid token are counted per client address; one that has used up its
 * allowance is answered 429 before its token is looked up, so tokens cannot be guessed quickly
 * and bad requests cannot load the database.
 */
export function checkStranger(limiter: RateLimiter, clientAddress: string): void {
  const decision = limiter.peek(clientAddress);
  if (!decision.ok) {
    throw new ApiProblem('rate-limited', `Too many requests without a valid token came from this address; try again in ${decision.retryAfterSeconds} s.`, {
      headers: { 'retry-after': String(decision.retryAfterSeconds) },
    });
  }
}

export function checkRate(limiter: RateLimiter, caller: Caller): void {
  const decision = limiter.take(caller.tokenId);
  if (!decision.ok) {
    throw new ApiProblem('rate-limited', `This token made too many requests; try again in ${decision.retryAfterSeconds} s.`, {
      headers: { 'retry-after': String(decision.retryAfterSeconds) },
    });
  }
}

export function checkRole(route: AnyRoute, caller: Caller): void {
  if (route.roles.includes(caller.role)) return;
  throw new ApiProblem(
    'role-not-permitted',
    `A token for role "${caller.role}" may not ${route.summary.toLowerCase()}; this needs role ${route.roles.map((r) => `"${r}"`).join(' or ')}.`,
  );
}

export function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Routes without a body take none; routes with one take exactly the media types they list. */
export function checkMediaType(route: AnyRoute, header: string | undefined): MediaType | undefined {
  if (!route.body) return undefined;
  const accepts = route.accepts ?? ['application/json'];
  const type = mediaTypeOf(header);
  const accepted = accepts.find((a) => a === type);
  if (accepted) return accepted;
  throw new ApiProblem(
    'unsupported-media-type',
    `${type ? `This route does not take ${type}` : 'The request has no Content-Type'}; send ${accepts.join(' or ')}.`,
  );
}

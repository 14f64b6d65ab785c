/**
 * Request and response bodies of the token routes (issue, list, revoke, audit). Registered in the
 * same schema registry as client/api/schemas.ts, so the OpenAPI document names them the same way.
 */
import { z } from 'zod';
import { apiSchemas, personId } from './schemas.js';
import { MAX_TTL_DAYS, ROLES, TOKEN_ID_SHAPE, type IssuedToken, type TokenAuditEntry, type TokenRecord } from './tokens.js';

function named<S extends z.ZodType>(schema: S, id: string, description?: string): S {
  apiSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

const instant = z.string().meta({ description: 'ISO 8601 instant', format: 'date-time' });
const role = z.enum(ROLES, { message: `one of ${ROLES.join(', ')}` });
const tokenId = z.string().regex(TOKEN_ID_SHAPE, { message: 'a token id as the token list shows it, e.g. 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' });

export const TokenParams = z.strictObject({ tokenId });

export const TokenRequestSchema = named(z.strictObject({
  person: personId.meta({ description: 'Who the token speaks for: named by some campaign\'s plan (owner, team, gates), or an admin already.' }),
  role,
  label: z.string().min(1).max(200).optional().meta({ description: 'What it is for, e.g. "li.na, approvals from phone".' }),
  ttlDays: z.int({ message: 'whole days, e.g. 30' }).min(1, { message: 'at least 1 day' }).max(MAX_TTL_DAYS, { message: `at most ${MAX_TTL_DAYS} days` })
    .optional().meta({ description: 'Days until it expires; default 90.' }),
}), 'TokenRequest');

export const IssuedTokenSchema = named(z.object({
  id: z.string(),
  token: z.string().meta({ description: 'The token itself: shown in this answer only, never again. Hand it over privately.' }),
  person: z.string(),
  role,
  expiresAt: instant,
}), 'IssuedToken');

const TokenSchema = z.object({
  id: z.string(),
  person: z.string(),
  role,
  label: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
  createdAt: instant,
  expiresAt: instant,
  revokedAt: instant.nullable(),
  issuedVia: z.enum(['api', 'bootstrap', 'setup', 'unrecorded']).meta({
    description: 'api: issued by an admin (issuedBy, issuedByToken); bootstrap: the first admin, on the command line; setup: by the product itself (dev stack, rehearsals); unrecorded: issued before issuers were recorded.',
  }),
  issuedBy: z.string().nullable(),
  issuedByToken: z.string().nullable(),
  lastUsedAt: instant.nullable().meta({ description: 'The start of the last minute the token was used in.' }),
});

export const TokenListSchema = named(z.object({
  tokens: z.array(TokenSchema).meta({ description: 'Every token ever issued, newest first; never the tokens themselves.' }),
}), 'TokenList');

export const RevocationSchema = named(z.object({
  id: z.string(),
  outcome: z.enum(['revoked', 'already-revoked']),
}), 'Revocation');

export const TokenAuditSchema = named(z.object({
  tokenId: z.string(),
  entries: z.array(z.object({
    at: instant,
    tokenId: z.string().nullable(),
    event: z.enum(['issued', 'revoked', 'used', 'refused']).meta({
      description: 'used: the token was used in the minute starting at `at` (one entry per minute at most); refused: a request with it was refused.',
    }),
    actor: z.string().nullable().meta({ description: 'Who did it: the admin who issued or revoked, the token\'s person using it; null on the command line or without a valid token.' }),
    actorToken: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })).meta({ description: 'Oldest first: what happened to the token, and what was done with it (the tokens an admin token issued and revoked).' }),
}), 'TokenAudit');

// The wire shapes above are written out for the document; these make sure they are the functions' own.
type Fits<Actual, Documented> = [Actual] extends [Documented] ? true : false;
type Same<A, B> = Fits<A, B> extends true ? Fits<B, A> : false;
const holds = <T extends true>(ok: T): T => ok;
holds<Same<z.output<typeof IssuedTokenSchema>, IssuedToken>>(true);
holds<Same<z.output<typeof TokenSchema>, TokenRecord>>(true);
holds<Same<z.output<typeof TokenAuditSchema>['entries'][number], TokenAuditEntry>>(true);

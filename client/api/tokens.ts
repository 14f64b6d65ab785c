/**
 * API tokens: who is calling, in which role. A token is shown once when issued; the records store
 * keeps only its SHA-256, so a leaked database does not leak working tokens. People get tokens
 * from an admin through the API (token-routes.ts); the first admin is bootstrapped once on the
 * command line; the product's own code (test fixtures, setup) makes tokens with `createToken`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ErrorType } from '../../domain/errors.js';
import { createStore, type StoredToken, type TokenAuditEntry, type TokenIssuer } from '../../store/index.js';
import { CampaignError } from '../campaigns.js';

export const ROLES = ['ops', 'approver', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The roles that work on campaigns. An admin administers tokens and nothing else: someone who also runs campaigns holds a second token. */
export const CAMPAIGN_ROLES = ['ops', 'approver', 'manager'] as const satisfies readonly Role[];

/** Recognisable in config files and secret scanners. */
export const TOKEN_PREFIX = 'cpn_';
const TOKEN_SHAPE = /^cpn_[A-Za-z0-9_-]{43}$/;
export const TOKEN_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Team member ids as plans write them (e.g. li.na). */
export const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const DEFAULT_TTL_DAYS = 90;
export const MAX_TTL_DAYS = 3_650;

export interface Caller {
  person: string;
  role: Role;
  tokenId: string;
}

export type TokenRefusal = 'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked';

export type Authentication =
  | { ok: true; caller: Caller }
  /** `tokenId` when the token was one we issued (expired or revoked). */
  | { ok: false; reason: TokenRefusal; tokenId?: string };

export interface TokenRequest {
  person: string;
  role: string;
  ttlDays?: number | undefined;
  label?: string | undefined;
}

export interface IssuedToken {
  id: string;
  /** The secret: shown this once. */
  token: string;
  person: string;
  role: Role;
  expiresAt: string;
}

export interface TokenRecord extends Omit<StoredToken, 'role' | 'expired'> {
  role: Role;
  state: 'active' | 'expired' | 'revoked';
}

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'not-found';

export type { TokenAuditEntry };

/** Token administration as an admin does it: through the API (client/operations/http.ts). */
export interface TokenAdministration {
  issueToken(request: TokenRequest): Promise<IssuedToken>;
  listTokens(): Promise<TokenRecord[]>;
  revokeToken(id: string): Promise<Exclude<RevokeOutcome, 'not-found'>>;
  tokenAudit(id: string): Promise<TokenAuditEntry[]>;
}

/** A token made by the product's own code for a person it knows (test fixtures, setup): no admin involved. */
export async function createToken(pool: pg.Pool, request: TokenRequest & { issuer?: TokenIssuer }): Promise<IssuedToken> {
  const checked = checkRequest(request);
  const secret = newSecret();
  const expiresAt = await createStore(pool).tokens.create({ ...checked, ...secret, issuer: request.issuer ?? { via: 'setup' } });
  return { ...secret, person: checked.person, role: checked.role, expiresAt };
}

/** What an admin's request to issue a token is checked against besides its shape. */
export type IssueRefusal = { refused: 'unknown-person'; person: string };

/**
 * A token issued by an admin. The person must be known: named by some campaign's plan (owner,
 * team, gates) or an admin already, so a typo or a stranger does not get a working token.
 */
export async function issueToken(pool: pg.Pool, request: TokenRequest, admin: Caller): Promise<IssuedToken | IssueRefusal> {
  const checked = checkRequest(request);
  const store = createStore(pool);
  const known = (await store.campaigns.namesPerson(checked.person)) || (await store.tokens.isAdmin(checked.person));
  if (!known) return { refused: 'unknown-person', person: checked.person };
  const secret = newSecret();
  const expiresAt = await store.tokens.create({ ...checked, ...secret, issuer: { via: 'api', person: admin.person, tokenId: admin.tokenId } });
  return { ...secret, person: checked.person, role: checked.role, expiresAt };
}

/** The first admin's token; refused (exit 3) once an admin token is active. */
export async function bootstrapAdmin(pool: pg.Pool, request: Omit<TokenRequest, 'role'>): Promise<IssuedToken> {
  const checked = checkRequest({ ...request, role: 'admin' });
  const secret = newSecret();
  const expiresAt = await createStore(pool).tokens.bootstrapAdmin({ ...checked, ...secret });
  if (expiresAt === undefined) throw adminExists();
  return { ...secret, person: checked.person, role: 'admin', expiresAt };
}

/** Tokens are administered through the API by an admin once there is one; this says how. */
export function adminExists(): CampaignError {
  return new CampaignError(
    'An admin token exists, so tokens are issued, listed and revoked by an admin through the API: set CAMPAIGN_API_URL ' +
      '(or --api) and CAMPAIGN_API_TOKEN to an admin token, then run the same command.',
    3, ErrorType.NotAuthorised,
  );
}

/** Revokes a token; `by` is the admin (absent for the product's own code). */
export async function revokeToken(pool: pg.Pool, id: string, by?: Caller): Promise<RevokeOutcome> {
  if (!TOKEN_ID_SHAPE.test(id)) return 'not-found';
  return (await createStore(pool).tokens.revoke(id, by ? { person: by.person, tokenId: by.tokenId } : undefined)) ?? 'not-found';
}

export async function listTokens(pool: pg.Pool): Promise<TokenRecord[]> {
  return (await createStore(pool).tokens.list()).map(({ expired, ...r }) => ({
    ...r,
    role: r.role as Role,
    state: r.revokedAt ? 'revoked' : expired ? 'expired' : 'active',
  }));
}

/** One token's audit, oldest first; undefined when there is no such token. */
export async function tokenTrail(pool: pg.Pool, id: string): Promise<TokenAuditEntry[] | undefined> {
  if (!TOKEN_ID_SHAPE.test(id)) return undefined;
  const store = createStore(pool);
  const entries = await store.tokenAudit.trail(id);
  // A token always has its `issued` row, except those issued before the audit existed.
  if (entries.length > 0 || (await store.tokens.exists(id))) return entries;
  return undefined;
}

/** Who holds this bearer token, or why it does not count. */
export async function authenticate(pool: pg.Pool, bearer: string | undefined): Promise<Authentication> {
  if (bearer === undefined || bearer === '') return { ok: false, reason: 'missing' };
  // Checked before any query: garbage never reaches the database.
  if (!TOKEN_SHAPE.test(bearer)) return { ok: false, reason: 'malformed' };
  const row = await createStore(pool).tokens.holder(bearer);
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked) return { ok: false, reason: 'revoked', tokenId: row.id };
  if (row.expired) return { ok: false, reason: 'expired', tokenId: row.id };
  return { ok: true, caller: { person: row.person, role: row.role as Role, tokenId: row.id } };
}

function checkRequest(request: TokenRequest): { person: string; role: Role; ttlDays: number; label: string | null } {
  if (!PERSON_ID.test(request.person)) {
    throw new CampaignError(`person: "${request.person}" is not a team member id; use letters, digits, dots, dashes or underscores, e.g. li.na`, 2, ErrorType.InvalidInput);
  }
  if (!(ROLES as readonly string[]).includes(request.role)) {
    throw new CampaignError(`role: "${request.role}" is not a role; use ${ROLES.join(', ')}`, 2, ErrorType.InvalidInput);
  }
  const ttlDays = request.ttlDays ?? DEFAULT_TTL_DAYS;
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > MAX_TTL_DAYS) {
    throw new CampaignError(`ttl-days: give whole days from 1 to ${MAX_TTL_DAYS}`, 2, ErrorType.InvalidInput);
  }
  return { person: request.person, role: request.role as Role, ttlDays, label: request.label ?? null };
}

function newSecret(): { id: string; token: string } {
  return { id: randomUUID(), token: `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}` };
}

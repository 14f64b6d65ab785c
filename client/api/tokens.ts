/**
 * API tokens: who is calling, in which role. A token is shown once when created; the records store
 * keeps only its SHA-256, so a leaked database does not leak working tokens.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createStore } from '../../store/index.js';
import { CampaignError } from '../campaigns.js';

export const ROLES = ['ops', 'approver', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/** Recognisable in config files and secret scanners. */
export const TOKEN_PREFIX = 'cpn_';
const TOKEN_SHAPE = /^cpn_[A-Za-z0-9_-]{43}$/;
const TOKEN_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Team member ids as plans write them (e.g. li.na). */
export const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const DEFAULT_TTL_DAYS = 90;
const MAX_TTL_DAYS = 3_650;

export interface Caller {
  person: string;
  role: Role;
  tokenId: string;
}

export type TokenRefusal = 'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked';

export type Authentication = { ok: true; caller: Caller } | { ok: false; reason: TokenRefusal };

export interface TokenRecord {
  id: string;
  person: string;
  role: Role;
  label: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

export async function createToken(
  pool: pg.Pool,
  opts: { person: string; role: string; ttlDays?: number; label?: string },
): Promise<{ id: string; token: string; expiresAt: string }> {
  if (!PERSON_ID.test(opts.person)) {
    throw new CampaignError(`person: "${opts.person}" is not a team member id; use letters, digits, dots, dashes or underscores, e.g. li.na`, 2);
  }
  if (!(ROLES as readonly string[]).includes(opts.role)) {
    throw new CampaignError(`role: "${opts.role}" is not a role; use ${ROLES.join(', ')}`, 2);
  }
  const ttlDays = opts.ttlDays ?? DEFAULT_TTL_DAYS;
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > MAX_TTL_DAYS) {
    throw new CampaignError(`ttl-days: give whole days from 1 to ${MAX_TTL_DAYS}`, 2);
  }
  const id = randomUUID();
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = await createStore(pool).tokens.create({ id, person: opts.person, role: opts.role, token, label: opts.label ?? null, ttlDays });
  return { id, token, expiresAt };
}

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'not-found';

export async function revokeToken(pool: pg.Pool, id: string): Promise<RevokeOutcome> {
  if (!TOKEN_ID_SHAPE.test(id)) return 'not-found';
  return (await createStore(pool).tokens.revoke(id)) ?? 'not-found';
}

export async function listTokens(pool: pg.Pool): Promise<TokenRecord[]> {
  return (await createStore(pool).tokens.list()).map(({ expired, ...r }) => ({
    ...r,
    role: r.role as Role,
    state: r.revokedAt ? 'revoked' : expired ? 'expired' : 'active',
  }));
}

/** Who holds this bearer token, or why it does not count. */
export async function authenticate(pool: pg.Pool, bearer: string | undefined): Promise<Authentication> {
  if (bearer === undefined || bearer === '') return { ok: false, reason: 'missing' };
  // Checked before any query: garbage never reaches the database.
  if (!TOKEN_SHAPE.test(bearer)) return { ok: false, reason: 'malformed' };
  const row = await createStore(pool).tokens.holder(bearer);
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked) return { ok: false, reason: 'revoked' };
  if (row.expired) return { ok: false, reason: 'expired' };
  return { ok: true, caller: { person: row.person, role: row.role as Role, tokenId: row.id } };
}

/**
 * API tokens: who is calling, in which role. A token is shown once when created; only its SHA-256
 * is stored, so a leaked database does not leak working tokens.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
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

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
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
  const { rows } = await pool.query<{ expires_at: Date }>(
    `INSERT INTO api_tokens (id, person, role, token_hash, label, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
     RETURNING expires_at`,
    [id, opts.person, opts.role, hashToken(token), opts.label ?? null, ttlDays],
  );
  return { id, token, expiresAt: rows[0]!.expires_at.toISOString() };
}

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'not-found';

export async function revokeToken(pool: pg.Pool, id: string): Promise<RevokeOutcome> {
  if (!TOKEN_ID_SHAPE.test(id)) return 'not-found';
  const { rows } = await pool.query<{ newly: boolean }>(
    `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
     RETURNING (revoked_at = now()) AS newly`,
    [id],
  );
  if (rows.length === 0) return 'not-found';
  return rows[0]!.newly ? 'revoked' : 'already-revoked';
}

export async function listTokens(pool: pg.Pool): Promise<TokenRecord[]> {
  const { rows } = await pool.query<{
    id: string; person: string; role: Role; label: string | null;
    created_at: Date; expires_at: Date; revoked_at: Date | null; expired: boolean;
  }>(
    `SELECT id, person, role, label, created_at, expires_at, revoked_at, expires_at <= now() AS expired
     FROM api_tokens ORDER BY created_at DESC, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    person: r.person,
    role: r.role,
    label: r.label,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    state: r.revoked_at ? 'revoked' : r.expired ? 'expired' : 'active',
  }));
}

/** Who holds this bearer token, or why it does not count. */
export async function authenticate(pool: pg.Pool, bearer: string | undefined): Promise<Authentication> {
  if (bearer === undefined || bearer === '') return { ok: false, reason: 'missing' };
  // Checked before any query: garbage never reaches the database.
  if (!TOKEN_SHAPE.test(bearer)) return { ok: false, reason: 'malformed' };
  const { rows } = await pool.query<{ id: string; person: string; role: Role; revoked: boolean; expired: boolean }>(
    `SELECT id, person, role, revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired
     FROM api_tokens WHERE token_hash = $1`,
    [hashToken(bearer)],
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked) return { ok: false, reason: 'revoked' };
  if (row.expired) return { ok: false, reason: 'expired' };
  return { ok: true, caller: { person: row.person, role: row.role, tokenId: row.id } };
}

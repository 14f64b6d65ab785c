/**
 * API tokens: who is calling, in which role. Only a token's SHA-256 is stored, so a leaked
 * database does not leak working tokens; the token itself is shown once, when it is created.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from './db.js';

export interface NewToken {
  id: string;
  person: string;
  role: string;
  /** The secret the caller will present; stored as its hash. */
  token: string;
  label: string | null;
  ttlDays: number;
}

export interface StoredToken {
  id: string;
  person: string;
  role: string;
  label: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  expired: boolean;
}

export interface TokenHolder {
  id: string;
  person: string;
  role: string;
  revoked: boolean;
  expired: boolean;
}

export interface TokenRecords {
  /** Stores a new token; returns when it expires. */
  create(token: NewToken): Promise<string>;
  /** Revokes a token (once); undefined when there is none with this id. */
  revoke(id: string): Promise<'revoked' | 'already-revoked' | undefined>;
  /** Every token, newest first. */
  list(): Promise<StoredToken[]>;
  /** Whose token this is, as the database knows it; undefined for a token never issued. */
  holder(token: string): Promise<TokenHolder | undefined>;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenRecords(db: Queryable): TokenRecords {
  return {
    async create({ id, person, role, token, label, ttlDays }) {
      const { rows } = await db.query<{ expires_at: Date }>(
        `INSERT INTO api_tokens (id, person, role, token_hash, label, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
         RETURNING expires_at`,
        [id, person, role, hashToken(token), label, ttlDays],
      );
      return rows[0]!.expires_at.toISOString();
    },

    async revoke(id) {
      const { rows } = await db.query<{ newly: boolean }>(
        `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
         RETURNING (revoked_at = now()) AS newly`,
        [id],
      );
      if (rows.length === 0) return undefined;
      return rows[0]!.newly ? 'revoked' : 'already-revoked';
    },

    async list() {
      const { rows } = await db.query<{
        id: string; person: string; role: string; label: string | null;
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
        expired: r.expired,
      }));
    },

    async holder(token) {
      const { rows } = await db.query<TokenHolder>(
        `SELECT id, person, role, revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired
         FROM api_tokens WHERE token_hash = $1`,
        [hashToken(token)],
      );
      return rows[0];
    },
  };
}

/**
 * API tokens: who is calling, in which role, issued by whom. Only a token's SHA-256 is stored, so
 * a leaked database does not leak working tokens; the token itself is shown once, when issued.
 * Issuing and revoking write their token audit row in the same statement, so neither happens
 * unrecorded.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction, withClient, type Queryable } from './db.js';

/** How a token came to be (api_tokens.issued_via). */
export type TokenIssuer =
  /** An admin's request through the API. */
  | { via: 'api'; person: string; tokenId: string }
  /** The first admin, on the command line, while there is none. */
  | { via: 'bootstrap' }
  /** The product's own code (the dev stack, rehearsals, test fixtures). */
  | { via: 'setup' };

export interface NewToken {
  id: string;
  person: string;
  role: string;
  /** The secret the caller will present; stored as its hash. */
  token: string;
  label: string | null;
  ttlDays: number;
  issuer: TokenIssuer;
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
  issuedVia: 'api' | 'bootstrap' | 'setup' | 'unrecorded';
  issuedBy: string | null;
  issuedByToken: string | null;
  /** The start of the last minute the token was used in; null when never used. */
  lastUsedAt: string | null;
}

export interface TokenHolder {
  id: string;
  person: string;
  role: string;
  revoked: boolean;
  expired: boolean;
}

/** Who revokes a token: an admin through the API; absent for the product's own code (test fixtures). */
export interface TokenRevoker {
  person: string;
  tokenId: string;
}

export interface TokenRecords {
  /** Stores a new token and its `issued` audit row; returns when it expires. */
  create(token: NewToken): Promise<string>;
  /**
   * Stores the first admin's token unless an admin token is active (unrevoked, unexpired);
   * undefined when one is. Bootstraps queue behind one another, so two at once make one admin.
   */
  bootstrapAdmin(token: Omit<NewToken, 'role' | 'issuer'>): Promise<string | undefined>;
  /** Revokes a token (once) and records who did; undefined when there is none with this id. */
  revoke(id: string, by?: TokenRevoker): Promise<'revoked' | 'already-revoked' | undefined>;
  /** Every token, newest first. */
  list(): Promise<StoredToken[]>;
  /** Whose token this is, as the database knows it; undefined for a token never issued. */
  holder(token: string): Promise<TokenHolder | undefined>;
  exists(id: string): Promise<boolean>;
  /** Whether `person` holds an active admin token. */
  isAdmin(person: string): Promise<boolean>;
}

const BOOTSTRAP_LOCK = 'api-tokens:bootstrap-admin';
const ACTIVE_ADMIN = "role = 'admin' AND revoked_at IS NULL AND expires_at > now()";

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenRecords(pool: Pool): TokenRecords {
  return {
    create: (token) => insertToken(pool, token),

    async bootstrapAdmin(token) {
      return withClient(pool, (client) => inTransaction(client, async () => {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [BOOTSTRAP_LOCK]);
        const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM api_tokens WHERE ${ACTIVE_ADMIN}) AS any`);
        if (rows[0]?.any) return undefined;
        return insertToken(client, { ...token, role: 'admin', issuer: { via: 'bootstrap' } });
      }));
    },

    async revoke(id, by) {
      const { rows } = await pool.query<{ newly: boolean }>(
        `WITH revoked AS (
           UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
           RETURNING id, (revoked_at = now()) AS newly
         ), audited AS (
           INSERT INTO api_token_audit (token_id, event, actor, actor_token, detail)
           SELECT id, 'revoked', $2, $3, jsonb_build_object('via', CASE WHEN $3::uuid IS NULL THEN 'setup' ELSE 'api' END) FROM revoked WHERE newly
         )
         SELECT newly FROM revoked`,
        [id, by?.person ?? null, by?.tokenId ?? null],
      );
      if (rows.length === 0) return undefined;
      return rows[0]!.newly ? 'revoked' : 'already-revoked';
    },

    async list() {
      const { rows } = await pool.query<{
        id: string; person: string; role: string; label: string | null;
        created_at: Date; expires_at: Date; revoked_at: Date | null; expired: boolean;
        issued_via: StoredToken['issuedVia']; issued_by: string | null; issued_by_token: string | null; last_used_at: Date | null;
      }>(
        `SELECT id, person, role, label, created_at, expires_at, revoked_at, expires_at <= now() AS expired,
                issued_via, issued_by, issued_by_token, last_used_at
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
        issuedVia: r.issued_via,
        issuedBy: r.issued_by,
        issuedByToken: r.issued_by_token,
        lastUsedAt: r.last_used_at?.toISOString() ?? null,
      }));
    },

    async holder(token) {
      const { rows } = await pool.query<TokenHolder>(
        `SELECT id, person, role, revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired
         FROM api_tokens WHERE token_hash = $1`,
        [hashToken(token)],
      );
      return rows[0];
    },

    async exists(id) {
      const { rowCount } = await pool.query('SELECT 1 FROM api_tokens WHERE id = $1', [id]);
      return (rowCount ?? 0) > 0;
    },

    async isAdmin(person) {
      const { rowCount } = await pool.query(`SELECT 1 FROM api_tokens WHERE person = $1 AND ${ACTIVE_ADMIN} LIMIT 1`, [person]);
      return (rowCount ?? 0) > 0;
    },
  };
}

/** The token and its `issued` row, in one statement. */
async function insertToken(db: Queryable, { id, person, role, token, label, ttlDays, issuer }: NewToken): Promise<string> {
  const by = issuer.via === 'api' ? issuer : undefined;
  const { rows } = await db.query<{ expires_at: Date }>(
    `WITH issued AS (
       INSERT INTO api_tokens (id, person, role, token_hash, label, expires_at, issued_via, issued_by, issued_by_token)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6), $7, $8, $9)
       RETURNING id, expires_at
     ), audited AS (
       INSERT INTO api_token_audit (token_id, event, actor, actor_token, detail)
       SELECT id, 'issued', $8, $9, jsonb_build_object('via', $7::text, 'person', $2::text, 'role', $3::text, 'ttlDays', $6::int) FROM issued
     )
     SELECT expires_at FROM issued`,
    [id, person, role, hashToken(token), label, ttlDays, issuer.via, by?.person ?? null, by?.tokenId ?? null],
  );
  return rows[0]!.expires_at.toISOString();
}

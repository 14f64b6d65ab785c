/**
 * The token audit: what happened to API tokens and with them — issued and revoked (written with
 * the change itself, store/tokens.ts), used (at most once per token per minute) and refused
 * (requests without a valid token, and requests their role may not make).
 */
import type { Queryable } from './db.js';

export type TokenEvent = 'issued' | 'revoked' | 'used' | 'refused';

export interface TokenRefusalRecord {
  /** The token the request carried, when it was one we issued (expired, revoked, or valid but refused). */
  tokenId: string | null;
  /** Who made the request, when their token was valid. */
  actor: string | null;
  detail: Record<string, unknown>;
}

export interface TokenAuditEntry {
  at: string;
  tokenId: string | null;
  event: TokenEvent;
  actor: string | null;
  actorToken: string | null;
  detail: Record<string, unknown>;
}

export interface TokenAuditRecords {
  refused(refusal: TokenRefusalRecord): Promise<void>;
  /**
   * Notes that the token was used, unless it was already within the last minute: moves
   * `last_used_at` and writes a `used` row together; false when nothing was written. The row lock
   * of the update makes it once per minute across every API process.
   */
  used(tokenId: string, actor: string, detail: Record<string, unknown>): Promise<boolean>;
  /** Everything about one token, oldest first: its issue, uses, refusals and revocation. */
  trail(tokenId: string): Promise<TokenAuditEntry[]>;
}

export function tokenAuditRecords(db: Queryable): TokenAuditRecords {
  return {
    async refused({ tokenId, actor, detail }) {
      await db.query(
        `INSERT INTO api_token_audit (token_id, event, actor, actor_token, detail) VALUES ($1, 'refused', $2, CASE WHEN $2::text IS NULL THEN NULL ELSE $1::uuid END, $3)`,
        [tokenId, actor, JSON.stringify(detail)],
      );
    },

    async used(tokenId, actor, detail) {
      const { rowCount } = await db.query(
        `WITH touched AS (
           UPDATE api_tokens SET last_used_at = now()
           WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= now() - interval '1 minute')
           RETURNING id
         )
         INSERT INTO api_token_audit (token_id, event, actor, actor_token, detail)
         SELECT id, 'used', $2, id, $3 FROM touched`,
        [tokenId, actor, JSON.stringify(detail)],
      );
      return (rowCount ?? 0) > 0;
    },

    async trail(tokenId) {
      const { rows } = await db.query<{
        at: Date; token_id: string | null; event: TokenEvent; actor: string | null; actor_token: string | null; detail: Record<string, unknown>;
      }>(
        `SELECT at, token_id, event, actor, actor_token, detail FROM api_token_audit
         WHERE token_id = $1 OR actor_token = $1 ORDER BY at, id`,
        [tokenId],
      );
      return rows.map((r) => ({
        at: r.at.toISOString(), tokenId: r.token_id, event: r.event, actor: r.actor, actorToken: r.actor_token, detail: r.detail,
      }));
    },
  };
}

-- Up Migration
-- Tokens administered by an admin: a fourth role; who issued each token and how; when it was last
-- used; and the token audit (issued, revoked, used, refused), kept beside the tokens for good.

ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check CHECK (role IN ('ops', 'approver', 'manager', 'admin'));

-- issued_via: 'api' (an admin's request: issued_by is the admin, issued_by_token their token),
-- 'bootstrap' (the first admin, on the command line, while there was none), 'setup' (the product's
-- own code: the dev stack, rehearsals, test fixtures), 'unrecorded' (issued before this migration).
ALTER TABLE api_tokens
  ADD COLUMN issued_via text NOT NULL DEFAULT 'unrecorded' CHECK (issued_via IN ('api', 'bootstrap', 'setup', 'unrecorded')),
  ADD COLUMN issued_by text,
  ADD COLUMN issued_by_token uuid REFERENCES api_tokens (id),
  ADD COLUMN last_used_at timestamptz,
  ADD CONSTRAINT api_tokens_issuer CHECK ((issued_via = 'api') = (issued_by IS NOT NULL AND issued_by_token IS NOT NULL));
ALTER TABLE api_tokens ALTER COLUMN issued_via DROP DEFAULT;
-- "Is there an admin yet?" is asked before every bootstrap and every issue of an admin token.
CREATE INDEX api_tokens_admins ON api_tokens (person) WHERE role = 'admin' AND revoked_at IS NULL;

-- token_id is null for a refused request whose token was missing, malformed or unknown. actor and
-- actor_token are who did it (the admin issuing or revoking, the token's person using it); null
-- when nobody authenticated (a bootstrap, a refused request). A 'used' row marks a minute in which
-- the token was used (at most one per token per minute, see client/api/token-use.ts).
CREATE TABLE api_token_audit (
  id          bigserial PRIMARY KEY,
  token_id    uuid REFERENCES api_tokens (id),
  event       text NOT NULL CHECK (event IN ('issued', 'revoked', 'used', 'refused')),
  actor       text,
  actor_token uuid REFERENCES api_tokens (id),
  at          timestamptz NOT NULL DEFAULT now(),
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX api_token_audit_token ON api_token_audit (token_id, at);
-- A token's trail also shows what was done with it (the tokens an admin issued and revoked).
CREATE INDEX api_token_audit_actor_token ON api_token_audit (actor_token, at);

-- Down Migration
DROP TABLE api_token_audit;
DROP INDEX api_tokens_admins;
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_issuer;
ALTER TABLE api_tokens DROP COLUMN last_used_at, DROP COLUMN issued_by_token, DROP COLUMN issued_by, DROP COLUMN issued_via;
DELETE FROM api_tokens WHERE role = 'admin';
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check CHECK (role IN ('ops', 'approver', 'manager'));

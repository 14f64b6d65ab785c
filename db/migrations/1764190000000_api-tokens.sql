-- Up Migration
-- Who may call the HTTP API and in which role. Only a token's SHA-256 is kept: the token itself is
-- shown once, when it is created. Rows are never deleted, so access logs (which name the token id)
-- can always be traced back to a person.

CREATE TABLE api_tokens (
  id          uuid PRIMARY KEY,
  person      text NOT NULL,
  role        text NOT NULL CHECK (role IN ('ops', 'approver', 'manager')),
  token_hash  text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  label       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX api_tokens_person ON api_tokens (person);

-- Down Migration
DROP TABLE api_tokens;

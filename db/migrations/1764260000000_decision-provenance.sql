-- Up Migration
-- How each decision came: for whom a delegate decided, by which path (api, cli, rehearsal), with
-- which API token, signed with which key. Older rows leave them empty.
ALTER TABLE gate_decisions
  ADD COLUMN on_behalf_of text,
  ADD COLUMN origin_path  text CHECK (origin_path IN ('api', 'cli', 'rehearsal')),
  ADD COLUMN token_id     text,
  ADD COLUMN signed_with  text;

-- Down Migration
ALTER TABLE gate_decisions
  DROP COLUMN on_behalf_of,
  DROP COLUMN origin_path,
  DROP COLUMN token_id,
  DROP COLUMN signed_with;

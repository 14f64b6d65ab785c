-- Up Migration
-- Rehearsals (domain/rehearsal.ts): a campaign started at a time scale other than 1, or with any
-- channel on the sandbox simulator. Decided once, when the campaign registers, and kept here so
-- `list`, `status`, the report and the case library read the same answer; the case library leaves
-- rehearsals out of searches and plan drafts unless asked. Campaigns registered before this
-- column are judged by the same rule (a channel without an adapter is on the sandbox, the default).

ALTER TABLE campaigns ADD COLUMN rehearsal boolean NOT NULL DEFAULT false;

UPDATE campaigns SET rehearsal = true
 WHERE time_scale <> 1
    OR EXISTS (
      SELECT 1 FROM jsonb_array_elements(coalesce(plan->'channels', '[]'::jsonb)) AS c
       WHERE coalesce(c->>'adapter', 'sandbox') = 'sandbox'
    );

-- Down Migration
ALTER TABLE campaigns DROP COLUMN rehearsal;

-- Up Migration
-- The read model: each campaign's status as its workflow last published it, so people read a
-- campaign without a workflow query and with every worker stopped. The workflow writes it from a
-- local activity inside the workflow task that changed it; (as_of, revision) orders the writes —
-- as_of is the workflow's own clock at the change, revision counts within a run — and a write
-- older than the stored one changes nothing. No reference to campaigns: the first status is
-- published in the campaign's first workflow task, beside the activity that registers it.

CREATE TABLE campaign_status (
  campaign_id  text PRIMARY KEY,
  workflow_id  text NOT NULL,
  run_id       text NOT NULL,
  task_queue   text NOT NULL,
  as_of        timestamptz NOT NULL,
  revision     integer NOT NULL,
  phase        text NOT NULL,
  status       jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX campaign_status_phase ON campaign_status (task_queue, phase);
-- The inbox: the campaigns whose status waits on a person.
CREATE INDEX campaign_status_waiting_on ON campaign_status USING gin ((status->'waitingOn'));

-- Down Migration
DROP TABLE campaign_status;

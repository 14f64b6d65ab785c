-- Up Migration
-- The preparation audit trail besides decisions (which stay in gate_decisions): readiness marks,
-- checklist ticks, consultations, acknowledgements, task completions, reminders and escalations.
-- event_key is decided in the workflow (an Update's id, or a chase step), so retries record once.
CREATE TABLE audit_events (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  event_key   text NOT NULL,
  kind        text NOT NULL,
  gate_id     text,
  task_id     text,
  actor       text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  happened_at timestamptz NOT NULL,
  PRIMARY KEY (campaign_id, event_key)
);
CREATE INDEX audit_events_campaign_time ON audit_events (campaign_id, happened_at);

-- Down Migration
DROP TABLE audit_events;

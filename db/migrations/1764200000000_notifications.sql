-- Up Migration
-- One row per message to one person's notify target, keyed by the workflow's step id. A retried
-- activity finds the deliveries that already succeeded and does not post them again; failures keep
-- their last error so the campaign's status can say who was not reached and why.

CREATE TABLE notification_deliveries (
  campaign_id      text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  notification_key text NOT NULL,
  person_id        text NOT NULL,
  target_index     integer NOT NULL CHECK (target_index >= 0),
  kind             text NOT NULL CHECK (kind IN ('wecom', 'dingtalk', 'feishu', 'slack', 'webhook', 'email')),
  status           text NOT NULL CHECK (status IN ('delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error       text,
  delivered_at     timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, notification_key, person_id, target_index)
);

-- Down Migration
DROP TABLE notification_deliveries;
